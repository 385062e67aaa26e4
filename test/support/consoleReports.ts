import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { keys } from '../../shared/adapters/dynamo/tables';
import { type CellCounts, CORE_STATEMENT_IDS, emptyCounts } from '../../shared/domain/aggregate';
import type { SuppressionReason } from '../../shared/domain/aggregateSuppression';
import { addLocalDays } from '../../shared/domain/sendTime';
import type { AggregateCell } from '../../shared/ports';
import { BASE_URL, organizationBody, putJson, setClock, type TestSystem, unitBody } from './system';

/**
 * The report screens' data, put in place as the nightly job leaves it (cells with their suppression
 * flags) and as answers are stored (comments in the answers partition):
 *
 * org-pohde (minReportN 5), areas area-n (u-a, u-b) and area-s (u-c); org-other with u-x.
 * Last day with figures 2026-11-19 (the clock is 2026-11-20 in Helsinki).
 * - u-a "Aalto": SMS every day 2026-10-01…11-19 (8 sent, 6 answers: 4 promoters, 1 passive,
 *   1 detractor → NPS 50), measuring continuously now and on 2026-10-31.
 * - u-b "Björk": SMS 11-06…11-19 only (4 sent, 3 answers, all promoters): every day withheld
 *   (minReportN), its month withheld (complementary). Not measuring continuously.
 * - u-c "Cedar": SMS every day 10-20…11-19 (12 sent, 10 answers: 1 promoter, 2 passives,
 *   7 detractors → NPS −60): measuring now, not on 10-31.
 * Comments: u-a 11-18 "Hyvä palvelu, kiitos" and 11-10 "Parkkipaikka oli täynnä" (shown);
 * u-a 11-17 "VANHA SÄÄNTÖ" (published under minReportN 3, 4 answers: never shown now);
 * u-b 11-18 "SALAINEN pieni päivä" (withheld day: never shown); u-c 11-18 "Odotusaika oli pitkä".
 */
export const REPORTS_ORG = 'org-pohde';
export const OTHER_ORG = 'org-other';
export const AS_OF = '2026-11-19';
export const NOW = '2026-11-20T10:00:00+02:00';
export const PASSWORD = 'salasana-123456';
export const SHOWN_COMMENTS = ['Hyvä palvelu, kiitos', 'Parkkipaikka oli täynnä'];
export const HIDDEN_COMMENTS = ['VANHA SÄÄNTÖ', 'SALAINEN pieni päivä'];
export const UNIT_C_COMMENT = 'Odotusaika oli pitkä';

export const USERS = [
  { username: 'platform', roles: [{ role: 'platform-admin' }] },
  { username: 'orgadmin', roles: [{ role: 'org-admin', organizationId: REPORTS_ORG }] },
  {
    username: 'areamanager',
    roles: [{ role: 'area-manager', organizationId: REPORTS_ORG, areaIds: ['area-n'] }],
  },
  {
    username: 'unitmanager',
    roles: [{ role: 'unit-manager', organizationId: REPORTS_ORG, unitIds: ['u-c'] }],
  },
  { username: 'viewer', roles: [{ role: 'viewer', organizationId: REPORTS_ORG }] },
] as const;

/** The users file for `createTestSystem({ usersFile })`. */
export function writeUsersFile(): string {
  const path = join(tmpdir(), `palaute-report-users-${process.pid}-${Date.now()}.json`);
  writeFileSync(path, JSON.stringify(USERS.map((u) => ({ ...u, password: PASSWORD }))));
  return path;
}

const STATEMENT = CORE_STATEMENT_IDS[0] as string;

function counts(sent: number, promoters: number, passives: number, detractors: number): CellCounts {
  const c = emptyCounts();
  c.funnel.received = sent;
  c.funnel.decisions.SCHEDULED = sent;
  c.funnel.sent = sent;
  c.responses = promoters + passives + detractors;
  c.npsCounts = { promoters, passives, detractors };
  c.questions[STATEMENT] = { '1': 0, '2': detractors, '3': passives, '4': 0, '5': promoters, na: 0 };
  return c;
}

function cell(
  unitId: string,
  granularity: 'day' | 'month',
  period: string,
  c: CellCounts,
  suppressionReason?: SuppressionReason,
  minReportN = 5,
  areaId?: string,
): AggregateCell {
  return {
    organizationId: REPORTS_ORG,
    unitId,
    ...(areaId ? { areaId } : {}),
    granularity,
    period,
    counts: c,
    suppressed: suppressionReason !== undefined,
    ...(suppressionReason ? { suppressionReason } : {}),
    minReportN,
    updatedAt: '2026-11-20T00:00:00.000Z',
  };
}

const dates = (from: string, to: string) => {
  const list: string[] = [];
  for (let d = from; d <= to; d = addLocalDays(d, 1)) list.push(d);
  return list;
};

async function put(system: TestSystem, path: string, body: unknown) {
  const response = await putJson(system, path, body);
  expect(response.status, `${path}: ${await response.clone().text()}`).toBeLessThan(300);
}

