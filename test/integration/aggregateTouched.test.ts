import { describe, expect, it } from 'vitest';
import { createDynamoTouchedRecord, markTouched } from '../../shared/adapters/dynamo/touchedRecord';
import type { ReportRow } from '../../shared/domain/aggregatePublication';
import type { AggregateRunSummary } from '../../shared/services/aggregate';
import {
  ADMIN,
  completedEvent,
  configure,
  createTestSystem,
  putJson,
  REPORTS,
  setClock,
  type TestSystem,
  unitBody,
} from '../support/system';

const ORG = 'org-pohde';
const DAY = '2026-11-20';

async function runJob(system: TestSystem, date: string) {
  const response = await system.app.request('/local/jobs/aggregate', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ date }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as AggregateRunSummary).organizations.find((o) => o.organizationId === ORG);
}

async function received(system: TestSystem) {
  const response = await system.app.request(
    `/api/v1/reports/daily?organizationId=${ORG}&from=${DAY}&to=${DAY}`,
    {
      headers: REPORTS,
    },
  );
  const { rows } = (await response.json()) as { rows: ReportRow[] };
  return Object.fromEntries(rows.map((row) => [row.unitId, row.funnel.received]));
}

describe('the touched record, on DynamoDB Local', () => {
  it('after its first night, a night reads only the unit-dates that changed, and counts every change', async () => {
    const system = await createTestSystem();
    await configure(system, { unitId: 'u-a' });
    expect((await putJson(system, '/api/v1/units/u-b', unitBody(ORG))).status).toBe(201);
    await setClock(system, '2026-11-20T10:00:00+02:00');
    const visit = async (unitId: string, completedAt = '2026-11-20T09:40:00+02:00') =>
      expect(
        (await system.ingest(JSON.stringify(completedEvent({ unitId, completedAt }, { age: 15 })))).status,
      ).toBe('decided');
    await visit('u-a');
    await visit('u-b');
    await visit('u-unknown');

    const first = await runJob(system, DAY);
    // no night has run with the record yet: every unit's every open date (19) and the unknown units'
    expect(first).toMatchObject({ mode: 'full', unitDatesRead: 3 * 19, units: ['u-a', 'u-b'] });
    expect(await received(system)).toEqual({ '*': 3, 'u-a': 1, 'u-b': 1 });

    await setClock(system, '2026-11-21T09:00:00+02:00');
    await visit('u-a', '2026-11-21T08:00:00+02:00'); // a visit of the 21st: its night is tomorrow's
    await visit('u-a', '2026-11-20T16:00:00+02:00'); // a late event of the 20th
    await visit('u-unknown');

    const second = await runJob(system, DAY);
    // u-a's 20th, and the unknown units' 20th: nothing of u-b, nothing of the 21st
    expect(second).toMatchObject({ mode: 'touched', unitDatesRead: 2, units: ['u-a'] });
    expect(await received(system)).toEqual({ '*': 5, 'u-a': 2, 'u-b': 1 });

    const third = await runJob(system, '2026-11-21');
    expect(third).toMatchObject({ mode: 'touched', unitDatesRead: 1, units: ['u-a'] });
    const again = await runJob(system, '2026-11-21');
    expect(again).toMatchObject({ mode: 'touched', unitDatesRead: 0, cellsWritten: 0, cellsDeleted: 0 });
    expect(await received(system)).toEqual({ '*': 5, 'u-a': 2, 'u-b': 1 });
  });

  it('counts a paper answer keyed in after the first night (open-link and paper answers touch too)', async () => {
    const system = await createTestSystem();
    await configure(system, { unitId: 'u-a' });
    await setClock(system, '2026-11-20T10:00:00+02:00');
    expect(await runJob(system, DAY)).toMatchObject({ mode: 'full' });

    await setClock(system, '2026-11-21T09:00:00+02:00');
    const paper = await system.app.request('/api/v1/units/u-a/paper-answers', {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ visitDate: DAY, respondent: 'relative', answers: { nps: 9 } }),
    });
    expect(paper.status).toBe(201);
    expect(await runJob(system, DAY)).toMatchObject({ mode: 'touched', unitDatesRead: 1, units: ['u-a'] });
    const response = await system.app.request(
      `/api/v1/reports/daily?unitId=u-a&from=${DAY}&to=${DAY}&channel=paper`,
      { headers: REPORTS },
    );
    expect(response.status, await response.clone().text()).toBe(200);
    const { rows } = (await response.json()) as { rows: ReportRow[] };
    expect(rows.map((row) => [row.channel, row.respondent, row.responses])).toEqual([
      ['paper', 'relative', 1],
    ]);
  });

  it('forgets a touch only if nobody touched it again since it was read, and only once it has settled', async () => {
    const system = await createTestSystem();
    const visit = { organizationId: 'org-t', unitId: 'u-1', visitDate: DAY };
    const settled = createDynamoTouchedRecord(system.db, system.tables, { settleMs: 0 });
    await markTouched(system.db, system.tables.visits, visit);
    await markTouched(system.db, system.tables.surveys, visit);
    const read = await settled.pending('org-t');
    expect(read).toMatchObject({ hasRun: false, touches: [{ ...visit, settled: true }, { settled: true }] });
    await markTouched(system.db, system.tables.surveys, visit); // an answer lands while the job runs
    await settled.clear(read.touches);
    expect((await settled.pending('org-t')).touches).toEqual([
      expect.objectContaining({ ...visit, source: 1, version: 2 }),
    ]);
    // a touch just written has not settled: a job reads its unit-date but must not forget it yet
    const careful = createDynamoTouchedRecord(system.db, system.tables, { settleMs: 60_000 });
    expect((await careful.pending('org-t')).touches).toEqual([expect.objectContaining({ settled: false })]);
    await settled.markRun('org-t', new Date());
    expect((await settled.pending('org-t')).hasRun).toBe(true);
  });
});
