import { beforeAll, describe, expect, it } from 'vitest';
import { createDynamoAggregateSources } from '../../shared/adapters/dynamo/aggregateStore';
import { GSI_BY_UNIT_DATE } from '../../shared/adapters/dynamo/tables';
import type { ReportRow } from '../../shared/domain/aggregatePublication';
import type { AggregateRunSummary } from '../../shared/services/aggregate';
import { foldCell } from '../../shared/services/aggregateFold';
import {
  ADMIN,
  completedEvent,
  configure,
  createTestSystem,
  putJson,
  REPORTS,
  setClock,
  type TestSystem,
  tokenFrom,
  unitBody,
} from '../support/system';

const ORG = 'org-pohde';
const DAY = '2026-11-20';

interface Visit {
  unitId: string;
  phone: string;
  /** Form body to post, or undefined for no answer. */
  answer?: string;
}

async function runJob(system: TestSystem, date: string) {
  const response = await system.app.request('/local/jobs/aggregate', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ date }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as AggregateRunSummary;
}

async function daily(system: TestSystem, query: string, headers: Record<string, string> = REPORTS) {
  const response = await system.app.request(`/api/v1/reports/daily?${query}`, { headers });
  expect(response.status).toBe(200);
  return ((await response.json()) as { rows: ReportRow[] }).rows;
}

