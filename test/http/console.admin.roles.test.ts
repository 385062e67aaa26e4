import { beforeAll, describe, expect, it } from 'vitest';
import { adminConsoleSystem, PEOPLE, type SignedIn, signIn } from '../support/adminConsole';
import { putJson, type TestSystem } from '../support/system';

/** Every GET route of the admin screens, for one organization's records. */
const pagesOf = (organizationId: string, unitId: string, areaId: string, ownSetId: string) => {
  const org = `/console/admin/organizations/${organizationId}`;
  return [
    org,
    `${org}/templates`,
    `${org}/history`,
    `${org}/question-sets`,
    `${org}/question-sets/thl-national-v2`,
    `${org}/question-sets/${ownSetId}`,
    `${org}/question-sets/${ownSetId}/history`,
    `/console/admin/units/${unitId}/rules`,
    `/console/admin/units/${unitId}/history`,
    `/console/admin/areas/${areaId}/history`,
  ];
};
const POHDE = pagesOf('org-pohde', 'unit-tk-keskusta', 'area-north', 'pohde-oma');
const MUU = pagesOf('org-muu', 'unit-muu', 'area-muu', 'muu-oma');

type Username = (typeof PEOPLE)[number]['username'];
/** Which organizations' admin screens each person reaches: only those they may configure. */
const REACHES: Record<Username, { pohde: boolean; muu: boolean }> = {
  platform: { pohde: true, muu: true },
  orgadmin: { pohde: true, muu: false },
  areamanager: { pohde: false, muu: false },
  unitmanager: { pohde: false, muu: false },
  viewer: { pohde: false, muu: false },
  otheradmin: { pohde: false, muu: true },
};

const NOT_FOUND = 'The page does not exist, or you have no access to it.';

describe('admin screens walked by every role', () => {
  let system: TestSystem;
  const people = {} as Record<Username, SignedIn>;
  beforeAll(async () => {
    system = await adminConsoleSystem();
    for (const [id, organizationId] of [
      ['pohde-oma', 'org-pohde'],
      ['muu-oma', 'org-muu'],
    ] as const) {
      const set = await putJson(system, `/api/v1/question-sets/${id}`, {
        organizationId,
        extends: 'thl-national-v2',
        name: { fi: 'Oma', sv: 'Egen', en: 'Own' },
        statements: [{ id: 'parking', text: { fi: 'Pysäköinti', sv: 'Parkering', en: 'Parking' } }],
      });
      expect(set.status).toBe(201);
    }
    const area = await putJson(system, '/api/v1/areas/area-muu', {
      organizationId: 'org-muu',
      name: { fi: 'Muu alue' },
    });
    expect(area.status).toBe(201);
    for (const person of PEOPLE) people[person.username] = await signIn(system, person.username);
  }, 60_000);

  it.each(PEOPLE.map((p) => p.username))(
    '%s reaches exactly the organizations it may configure',
    async (username) => {
      const person = people[username];
      const reach = REACHES[username];
      const home = await person.get('/console/admin?lang=en');
      expect(home.status).toBe(reach.pohde || reach.muu ? 200 : 404);
      const homeHtml = await home.text();
      expect(homeHtml.includes('/console/admin/organizations/org-pohde?')).toBe(reach.pohde);
      expect(homeHtml.includes('/console/admin/organizations/org-muu?')).toBe(reach.muu);
      for (const [pages, allowed] of [
        [POHDE, reach.pohde],
        [MUU, reach.muu],
      ] as const) {
        for (const page of pages) {
          const response = await person.get(`${page}?lang=en`);
          expect(response.status, `${username} GET ${page}`).toBe(allowed ? 200 : 404);
          const html = await response.text();
          expect(html.includes(NOT_FOUND), `${username} GET ${page}`).toBe(!allowed);
          // The admin screens show configuration and counts: never a client's comment.
          expect(html).not.toMatch(/class="comment/);
        }
      }
    },
  );

  it.each(PEOPLE.map((p) => p.username))(
    '%s may post only to what it may configure; nothing else changes',
    async (username) => {
      const person = people[username];
      const reach = REACHES[username];
      for (const [organizationId, unitId, allowed] of [
        ['org-pohde', 'unit-tk-keskusta', reach.pohde],
        ['org-muu', 'unit-muu', reach.muu],
      ] as const) {
        const unitBefore = await system.config.readVersioned('unit', unitId);
        const organizationBefore = await system.config.readVersioned('organization', organizationId);
        const rules = `/console/admin/units/${unitId}/rules?lang=en`;
        const preview = await person.post(rules, {
          version: String(unitBefore?.version),
          action: 'preview',
          previewAt: '2026-11-20T09:00',
          previewLanguage: 'en',
        });
        expect(preview.status, `${username} preview ${unitId}`).toBe(allowed ? 200 : 404);
        if (allowed) expect(await preview.text()).toContain('id="preview-title"');
        // A save of a stale version: reaches the versioned write (412) only when allowed.
        const save = await person.post(rules, { version: '999', action: 'save', minAge: '33' });
        expect(save.status, `${username} save ${unitId}`).toBe(allowed ? 412 : 404);

        const templates = `/console/admin/organizations/${organizationId}/templates?lang=en`;
        const count = await person.post(templates, {
          version: String(organizationBefore?.version),
          action: 'count',
          'smsTemplates.fi': 'Hei {link}',
          'smsTemplates.sv': 'Hej {link}',
          'smsTemplates.en': 'Hi {link}',
        });
        expect(count.status, `${username} count ${organizationId}`).toBe(allowed ? 200 : 404);
        const saveTemplates = await person.post(templates, {
          version: '999',
          action: 'save',
          'smsTemplates.fi': 'Hei {link}',
          'smsTemplates.sv': 'Hej {link}',
          'smsTemplates.en': 'Hi {link}',
        });
        expect(saveTemplates.status, `${username} save templates ${organizationId}`).toBe(
          allowed ? 412 : 404,
        );

        expect(await system.config.readVersioned('unit', unitId)).toEqual(unitBefore);
        expect(await system.config.readVersioned('organization', organizationId)).toEqual(organizationBefore);
      }
    },
  );
});
