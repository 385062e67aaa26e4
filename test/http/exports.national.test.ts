import { beforeAll, describe, expect, it } from 'vitest';
import { createDynamoAggregateSources } from '../../shared/adapters/dynamo/aggregateStore';
import { MemoryEventPublisher } from '../../shared/adapters/local/memory';
import { hashSurveyToken } from '../../shared/domain/keys';
import { EXPORT_STATEMENT_IDS, NATIONAL_EXPORT_COLUMNS } from '../../shared/domain/nationalExport';
import { createApp } from '../../shared/http/app';
import { bearerTokenAuthenticator } from '../../shared/http/auth';
import type { AggregateSources } from '../../shared/ports';
import type { Organization } from '../../shared/schemas/config';
import type { AnswerValue, Channel, Respondent } from '../../shared/schemas/records';
import { nightlyRunInstant } from '../../shared/services/aggregate';
import { aggregateOrganization } from '../../shared/services/aggregateOrganization';
import { MemorySources } from '../support/aggregateFakes';
import { ADMIN, configure, createTestSystem, plantSurvey, REPORTS, type TestSystem } from '../support/system';

const ORG = 'org-pohde';
const MONTH = '2026-11';
const OID_A = '1.2.246.10.12345678.10.1';

interface RawAnswer {
  unitId: string;
  date: string;
  channel: Channel;
  respondent: Respondent;
  answers: Record<string, AnswerValue>;
}

const raw = (
  unitId: string,
  date: string,
  channel: Channel,
  respondent: Respondent,
  list: Record<string, AnswerValue>[],
): RawAnswer[] => list.map((answers) => ({ unitId, date, channel, respondent, answers }));

/**
 * The month's raw answers. u-a: six SMS answers from clients (8 sent), five children at the kiosk,
 * five relatives on the web. u-b: thirteen SMS answers (13 sent). u-c of another organization: two
 * answers, too few to show.
 */
const ANSWERS: RawAnswer[] = [
  ...raw('u-a', '2026-11-20', 'sms', 'client', [
    { nps: 10, helpInTime: 5 },
    { nps: 10, helpInTime: 5 },
    { nps: 9, helpInTime: 4 },
    { nps: 7, helpInTime: 'na' },
    { nps: 3, helpInTime: 1 },
    { nps: 0 },
  ]),
  ...raw('u-a', '2026-11-21', 'kiosk', 'child', [
    { childKind: 5 },
    { childKind: 5 },
    { childKind: 4 },
    { childKind: 3 },
    { childKind: 'na' },
  ]),
  ...raw('u-a', '2026-11-20', 'web', 'relative', [
    { nps: 8 },
    { nps: 6, relativeHeard: 2 },
    { nps: 10, relativeHeard: 5 },
    { relativeHeard: 'na' },
    { nps: 9 },
  ]),
  ...raw(
    'u-b',
    '2026-11-20',
    'sms',
    'client',
    Array.from({ length: 7 }, () => ({ nps: 9, helpInTime: 4 })),
  ),
  ...raw(
    'u-b',
    '2026-11-21',
    'sms',
    'client',
    Array.from({ length: 6 }, () => ({ nps: 10 })),
  ),
];
const SENT: Record<string, number> = { 'u-a': 8, 'u-b': 13 };
const OTHER = raw('u-c', '2026-11-20', 'sms', 'client', [{ nps: 1 }, { nps: 2, helpInTime: 3 }]);

type Row = Record<string, string | number | boolean | null>;

/** The export's counts of one unit × respondent × channel, recomputed from the raw answers. */
function recompute(unitId: string, respondent: string, channel: string): Row {
  const mine = ANSWERS.filter(
    (a) => a.unitId === unitId && a.respondent === respondent && a.channel === channel,
  );
  const row: Row = { sent: channel === 'sms' ? (SENT[unitId] ?? 0) : 0, responses: mine.length };
  for (let score = 0; score <= 10; score++)
    row[`nps_${score}`] = mine.filter((a) => a.answers.nps === score).length;
  for (const id of EXPORT_STATEMENT_IDS)
    for (const key of ['1', '2', '3', '4', '5', 'na'])
      row[`${id}_${key}`] = mine.filter((a) => String(a.answers[id]) === key).length;
  return row;
}

function parseCsv(text: string): string[][] {
  return text
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
}

