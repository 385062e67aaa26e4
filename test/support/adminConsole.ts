import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyCounts } from '../../shared/domain/aggregate';
import type { AggregateCell } from '../../shared/ports';
import { BASE_URL, configure, createTestSystem, putJson, setClock, type TestSystem } from './system';

export const PASSWORD = 'test-password-1';
export const ORIGIN = new URL(BASE_URL).origin;

/** One person per role, with grants in org-pohde (and a platform admin over both organizations). */
export const PEOPLE = [
  { username: 'platform', roles: [{ role: 'platform-admin' }] },
  { username: 'orgadmin', roles: [{ role: 'org-admin', organizationId: 'org-pohde' }] },
  {
    username: 'areamanager',
    roles: [{ role: 'area-manager', organizationId: 'org-pohde', areaIds: ['area-north'] }],
  },
  {
    username: 'unitmanager',
    roles: [{ role: 'unit-manager', organizationId: 'org-pohde', unitIds: ['unit-tk-keskusta'] }],
  },
  { username: 'viewer', roles: [{ role: 'viewer', organizationId: 'org-pohde' }] },
  { username: 'otheradmin', roles: [{ role: 'org-admin', organizationId: 'org-muu' }] },
] as const;

/** A local day cell of a unit, as the nightly job writes it, with `sent` SMS and `responses` answers. */
export function dayCell(
  organizationId: string,
  unitId: string,
  date: string,
  sent: number,
  responses: number,
): AggregateCell {
  const counts = emptyCounts();
  counts.funnel.received = sent;
  counts.funnel.sent = sent;
  counts.responses = responses;
  return {
    organizationId,
    unitId,
    granularity: 'day',
    period: date,
    counts,
    suppressed: false,
    minReportN: 5,
    updatedAt: '2026-11-20T00:00:00Z',
  };
}

/**
 * Two organizations: org-pohde (area-north with unit-tk-keskusta, which sent SMS in each of the last
 * four weeks, and unit-hammas, which did not) and org-muu (unit-muu). The clock is 2026-11-20 10:00
 * Helsinki, so the status covers visits up to 2026-11-19.
 */
export async function adminConsoleSystem(): Promise<TestSystem> {
  const dir = await mkdtemp(join(tmpdir(), 'palaute-admin-'));
  const usersFile = join(dir, 'users.json');
  await writeFile(usersFile, JSON.stringify(PEOPLE.map((p) => ({ ...p, password: PASSWORD }))));
  const system = await createTestSystem({ usersFile });
  await setClock(system, '2026-11-20T10:00:00+02:00');
  await configure(system);
  const area = await putJson(system, '/api/v1/areas/area-north', {
    organizationId: 'org-pohde',
    name: { fi: 'Pohjoinen alue', sv: 'Norra området', en: 'North area' },
  });
  if (area.status !== 201) throw new Error(`area: ${area.status}`);
  await configure(system, {
    unitId: 'unit-tk-keskusta',
    unit: { areaId: 'area-north', smsName: { fi: 'Pohde TK' } },
  });
  await configure(system, { unitId: 'unit-hammas', unit: { name: { fi: 'Hammashoitola' } } });
  await configure(system, { organizationId: 'org-muu', unitId: 'unit-muu' });
  await system.aggregates.putCells([
    dayCell('org-pohde', 'unit-tk-keskusta', '2026-10-23', 3, 1),
    dayCell('org-pohde', 'unit-tk-keskusta', '2026-10-27', 2, 1),
    dayCell('org-pohde', 'unit-tk-keskusta', '2026-11-03', 4, 2),
    dayCell('org-pohde', 'unit-tk-keskusta', '2026-11-10', 5, 2),
    dayCell('org-pohde', 'unit-tk-keskusta', '2026-11-17', 6, 3),
    dayCell('org-pohde', 'unit-tk-keskusta', '2026-11-18', 0, 1),
    // Only one week with sends: not continuous. Outside the 30 days: not counted.
    dayCell('org-pohde', 'unit-hammas', '2026-11-16', 2, 1),
    dayCell('org-pohde', 'unit-hammas', '2026-10-01', 9, 9),
  ]);
  return system;
}

/** A signed-in person: GET and POST (a form, with the session's CSRF token) under their cookie. */
export interface SignedIn {
  get(path: string): Promise<Response>;
  post(path: string, fields: Record<string, string>): Promise<Response>;
  csrf: string;
}

const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

export async function signIn(system: TestSystem, username: string, password = PASSWORD): Promise<SignedIn> {
  const page = await system.app.request('/login?lang=en');
  const csrfBefore = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const response = await system.app.request('/login?lang=en', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Cookie: cookieOf(page),
      Origin: ORIGIN,
    },
    body: new URLSearchParams({ csrf: csrfBefore, username, password }).toString(),
  });
  if (response.status !== 303) throw new Error(`sign-in of ${username}: ${response.status}`);
  const cookie = cookieOf(response);
  const home = await system.app.request('/console?lang=en', { headers: { Cookie: cookie } });
  const csrf = /name="csrf" value="([^"]+)"/.exec(await home.text())?.[1] ?? '';
  return {
    csrf,
    get: async (path) => system.app.request(path, { headers: { Cookie: cookie } }),
    post: async (path, fields) =>
      system.app.request(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie, Origin: ORIGIN },
        body: new URLSearchParams({ csrf, ...fields }).toString(),
      }),
  };
}

/** The value of a form field in a page (`name="…" value="…"`), HTML entities as served. */
export const fieldValue = (html: string, name: string) =>
  new RegExp(`name="${name.replace(/\./g, '\\.')}"[^>]*value="([^"]*)"`).exec(html)?.[1];
