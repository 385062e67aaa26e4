import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../shared/adapters/dynamo/tables';
import type { OpenLink } from '../../shared/schemas/openLinks';
import type { AnswerRecord } from '../../shared/schemas/records';
import { adminConsoleSystem, PEOPLE, type SignedIn, signIn } from '../support/adminConsole';
import { ADMIN, BASE_URL, type TestSystem } from '../support/system';

const NOT_FOUND = 'The page does not exist, or you have no access to it.';
const TODAY = '2026-11-20';
const UNIT = 'unit-tk-keskusta';

const linksPage = (unitId: string) => `/console/admin/units/${unitId}/open-links`;
const paperPage = (unitId: string) => `/console/admin/units/${unitId}/paper-answers`;

async function apiLinks(system: TestSystem, unitId: string): Promise<OpenLink[]> {
  const response = await system.app.request(`/api/v1/units/${unitId}/open-links`, { headers: ADMIN });
  expect(response.status).toBe(200);
  return ((await response.json()) as { openLinks: OpenLink[] }).openLinks;
}

async function answersOf(system: TestSystem, unitId: string, date: string): Promise<AnswerRecord[]> {
  const page = await system.db.send(
    new QueryCommand({
      TableName: system.tables.surveys,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.answers(unitId, date) },
    }),
  );
  return (page.Items ?? []) as AnswerRecord[];
}

/** A whole paper form of the national set, as staff would key it in. */
const PAPER = {
  visitDate: '2026-11-18',
  respondent: 'relative',
  language: 'sv',
  'answer.nps': '9',
  'answer.helpInTime': 'na',
  comment: 'Hyvä palvelu',
};