describe('from events to a report, on DynamoDB Local', () => {
  let system: TestSystem;
  const tokens = new Map<string, string>();
  const sentCommands: { name: string; input: Record<string, unknown> }[] = [];
  let late: string;

  beforeAll(async () => {
    system = await createTestSystem();
    await configure(system, { unitId: 'u-big' });
    for (const unitId of ['u-mid', 'u-small']) {
      const response = await putJson(system, `/api/v1/units/${unitId}`, unitBody(ORG));
      expect(response.status).toBe(201);
    }
    await setClock(system, '2026-11-20T10:00:00+02:00');

    let n = 0;
    const phone = () => `+35840${String(1_000_000 + n++).slice(1)}`;
    const visits: Visit[] = [
      ...Array.from({ length: 8 }, (_, i) => ({
        unitId: 'u-big',
        phone: phone(),
        answer:
          i < 7
            ? `nps=${i < 4 ? 10 : 5}&caredFor=4&participation=${i % 2 ? 5 : 'na'}&comment=Iso+${i}`
            : undefined,
      })),
      ...Array.from({ length: 6 }, () => ({ unitId: 'u-mid', phone: phone(), answer: 'nps=9&caredFor=5' })),
      ...Array.from({ length: 3 }, (_, i) => ({
        unitId: 'u-small',
        phone: phone(),
        answer: i < 2 ? 'nps=0&comment=Pieni+yksikk%C3%B6' : undefined,
      })),
    ];
    for (const visit of visits) {
      const event = completedEvent({ unitId: visit.unitId }, { mobilePhone: visit.phone });
      expect((await system.ingest(JSON.stringify(event))).status).toBe('decided');
    }
    // not surveyed: under age, no mobile
    await system.ingest(JSON.stringify(completedEvent({ unitId: 'u-big' }, { age: 15 })));
    await system.ingest(JSON.stringify(completedEvent({ unitId: 'u-big' }, { mobilePhone: undefined })));

    await setClock(system, '2026-11-20T12:00:00+02:00');
    for (const message of system.outbox.messages) tokens.set(message.to, tokenFrom(message.body));
    expect(tokens.size).toBe(visits.length);
    for (const visit of visits) {
      if (!visit.answer) continue;
      const response = await system.app.request(`/s/${tokens.get(visit.phone)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: visit.answer,
      });
      expect(response.status).toBe(200);
    }
    late = tokens.get(visits[7]?.phone as string) as string;

    const send = system.db.send.bind(system.db);
    system.db.send = ((
      command: { constructor: { name: string }; input: Record<string, unknown> },
      ...rest: []
    ) => {
      sentCommands.push({ name: command.constructor.name, input: command.input });
      return send(command as never, ...rest);
    }) as typeof system.db.send;
  });

  it('the nightly job computes the day, suppresses small cells and their complement, and tells the bus', async () => {
    const summary = await runJob(system, DAY);
    expect(summary.failures).toEqual([]);
    expect(summary.organizations).toEqual([
      expect.objectContaining({
        organizationId: ORG,
        date: DAY,
        visitDates: { from: '2026-11-02', to: DAY },
        units: ['u-big', 'u-mid', 'u-small'],
      }),
    ]);

    const rows = await daily(system, `organizationId=${ORG}&from=${DAY}&to=${DAY}`);
    const byUnit = Object.fromEntries(rows.map((r) => [r.unitId, r]));
    expect(Object.keys(byUnit)).toEqual(['*', 'u-big', 'u-mid', 'u-small']);
    expect(byUnit['u-big']).toMatchObject({
      date: DAY,
      suppressed: false,
      responses: 7,
      responseRate: 0.875,
      nps: 14,
      npsCounts: { promoters: 4, passives: 0, detractors: 3 },
      funnel: {
        received: 10,
        sent: 8,
        failed: 0,
        cancelled: 0,
        expired: 0,
        optedOut: 0,
        decisions: { SCHEDULED: 8, UNDER_AGE: 1, NO_MOBILE: 1, NOT_SAMPLED: 0 },
      },
    });
    expect(byUnit['u-big']?.questions?.caredFor).toEqual({
      n: 7,
      mean: 4,
      distribution: { '1': 0, '2': 0, '3': 0, '4': 7, '5': 0, na: 0 },
    });
    expect(byUnit['u-big']?.questions?.participation).toMatchObject({
      n: 3,
      mean: 5,
      distribution: { na: 4 },
    });
    expect(byUnit['u-small']).toMatchObject({
      suppressed: true,
      suppressionReason: 'minReportN',
      nps: null,
      questions: null,
    });
    expect(byUnit['u-mid']).toMatchObject({
      suppressed: true,
      suppressionReason: 'complementary',
      nps: null,
    });
    expect(byUnit['*']).toMatchObject({
      suppressed: false,
      responses: 15,
      funnel: { received: 19, sent: 17 },
    });

    const events = (await (await system.app.request('/local/published-events')).json()) as {
      events: { source: string; detailType: string; detail: unknown }[];
    };
    expect(events.events).toContainEqual(
      expect.objectContaining({
        source: 'palaute',
        detailType: 'Aggregates Ready',
        detail: { date: DAY, organizationId: ORG, units: ['u-big', 'u-mid', 'u-small'] },
      }),
    );
  });

  it('reads only by key and index: never a scan, never a visit of the visits table itself', () => {
    expect(sentCommands.some((c) => c.name === 'ScanCommand')).toBe(false);
    const onVisits = sentCommands.filter((c) => c.input.TableName === system.tables.visits);
    expect(onVisits.some((c) => c.name === 'QueryCommand' && c.input.IndexName === GSI_BY_UNIT_DATE)).toBe(
      true,
    );
    // Apart from the index: only the organization's touched record (see docs/data-model.md).
    const touchedPartition = (c: (typeof onVisits)[number]) =>
      ((c.input.ExpressionAttributeValues as Record<string, unknown> | undefined)?.[':pk'] ??
        (c.input.Key as Record<string, unknown> | undefined)?.pk ??
        (c.input.Item as Record<string, unknown> | undefined)?.pk) === `TOUCHED#${ORG}`;
    expect(onVisits.filter((c) => c.input.IndexName !== GSI_BY_UNIT_DATE).every(touchedPartition)).toBe(true);
  });

  it('folds the same figures with pages of two items', async () => {
    const small = createDynamoAggregateSources(system.db, system.tables, { pageSize: 2 });
    const large = createDynamoAggregateSources(system.db, system.tables);
    expect(await foldCell(small, ORG, 'u-big', DAY)).toEqual(await foldCell(large, ORG, 'u-big', DAY));
  });

  it('a rerun writes nothing and gives the same report', async () => {
    const before = await daily(system, `organizationId=${ORG}&from=2026-11-01&to=2026-11-30`);
    const summary = await runJob(system, DAY);
    expect(summary.organizations[0]).toMatchObject({ cellsWritten: 0, cellsDeleted: 0 });
    expect(await daily(system, `organizationId=${ORG}&from=2026-11-01&to=2026-11-30`)).toEqual(before);
  });

  it('comments come only from published cells, with the NPS given', async () => {
    const response = await system.app.request(`/api/v1/reports/comments?unitId=u-big&from=${DAY}&to=${DAY}`, {
      headers: REPORTS,
    });
    const { comments } = (await response.json()) as {
      comments: { comment: string; nps: number; language: string }[];
    };
    expect(comments).toHaveLength(7);
    expect(comments.find((c) => c.comment === 'Iso 0')).toMatchObject({
      nps: 10,
      language: 'fi',
      date: DAY,
      unitId: 'u-big',
    });
    const small = await system.app.request(`/api/v1/reports/comments?unitId=u-small&from=${DAY}&to=${DAY}`, {
      headers: REPORTS,
    });
    expect(((await small.json()) as { comments: unknown[] }).comments).toEqual([]);
  });

  it('a late answer changes a date still open on a later night', async () => {
    await setClock(system, '2026-11-23T15:00:00+02:00');
    const post = await system.app.request(`/s/${late}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'nps=8',
    });
    expect(post.status).toBe(200);
    const summary = await runJob(system, '2026-11-23');
    expect(summary.organizations[0]?.visitDates).toEqual({ from: '2026-11-05', to: '2026-11-23' });
    const [big] = await daily(system, `unitId=u-big&from=${DAY}&to=${DAY}`, ADMIN);
    expect(big).toMatchObject({
      responses: 8,
      responseRate: 1,
      npsCounts: { promoters: 4, passives: 1, detractors: 3 },
    });
    // 4 promoters, 3 detractors of 8: 12.5 → 13 (half away from zero)
    expect(big?.nps).toBe(13);
  });

  it('monthly and CSV over the same data; the report page renders', async () => {
    const monthly = await system.app.request(
      `/api/v1/reports/monthly?organizationId=${ORG}&from=2026-11&to=2026-11`,
      {
        headers: REPORTS,
      },
    );
    const { rows } = (await monthly.json()) as { rows: ReportRow[] };
    expect(rows.find((r) => r.unitId === '*')).toMatchObject({ date: '2026-11', responses: 16 });
    const csv = await system.app.request(`/api/v1/reports/daily?unitId=u-big&from=${DAY}&to=${DAY}`, {
      headers: { ...REPORTS, accept: 'text/csv' },
    });
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^2026-11-20,org-pohde,u-big,,,,false,,10,/);
    const page = await system.app.request('/reports/units/u-big', { headers: REPORTS });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Keskustan terveysasema');
  });

  it('validates the local job body', async () => {
    const response = await system.app.request('/local/jobs/aggregate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ date: '20.11.2026' }),
    });
    expect(response.status).toBe(400);
  });
});

describe('visits of unknown units, on DynamoDB Local', () => {
  it('an event for a unit that is not configured shows in the organization row after the job', async () => {
    const system = await createTestSystem();
    await configure(system, { unitId: 'u-known' });
    await setClock(system, '2026-11-20T10:00:00+02:00');
    const known = completedEvent({ unitId: 'u-known' }, { age: 15 });
    expect((await system.ingest(JSON.stringify(known))).status).toBe('decided');
    for (const unitId of ['u-not-configured', 'u-not-configured', 'u-typo']) {
      expect((await system.ingest(JSON.stringify(completedEvent({ unitId })))).status).toBe('decided');
    }
    // a unit of another organization is not this organization's visit: it goes to the organization named
    await configure(system, { organizationId: 'org-other', unitId: 'u-other' });
    const foreign = completedEvent({ unitId: 'u-other' });
    expect((await system.ingest(JSON.stringify(foreign))).status).toBe('decided');

    const summary = await runJob(system, DAY);
    expect(summary.failures).toEqual([]);
    expect(summary.organizations.find((o) => o.organizationId === ORG)?.units).toEqual(['u-known']);

    const rows = await daily(system, `organizationId=${ORG}&from=${DAY}&to=${DAY}`);
    expect(rows.map((r) => r.unitId)).toEqual(['*', 'u-known']);
    const [organization, unit] = rows;
    expect(organization?.funnel).toMatchObject({
      received: 5,
      decisions: { UNKNOWN_UNIT: 4, UNDER_AGE: 1, SCHEDULED: 0 },
    });
    expect(unit?.funnel).toMatchObject({ received: 1, decisions: { UNKNOWN_UNIT: 0, UNDER_AGE: 1 } });
    const other = await daily(system, `organizationId=org-other&from=${DAY}&to=${DAY}`);
    expect(other.every((r) => r.funnel.decisions.UNKNOWN_UNIT === 0)).toBe(true);

    const monthly = await system.app.request(
      `/api/v1/reports/monthly?organizationId=${ORG}&from=2026-11&to=2026-11`,
      { headers: REPORTS },
    );
    const { rows: months } = (await monthly.json()) as { rows: ReportRow[] };
    expect(months.find((r) => r.unitId === '*')?.funnel).toMatchObject({
      received: 5,
      decisions: { UNKNOWN_UNIT: 4 },
    });
  });
});