describe('GET /api/v1/exports/national', () => {
  let system: TestSystem;
  let limited: ReturnType<typeof createApp>;
  beforeAll(async () => {
    system = await createTestSystem();
    await configure(system, { unitId: 'u-a', unit: { oid: OID_A } });
    await configure(system, { unitId: 'u-b' });
    await configure(system, { organizationId: 'org-other', unitId: 'u-c' });
    // Raw answers stored as the survey stores them, in DynamoDB Local.
    for (const [i, a] of [...ANSWERS, ...OTHER].entries()) {
      const organizationId = a.unitId === 'u-c' ? 'org-other' : ORG;
      // The store refuses an answer that is not its link's visit and set, or after the link expired.
      const token = await plantSurvey(system, {
        organizationId,
        unitId: a.unitId,
        visitDate: a.date,
        serviceCode: undefined,
        questionSetId: 'thl-national-v2',
        expiresAt: new Date(Date.parse(`${a.date}T12:00:00Z`) + 14 * 86_400_000).toISOString(),
      });
      const stored = await system.surveys.submitAnswer(
        hashSurveyToken(token),
        {
          answerId: `answer-${i}`,
          organizationId,
          unitId: a.unitId,
          visitDate: a.date,
          contactType: 'visit',
          language: 'fi',
          channel: a.channel,
          respondent: a.respondent,
          questionSetId: 'thl-national-v2',
          questionSetVersion: 1,
          answers: a.answers,
          answeredDate: a.date,
        },
        new Date(`${a.date}T12:00:00Z`),
      );
      expect(stored).toBe('stored');
    }
    // The SMS funnel: what was sent (decisions and dispatches are the visits table's; here in memory).
    const funnel = new MemorySources();
    for (const [unitId, sent] of Object.entries(SENT))
      for (let i = 0; i < sent; i++) funnel.addVisit(ORG, unitId, '2026-11-20', 'SCHEDULED', 'SENT');
    const dynamo = createDynamoAggregateSources(system.db, system.tables);
    const sources: AggregateSources = { ...dynamo, funnelItems: (u, d) => funnel.funnelItems(u, d) };
    const at = nightlyRunInstant('2026-11-21');
    for (const organizationId of [ORG, 'org-other'])
      await aggregateOrganization(
        {
          config: system.config,
          sources,
          aggregates: system.aggregates,
          events: new MemoryEventPublisher(() => at),
          log: system.log,
        },
        (await system.config.getOrganization(organizationId)) as Organization,
        '2026-11-21',
        at,
      );
    limited = createApp({
      clock: system.clock,
      config: system.config,
      surveys: system.surveys,
      aggregates: system.aggregates,
      comments: system.comments,
      log: system.log,
      publicBaseUrl: 'https://palaute.example.fi',
      authenticate: bearerTokenAuthenticator([
        { id: 'pohde-reports', token: 'pohde-reports-token', scopes: ['reports:read'], organizationId: ORG },
      ]),
    });
  });

  const exportOf = async (query: string, headers: Record<string, string> = REPORTS) => {
    const response = await system.app.request(`/api/v1/exports/national?${query}`, { headers });
    expect(response.status).toBe(200);
    return (await response.json()) as { columns: string[]; rows: Row[] };
  };

  it('recomputed from the raw answers: every shown row has exactly their counts, every suppressed row none', async () => {
    const { columns, rows } = await exportOf(`organizationId=${ORG}&month=${MONTH}`);
    expect(columns).toEqual(NATIONAL_EXPORT_COLUMNS);
    expect(rows.map((r) => [r.unitId, r.unitOid, r.respondent, r.channel])).toEqual([
      ['u-a', OID_A, 'client', 'sms'],
      ['u-a', OID_A, 'relative', 'web'],
      ['u-a', OID_A, 'child', 'kiosk'],
      ['u-b', null, 'client', 'sms'],
    ]);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(columns);
      expect(row).toMatchObject({ month: MONTH, organizationId: ORG });
      const counts = recompute(String(row.unitId), String(row.respondent), String(row.channel));
      for (const [column, value] of Object.entries(counts))
        expect(row[column], column).toBe(row.suppressed ? null : value);
    }
    expect(rows.every((row) => row.suppressed === false)).toBe(true);
  });

  it('matches the hand-computed figures of the fixture', async () => {
    const { rows } = await exportOf(`organizationId=${ORG}&month=${MONTH}`);
    const [smsA, webA, kioskA, smsB] = rows;
    // The relatives: 8, 6, 10, none, 9; relativeHeard 2, 5, "does not apply".
    expect(webA).toMatchObject({
      sent: 0,
      responses: 5,
      nps_8: 1,
      nps_6: 1,
      nps_10: 1,
      nps_9: 1,
      relativeHeard_2: 1,
      relativeHeard_5: 1,
      relativeHeard_na: 1,
    });
    // u-b: 13 sent, 13 answered; seven gave 9, six gave 10; helpInTime 4 seven times.
    expect(smsB).toMatchObject({
      suppressed: false,
      sent: 13,
      responses: 13,
      nps_9: 7,
      nps_10: 6,
      nps_8: 0,
      helpInTime_4: 7,
      helpInTime_na: 0,
    });
    // u-a's children: 5 at the kiosk, nothing sent; childKind 5, 5, 4, 3 and "don't know".
    expect(kioskA).toMatchObject({
      sent: 0,
      responses: 5,
      childKind_5: 2,
      childKind_4: 1,
      childKind_3: 1,
      childKind_na: 1,
      nps_0: 0,
    });
    expect(smsA).toMatchObject({
      sent: 8,
      responses: 6,
      nps_10: 2,
      nps_9: 1,
      nps_7: 1,
      nps_3: 1,
      nps_0: 1,
      helpInTime_5: 2,
      helpInTime_4: 1,
      helpInTime_1: 1,
      helpInTime_na: 1,
    });
  });

  it('CSV with Accept: text/csv: the same columns and rows, suppressed counts empty, no free text', async () => {
    const json = await exportOf(`organizationId=${ORG}&month=${MONTH}`);
    const response = await system.app.request(
      `/api/v1/exports/national?organizationId=${ORG}&month=${MONTH}`,
      {
        headers: { ...ADMIN, Accept: 'text/csv' },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const [header, ...lines] = parseCsv(await response.text());
    expect(header).toEqual(NATIONAL_EXPORT_COLUMNS);
    expect(lines).toHaveLength(json.rows.length);
    lines.forEach((line, i) => {
      const row = json.rows[i] as Row;
      expect(line).toEqual(NATIONAL_EXPORT_COLUMNS.map((c) => (row[c] === null ? '' : String(row[c]))));
    });
    expect(header).not.toContain('comment');
  });

  it('another organization is 404 to a limited token, as one that does not exist; bad input is 400', async () => {
    const own = await limited.request(`/api/v1/exports/national?month=${MONTH}`, {
      headers: { Authorization: 'Bearer pohde-reports-token' },
    });
    expect(own.status).toBe(200);
    for (const organizationId of ['org-other', 'org-missing']) {
      const response = await limited.request(
        `/api/v1/exports/national?organizationId=${organizationId}&month=${MONTH}`,
        {
          headers: { Authorization: 'Bearer pohde-reports-token' },
        },
      );
      expect(response.status).toBe(404);
    }
    // Two answers are too few: the row says it is suppressed and carries no counts.
    const [small] = (await exportOf(`organizationId=org-other&month=${MONTH}`)).rows;
    expect(small).toMatchObject({ unitId: 'u-c', respondent: 'client', channel: 'sms', suppressed: true });
    const counts = Object.entries(small ?? {}).filter(
      ([c]) =>
        !['month', 'organizationId', 'unitId', 'unitOid', 'respondent', 'channel', 'suppressed'].includes(c),
    );
    expect(counts.length).toBeGreaterThan(20);
    expect(counts.every(([, v]) => v === null)).toBe(true);
    const bad = await system.app.request(`/api/v1/exports/national?organizationId=${ORG}&month=2026-13`, {
      headers: REPORTS,
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('month');
    expect((await system.app.request(`/api/v1/exports/national?month=${MONTH}`)).status).toBe(401);
  });

  it('the reports read the slices from DynamoDB: ?channel=&respondent= rows, and the unit page’s table', async () => {
    const get = async (path: string) => {
      const response = await system.app.request(path, { headers: REPORTS });
      expect(response.status, path).toBe(200);
      return ((await response.json()) as { rows: Row[] }).rows;
    };
    const daily = await get('/api/v1/reports/daily?unitId=u-a&from=2026-11-20&to=2026-11-21&channel=kiosk');
    expect(daily.map((r) => [r.date, r.channel, r.respondent, r.responses, r.responseRate])).toEqual([
      ['2026-11-21', 'kiosk', 'child', 5, null],
    ]);
    const relatives = await get(
      `/api/v1/reports/monthly?organizationId=${ORG}&from=${MONTH}&to=${MONTH}&respondent=relative`,
    );
    expect(relatives.map((r) => [r.unitId, r.channel, r.responses])).toEqual([
      ['*', 'web', 5],
      ['u-a', 'web', 5],
    ]);
    // Without a filter: the all-channels rows as ever; u-a's rate is its SMS answers over SMS sent.
    const [all] = await get('/api/v1/reports/monthly?unitId=u-a&from=2026-11&to=2026-11');
    expect(all).toMatchObject({ responses: 16, responseRate: 0.75 });
    expect(all?.channel).toBeUndefined();
    const bad = await system.app.request(
      '/api/v1/reports/daily?unitId=u-a&from=2026-11-20&to=2026-11-21&channel=fax',
      {
        headers: REPORTS,
      },
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('channel');
    const page = await (await system.app.request('/reports/units/u-a?lang=en', { headers: REPORTS })).text();
    expect(page).toContain('By channel and respondent group');
    expect(page).toContain('<td>Tablet at the unit</td><td>Child (7–12)</td><td>5</td>');
  });
});