describe('open links and paper answers in the console', { timeout: 120_000 }, () => {
  let system: TestSystem;
  const people = {} as Record<(typeof PEOPLE)[number]['username'], SignedIn>;
  beforeAll(async () => {
    system = await adminConsoleSystem();
    for (const person of PEOPLE) people[person.username] = await signIn(system, person.username);
  }, 60_000);

  it('creates, lists and revokes a unit’s link through the open-link service', async () => {
    const admin = people.orgadmin;
    const empty = await admin.get(`${linksPage(UNIT)}?lang=en`);
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('The unit has no open links.');

    const created = await admin.post(`${linksPage(UNIT)}?lang=en`, {
      channel: 'kiosk',
      respondent: 'child',
      questionSetId: 'thl-children-v1',
    });
    expect(created.status).toBe(200);
    const html = await created.text();
    expect(html).toContain('The link was created.');
    const [link] = await apiLinks(system, UNIT);
    expect(link).toMatchObject({ channel: 'kiosk', respondent: 'child', questionSetId: 'thl-children-v1' });
    expect(link?.createdBy).toBe('orgadmin');
    expect(html).toContain(`${BASE_URL}/k/${link?.openLinkId}`);
    expect(html).toContain(`/open-links/${link?.openLinkId}/poster`);
    expect(html).toContain('Kiosk (tablet): Child (7–12)');

    const poster = await admin.get(`${linksPage(UNIT)}/${link?.openLinkId}/poster?lang=en`);
    expect(poster.status).toBe(200);
    expect(poster.headers.get('content-type')).toContain('image/svg+xml');
    expect(await poster.text()).toContain(`/k/${link?.openLinkId}`);

    const revoked = await admin.post(`${linksPage(UNIT)}/${link?.openLinkId}/revoke?lang=en`, {});
    expect(revoked.status).toBe(200);
    const after = await revoked.text();
    expect(after).toContain('The link was revoked.');
    expect(after).toContain('Revoked ');
    expect((await apiLinks(system, UNIT))[0]?.revokedAt).toBeDefined();
    // The link itself now answers 410, as the API's revoke does.
    expect((await system.app.request(`/k/${link?.openLinkId}`)).status).toBe(410);
  });

  it('re-renders the create form with messages for a bad channel or an unknown set', async () => {
    const admin = people.orgadmin;
    const before = (await apiLinks(system, UNIT)).length;
    const bad = await admin.post(`${linksPage(UNIT)}?lang=fi`, { channel: 'sms', respondent: 'client' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('id="error-summary"');
    expect(html).toContain('Valitse kanava.');
    expect(html).toContain('aria-invalid="true"');
    const unknownSet = await admin.post(`${linksPage(UNIT)}?lang=en`, {
      channel: 'qr',
      respondent: 'client',
      questionSetId: 'no-such-set',
    });
    expect(unknownSet.status).toBe(400);
    expect(await unknownSet.text()).toContain('no question set no-such-set');
    expect(await apiLinks(system, UNIT)).toHaveLength(before);
  });

  it('stores a keyed-in paper answer with channel paper and shows an empty form again', async () => {
    const form = await people.unitmanager.get(`${paperPage(UNIT)}?lang=en`);
    expect(form.status).toBe(200);
    const page = await form.text();
    expect(page).toContain('name="answer.nps"');
    expect(page).toContain(`value="${TODAY}"`);

    const saved = await people.unitmanager.post(`${paperPage(UNIT)}?lang=en`, PAPER);
    expect(saved.status).toBe(200);
    const html = await saved.text();
    expect(html).toContain('The answer was saved.');
    expect(html).not.toContain('Hyvä palvelu');
    expect(html).not.toMatch(/name="answer\.nps"[^>]*value="9"[^>]*checked/);
    const [answer, ...more] = await answersOf(system, UNIT, '2026-11-18');
    expect(more).toEqual([]);
    expect(answer).toMatchObject({
      channel: 'paper',
      respondent: 'relative',
      language: 'sv',
      unitId: UNIT,
      visitDate: '2026-11-18',
      answeredDate: TODAY,
      answers: { nps: 9, helpInTime: 'na' },
      comment: 'Hyvä palvelu',
    });
  });

  it('re-renders the paper form with messages and keeps what was typed', async () => {
    const stored = async () => (await answersOf(system, UNIT, TODAY)).length;
    const before = await stored();
    const cases: [Record<string, string>, string, string][] = [
      [{ ...PAPER, visitDate: '20.11.2026' }, 'Give the date as YYYY-MM-DD.', 'f-visitDate'],
      [
        { ...PAPER, visitDate: '2026-11-21' },
        'The date of the visit cannot be in the future.',
        'f-visitDate',
      ],
      [{ ...PAPER, 'answer.nps': '11' }, 'Choose a number 0–10 or “No answer”.', 'f-answer-nps'],
      [{ ...PAPER, 'answer.helpInTime': 'x' }, 'Choose 1–5', 'f-answer-helpInTime'],
      [
        { visitDate: TODAY, respondent: 'client' },
        'Give at least one answer or free feedback.',
        'admin-form',
      ],
      [{ ...PAPER, respondent: 'stranger' }, 'Choose a respondent.', 'f-respondent'],
    ];
    for (const [fields, message, target] of cases) {
      const response = await people.orgadmin.post(`${paperPage(UNIT)}?lang=en`, fields);
      expect(response.status, message).toBe(400);
      const html = await response.text();
      expect(html, message).toContain('id="error-summary"');
      expect(html, message).toContain(message);
      expect(html, message).toContain(`href="#${target}"`);
      if (fields.comment) expect(html).toContain(fields.comment);
    }
    expect(await stored()).toBe(before);
    expect(await answersOf(system, UNIT, '2026-11-21')).toEqual([]);
  });

  it('links to open links and paper answers from the rules page, and to paper answers from the unit page', async () => {
    const html = await (await people.orgadmin.get(`/console/admin/units/${UNIT}/rules?lang=en`)).text();
    expect(html).toContain(`/console/admin/units/${UNIT}/open-links?lang=en`);
    expect(html).toContain(`/console/admin/units/${UNIT}/paper-answers?lang=en`);
    // A unit manager finds the paper form from the unit's report page; a viewer sees no such link.
    const paperLink = `/console/admin/units/${UNIT}/paper-answers?lang=en`;
    const own = await (await people.unitmanager.get(`/console/units/${UNIT}?lang=en`)).text();
    expect(own).toContain(paperLink);
    const viewed = await people.viewer.get(`/console/units/${UNIT}?lang=en`);
    expect(viewed.status).toBe(200);
    expect(await viewed.text()).not.toContain(paperLink);
  });

  describe('every role', () => {
    type Username = (typeof PEOPLE)[number]['username'];
    const UNITS = ['unit-tk-keskusta', 'unit-hammas', 'unit-muu'] as const;
    /** Who configures which unit's organization (open links), and who keys in its paper answers. */
    const CONFIGURES: Record<Username, readonly string[]> = {
      platform: UNITS,
      orgadmin: ['unit-tk-keskusta', 'unit-hammas'],
      areamanager: [],
      unitmanager: [],
      viewer: [],
      otheradmin: ['unit-muu'],
    };
    const KEYS_IN: Record<Username, readonly string[]> = {
      ...CONFIGURES,
      unitmanager: ['unit-tk-keskusta'],
    };
    const linkOf: Record<string, string> = {};
    beforeAll(async () => {
      for (const unitId of UNITS) {
        const response = await system.app.request(`/api/v1/units/${unitId}/open-links`, {
          method: 'POST',
          headers: { ...ADMIN, 'content-type': 'application/json' },
          body: JSON.stringify({ channel: 'qr', respondent: 'client' }),
        });
        expect(response.status).toBe(201);
        linkOf[unitId] = ((await response.json()) as { openLinkId: string }).openLinkId;
      }
    });

    it.each(PEOPLE.map((p) => p.username))(
      '%s reaches open links only where it configures',
      async (username) => {
        const person = people[username];
        for (const unitId of UNITS) {
          const allowed = CONFIGURES[username].includes(unitId);
          const expected = allowed ? 200 : 404;
          const links = await apiLinks(system, unitId);
          const where = `${username} ${unitId}`;
          const list = await person.get(`${linksPage(unitId)}?lang=en`);
          expect(list.status, `${where} list`).toBe(expected);
          expect((await list.text()).includes(NOT_FOUND), where).toBe(!allowed);
          const poster = await person.get(`${linksPage(unitId)}/${linkOf[unitId]}/poster?lang=en`);
          expect(poster.status, `${where} poster`).toBe(expected);
          const create = await person.post(`${linksPage(unitId)}?lang=en`, {
            channel: 'web',
            respondent: 'client',
          });
          expect(create.status, `${where} create`).toBe(expected);
          const revoke = await person.post(`${linksPage(unitId)}/${linkOf[unitId]}/revoke?lang=en`, {});
          expect(revoke.status, `${where} revoke`).toBe(expected);
          const now = await apiLinks(system, unitId);
          if (!allowed) expect(now, `${where} changed nothing`).toEqual(links);
          else expect(now.find((l) => l.openLinkId === linkOf[unitId])?.revokedAt, where).toBeDefined();
        }
      },
    );

    it.each(PEOPLE.map((p) => p.username))(
      '%s keys in paper answers only for units in its scope',
      async (username) => {
        const person = people[username];
        for (const unitId of UNITS) {
          const allowed = KEYS_IN[username].includes(unitId);
          const where = `${username} ${unitId}`;
          const before = (await answersOf(system, unitId, '2026-11-18')).length;
          const form = await person.get(`${paperPage(unitId)}?lang=en`);
          expect(form.status, `${where} form`).toBe(allowed ? 200 : 404);
          expect((await form.text()).includes(NOT_FOUND), where).toBe(!allowed);
          const post = await person.post(`${paperPage(unitId)}?lang=en`, PAPER);
          expect(post.status, `${where} post`).toBe(allowed ? 200 : 404);
          const after = await answersOf(system, unitId, '2026-11-18');
          expect(after.length, where).toBe(before + (allowed ? 1 : 0));
        }
      },
    );
  });
});
