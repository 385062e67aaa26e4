import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Get,
  OTHER_ORG,
  REPORTS_ORG,
  SHOWN_COMMENTS,
  seedReports,
  signedIn,
  UNIT_C_COMMENT,
  USERS,
  writeUsersFile,
} from '../support/consoleReports';
import { createTestSystem, type TestSystem } from '../support/system';

type Username = (typeof USERS)[number]['username'];

/** Every report route, for an organization or for a unit (GET only: the report screens post nothing). */
const organizationRoutes = (id: string) => [
  `/console/organizations/${id}`,
  `/console/organizations/${id}/figures.csv`,
];
const unitRoutes = (id: string) => [
  `/console/units/${id}`,
  `/console/units/${id}/figures.csv`,
  `/console/units/${id}/monthly/2026-11`,
];

/** What each role may open: the organizations and units; everything else answers the console 404. */
const SCOPE: Record<Username, { organizations: string[]; units: string[]; comments: boolean }> = {
  platform: { organizations: [REPORTS_ORG, OTHER_ORG], units: ['u-a', 'u-b', 'u-c', 'u-x'], comments: true },
  orgadmin: { organizations: [REPORTS_ORG], units: ['u-a', 'u-b', 'u-c'], comments: true },
  areamanager: { organizations: [REPORTS_ORG], units: ['u-a', 'u-b'], comments: true },
  unitmanager: { organizations: [REPORTS_ORG], units: ['u-c'], comments: true },
  viewer: { organizations: [REPORTS_ORG], units: ['u-a', 'u-b', 'u-c'], comments: false },
};
const ALL_UNITS = ['u-a', 'u-b', 'u-c', 'u-x', 'no-such-unit'];
const ALL_ORGANIZATIONS = [REPORTS_ORG, OTHER_ORG, 'no-such-org'];

describe('report screens, walked by each of the five roles', () => {
  let system: TestSystem;
  const as = {} as Record<Username, Get>;
  let notFoundPage: string;
  beforeAll(async () => {
    system = await createTestSystem({ usersFile: writeUsersFile() });
    await seedReports(system);
    for (const user of USERS) as[user.username] = await signedIn(system, user.username);
    notFoundPage = await (await as.platform('/console/units/no-such-unit?lang=en')).text();
  });

  it('is behind sign-in: no session, no report', async () => {
    for (const path of ['/console/reports', ...organizationRoutes(REPORTS_ORG), ...unitRoutes('u-a')]) {
      const response = await system.app.request(path);
      expect(response.status, path).toBe(303);
      expect(response.headers.get('location')).toMatch(/\/login/);
    }
  });

  it.each(USERS.map((u) => u.username))(
    '%s sees its scope and gets the console 404 outside it',
    async (username) => {
      const get = as[username];
      const scope = SCOPE[username];
      expect(notFoundPage).toContain('<h1');
      for (const id of ALL_ORGANIZATIONS) {
        for (const path of organizationRoutes(id)) {
          const response = await get(`${path}?lang=en`);
          const allowed = scope.organizations.includes(id);
          expect(response.status, `${username} ${path}`).toBe(allowed ? 200 : 404);
          if (!allowed) expect(await response.text()).toBe(notFoundPage);
        }
      }
      for (const id of ALL_UNITS) {
        for (const path of unitRoutes(id)) {
          const response = await get(`${path}?lang=en`);
          const allowed = scope.units.includes(id);
          expect(response.status, `${username} ${path}`).toBe(allowed ? 200 : 404);
          const body = await response.text();
          if (!allowed) expect(body).toBe(notFoundPage);
          // Comments are never in a download or the monthly report, and on the page only for roles that may.
          const shows = allowed && scope.comments && path === `/console/units/${id}`;
          for (const text of [...SHOWN_COMMENTS, UNIT_C_COMMENT]) {
            const ofUnit = text === UNIT_C_COMMENT ? id === 'u-c' : id === 'u-a';
            expect(body.includes(text), `${username} ${path} ${text}`).toBe(shows && ofUnit);
          }
        }
      }
    },
  );

  it.each(USERS.map((u) => u.username))(
    '%s: the dashboard lists only units and areas in scope',
    async (username) => {
      const scope = SCOPE[username];
      const html = await (await as[username](`/console/organizations/${REPORTS_ORG}?lang=en`)).text();
      for (const unitId of ['u-a', 'u-b', 'u-c'])
        expect(html.includes(`/console/units/${unitId}?lang=en`), `${username} ${unitId}`).toBe(
          scope.units.includes(unitId),
        );
      const areas: string[] = (
        {
          platform: ['Pohjoinen', 'Etelä'],
          orgadmin: ['Pohjoinen', 'Etelä'],
          viewer: ['Pohjoinen', 'Etelä'],
          areamanager: ['Pohjoinen'],
          unitmanager: [],
        } as Record<Username, string[]>
      )[username];
      const areaTable = html.includes('<table id="areas"')
        ? html.slice(
            html.indexOf('<table id="areas"'),
            html.indexOf('</table>', html.indexOf('<table id="areas"')),
          )
        : '';
      for (const name of ['Pohjoinen', 'Etelä'])
        expect(areaTable.includes(`<th scope="row">${name}</th>`), `${username} ${name}`).toBe(
          areas.includes(name),
        );
      // The organization's own totals only to those who see every unit of it.
      expect(html.includes('Whole organization'), username).toBe(
        ['platform', 'orgadmin', 'viewer'].includes(username),
      );

      const list = await (await as[username]('/console/reports?lang=en')).text();
      expect(list.includes(`/console/organizations/${OTHER_ORG}?`)).toBe(username === 'platform');
      expect(list.includes(`/console/organizations/${REPORTS_ORG}?`)).toBe(true);
    },
  );
});