async function comment(system: TestSystem, unitId: string, visitDate: string, text: string, nps: number) {
  await system.db.send(
    new PutCommand({
      TableName: system.tables.surveys,
      Item: {
        pk: keys.answers(unitId, visitDate),
        sk: `ans-${unitId}-${visitDate}-${text.length}`,
        answerId: `ans-${unitId}-${visitDate}-${text.length}`,
        organizationId: REPORTS_ORG,
        unitId,
        visitDate,
        answeredDate: visitDate,
        language: 'fi',
        answers: { nps },
        comment: text,
      },
    }),
  );
}

export async function seedReports(system: TestSystem): Promise<void> {
  await setClock(system, NOW);
  if (!(await system.config.getOrganization(REPORTS_ORG)))
    await put(system, `/api/v1/organizations/${REPORTS_ORG}`, organizationBody());
  await put(
    system,
    `/api/v1/organizations/${OTHER_ORG}`,
    organizationBody({ name: { fi: 'Muu', sv: 'Annan', en: 'Other' } }),
  );
  for (const [areaId, name] of [
    ['area-n', 'Pohjoinen'],
    ['area-s', 'Etelä'],
  ] as const)
    await put(system, `/api/v1/areas/${areaId}`, { organizationId: REPORTS_ORG, name: { fi: name } });
  for (const [unitId, areaId, name] of [
    ['u-a', 'area-n', 'Aalto'],
    ['u-b', 'area-n', 'Björk'],
    ['u-c', 'area-s', 'Cedar'],
  ] as const)
    await put(system, `/api/v1/units/${unitId}`, unitBody(REPORTS_ORG, {}, { areaId, name: { fi: name } }));
  await put(system, '/api/v1/units/u-x', unitBody(OTHER_ORG, {}, { name: { fi: 'Xylitol' } }));

  const cells: AggregateCell[] = [];
  for (const d of dates('2026-10-01', AS_OF)) cells.push(cell('u-a', 'day', d, counts(8, 4, 1, 1)));
  for (const d of dates('2026-11-06', AS_OF))
    cells.push(cell('u-b', 'day', d, counts(4, 3, 0, 0), 'minReportN'));
  for (const d of dates('2026-10-20', AS_OF)) cells.push(cell('u-c', 'day', d, counts(12, 1, 2, 7)));
  // The day whose figures were published under an older, lower minReportN.
  const old = cells.findIndex((c) => c.unitId === 'u-a' && c.period === '2026-11-17');
  cells[old] = cell('u-a', 'day', '2026-11-17', counts(8, 2, 1, 1), undefined, 3);
  cells.push(
    cell('u-a', 'month', '2026-10', counts(8 * 31, 4 * 31, 31, 31)),
    cell('u-a', 'month', '2026-11', counts(8 * 19, 4 * 19, 19, 19)),
    cell('u-b', 'month', '2026-11', counts(4 * 14, 3 * 14, 0, 0), 'complementary'),
    cell('u-c', 'month', '2026-10', counts(12 * 12, 12, 24, 84)),
    cell('u-c', 'month', '2026-11', counts(12 * 19, 19, 38, 133)),
    cell('*', 'month', '2026-11', counts(8 * 19 + 4 * 14 + 12 * 19, 4 * 19 + 42 + 19, 19 + 38, 19 + 133)),
    cell('*', 'month', '2026-11', counts(8 * 19 + 4 * 14, 4 * 19 + 42, 19, 19), undefined, 5, 'area-n'),
    cell('*', 'month', '2026-11', counts(12 * 19, 19, 38, 133), undefined, 5, 'area-s'),
    // The unit's November by channel and respondent: SMS from clients, and children at the kiosk.
    {
      ...cell('u-a', 'month', '2026-11', counts(8 * 19, 4 * 19 - 6, 19, 19)),
      channel: 'sms',
      respondent: 'client',
    },
    { ...cell('u-a', 'month', '2026-11', counts(0, 6, 0, 0)), channel: 'kiosk', respondent: 'child' },
  );
  await system.aggregates.putCells(cells);
  await comment(system, 'u-a', '2026-11-18', 'Hyvä palvelu, kiitos', 10);
  await comment(system, 'u-a', '2026-11-10', 'Parkkipaikka oli täynnä', 6);
  await comment(system, 'u-a', '2026-11-17', 'VANHA SÄÄNTÖ', 3);
  await comment(system, 'u-b', '2026-11-18', 'SALAINEN pieni päivä', 10);
  await comment(system, 'u-c', '2026-11-18', UNIT_C_COMMENT, 2);
}

// --- Signing in through the form, as a browser does

const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

export type Get = (path: string) => Promise<Response>;

/** Signs in as `username` and returns a GET that carries the session cookie. */
export async function signedIn(system: TestSystem, username: string): Promise<Get> {
  const form = await system.app.request('/login?lang=en');
  const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const response = await system.app.request('/login?lang=en', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Cookie: cookieOf(form),
      Origin: new URL(BASE_URL).origin,
    },
    body: new URLSearchParams({ csrf, username, password: PASSWORD }).toString(),
  });
  expect(response.status, `sign-in of ${username}`).toBe(303);
  const cookie = cookieOf(response);
  return async (path) => system.app.request(path, { headers: { Cookie: cookie } });
}
