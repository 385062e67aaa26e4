import { beforeAll, describe, expect, it } from 'vitest';
import { unitStatuses } from '../../shared/services/unitStatus';
import { adminConsoleSystem, fieldValue, type SignedIn, signIn } from '../support/adminConsole';
import { ADMIN, putJson, type TestSystem, unitBody } from '../support/system';

const RULES = '/console/admin/units/unit-tk-keskusta/rules';

/** The fields of the rules form as a browser would post them from the page as served. */
function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input([^>]*)>/g)) {
    const attrs = match[1] ?? '';
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name || name === 'csrf') continue;
    const type = /type="([^"]+)"/.exec(attrs)?.[1];
    if ((type === 'checkbox' || type === 'radio') && !/\bchecked/.test(attrs)) continue;
    fields[name] = /value="([^"]*)"/.exec(attrs)?.[1] ?? 'on';
  }
  for (const match of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
    fields[match[1] as string] = match[2] ?? '';
  for (const match of html.matchAll(/<select[^>]*name="([^"]+)"[^>]*>(.*?)<\/select>/gs)) {
    const selected = /<option value="([^"]*)" selected/.exec(match[2] ?? '')?.[1];
    fields[match[1] as string] = selected ?? '';
  }
  return fields;
}

describe('console admin screens', () => {
  let system: TestSystem;
  let platform: SignedIn;
  let orgAdmin: SignedIn;
  beforeAll(async () => {
    system = await adminConsoleSystem();
    [platform, orgAdmin] = await Promise.all([signIn(system, 'platform'), signIn(system, 'orgadmin')]);
  }, 60_000);

  it('lists every organization to a platform admin and only its own to an org admin', async () => {
    const all = await (await platform.get('/console/admin?lang=en')).text();
    expect(all).toContain('/console/admin/organizations/org-pohde?lang=en');
    expect(all).toContain('/console/admin/organizations/org-muu?lang=en');
    const own = await orgAdmin.get('/console/admin?lang=en');
    expect(own.status).toBe(200);
    const html = await own.text();
    expect(html).toContain('/console/admin/organizations/org-pohde?lang=en');
    expect(html).not.toContain('org-muu');
  });

  it("shows an organization's areas and its units with their status from the day cells", async () => {
    const response = await orgAdmin.get('/console/admin/organizations/org-pohde?lang=en');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('North area');
    const row = (unitId: string) => new RegExp(`${unitId}</span></th>(.*?)</tr>`, 's').exec(html)?.[1] ?? '';
    // Sent in each of the last four weeks (up to 19 Nov): measuring continuously; 10 responses in 30 days.
    expect(row('unit-tk-keskusta')).toMatch(
      /<td>North area<\/td><td>Yes<\/td><td>17 Nov 2026<\/td><td class="num">10<\/td><td>Yes<\/td>/,
    );
    // One week only, and a day outside the 30 days that is not counted.
    expect(row('unit-hammas')).toMatch(
      /<td>no area<\/td><td>Yes<\/td><td>16 Nov 2026<\/td><td class="num">1<\/td><td>No<\/td>/,
    );
    expect(html).toContain('up to 19 Nov 2026');
  });

  it('unitStatuses reads the window ending on asOf: later days are not counted, earlier ones drop out', async () => {
    const [later] = await unitStatuses(system.aggregates, {
      organizationId: 'org-pohde',
      unitIds: ['unit-tk-keskusta', 'unit-none'],
      asOf: '2026-11-16',
    });
    expect(later).toEqual({
      unitId: 'unit-tk-keskusta',
      lastSentDate: '2026-11-10',
      responses: 6,
      sent: 14,
      measuringContinuously: true,
    });
    const [, none] = await unitStatuses(system.aggregates, {
      organizationId: 'org-pohde',
      unitIds: ['unit-tk-keskusta', 'unit-none'],
      asOf: '2026-12-20',
    });
    expect(none).toEqual({
      unitId: 'unit-none',
      lastSentDate: null,
      responses: 0,
      sent: 0,
      measuringContinuously: false,
    });
  });

  it("renders the unit's own rules in the form, with the organization's defaults beside empty fields", async () => {
    const response = await orgAdmin.get(`${RULES}?lang=en`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const fields = formFields(html);
    expect(fields.timingMode).toBe('delay');
    expect(fields.delayMinutes).toBe('120');
    expect(fields.enabled).toBe('on');
    expect(fields.version).toBe('2');
    expect(fields.windowStart).toBe('');
    expect(html).toContain('Organization default: Mon Tue Wed Thu Fri Sat 08:00–21:00');
    expect(html).toContain('name="csrf"');
  });

  it('previews the send time with its shifts and the SMS with its size, and saves nothing', async () => {
    const form = formFields(await (await orgAdmin.get(`${RULES}?lang=en`)).text());
    const response = await orgAdmin.post(`${RULES}?lang=en`, {
      ...form,
      action: 'preview',
      windowStart: '09:00',
      windowEnd: '16:00',
      'day.mon': 'on',
      delayMinutes: '60',
      previewAt: '2026-11-20T17:30',
      previewLanguage: 'sv',
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h2 id="preview-title">Preview</h2>');
    expect(html).toContain('The message goes');
    expect(html).toContain('Outside the send window: 20 Nov 2026, 18:30 → 21 Nov 2026, 09:00');
    expect(html).toContain('Not a send day: 21 Nov 2026, 09:00 → 22 Nov 2026, 09:00');
    expect(html).toContain('23 Nov 2026, 09:00');
    expect(html).toMatch(
      /<blockquote class="sms" lang="sv">Hej! Tack för besöket\. .*\/s\/x{22} -Pohde TK<\/blockquote>/,
    );
    expect(html).toMatch(/\d+ characters, 1 message \(GSM-7\)/);
    // The person's input stays in the form.
    expect(fieldValue(html, 'windowStart')).toBe('09:00');
    const unit = await system.config.readVersioned('unit', 'unit-tk-keskusta');
    expect(unit?.version).toBe(2);
    expect(unit?.rules.sendWindow).toBeUndefined();
  });

  it('re-renders an invalid form with an error summary and messages beside the fields, keeping the input', async () => {
    const form = formFields(await (await orgAdmin.get(`${RULES}?lang=fi`)).text());
    const response = await orgAdmin.post(`${RULES}?lang=fi`, {
      ...form,
      action: 'save',
      windowStart: '25:00',
      windowEnd: '16:00',
      samplingPercent: 'paljon',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<title>Virhe: ');
    expect(html).toContain('id="error-summary"');
    expect(html).toContain('<a href="#f-windowStart">');
    expect(html).toContain('<p class="field-error" id="f-windowStart-error">');
    expect(html).toMatch(/id="f-windowStart"[^>]*value="25:00"[^>]*aria-invalid="true"/);
    expect(html).toContain('Kirjoita kellonaika muodossa TT:MM.');
    expect(html).toContain('<p class="field-error" id="f-day-mon-error">');
    expect(html).toContain('<p class="field-error" id="f-samplingPercent-error">');
    expect((await system.config.readVersioned('unit', 'unit-tk-keskusta'))?.version).toBe(2);
  });

  it("shows the rules checks' errors (a night window) beside the field, and saves nothing", async () => {
    const form = formFields(await (await orgAdmin.get(`${RULES}?lang=en`)).text());
    for (const action of ['preview', 'save']) {
      const response = await orgAdmin.post(`${RULES}?lang=en`, {
        ...form,
        action,
        windowStart: '07:00',
        windowEnd: '16:00',
        'day.mon': 'on',
      });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toMatch(
        /<p class="field-error" id="f-windowStart-error"><span lang="en">[^<]*before 08:00[^<]*allowNight/,
      );
      expect(html).not.toContain('id="preview-title"');
    }
    expect((await system.config.readVersioned('unit', 'unit-tk-keskusta'))?.version).toBe(2);
  });

  it('saves through the versioned configuration: a new version, its history by the person, other fields kept', async () => {
    const form = formFields(await (await orgAdmin.get(`${RULES}?lang=en`)).text());
    const response = await orgAdmin.post(`${RULES}?lang=en`, {
      ...form,
      action: 'save',
      samplingPercent: '50',
      minAge: '16',
      blockedDates: '2026-12-24\n2026-12-25',
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Saved (version 3).');
    expect(fieldValue(html, 'version')).toBe('3');
    const unit = await system.config.readVersioned('unit', 'unit-tk-keskusta');
    expect(unit?.version).toBe(3);
    expect(unit?.rules).toEqual({
      timing: { mode: 'delay', delayMinutes: 120 },
      samplingRate: 0.5,
      minAge: 16,
      blockedDates: ['2026-12-24', '2026-12-25'],
    });
    expect(unit?.smsName).toEqual({ fi: 'Pohde TK' });
    expect(unit?.areaId).toBe('area-north');
    const history = await system.config.history('unit', 'unit-tk-keskusta', { limit: 1 });
    expect(history.entries[0]).toMatchObject({ version: 3, by: 'orgadmin' });
    expect(history.entries[0]?.changes.map((change) => change.path)).toEqual([
      'rules.blockedDates',
      'rules.minAge',
      'rules.samplingRate',
    ]);
  });

  it('a stale save (412) says someone else changed it, shows what changed, and keeps the input', async () => {
    const form = formFields(await (await orgAdmin.get(`${RULES}?lang=en`)).text());
    const based = Number(form.version);
    // Someone else saves meanwhile, through the API.
    const current = await system.config.readVersioned('unit', 'unit-tk-keskusta');
    const other = await putJson(
      system,
      '/api/v1/units/unit-tk-keskusta',
      unitBody(
        'org-pohde',
        { ...current?.rules, samplingRate: 0.25, linkTtlDays: 7 },
        {
          areaId: 'area-north',
          smsName: { fi: 'Pohde TK' },
        },
      ),
      { ...ADMIN, 'If-Match': `"${based}"` },
    );
    expect(other.status).toBe(200);

    const response = await orgAdmin.post(`${RULES}?lang=en`, { ...form, action: 'save', minAge: '21' });
    expect(response.status).toBe(412);
    const html = await response.text();
    expect(html).toContain('Someone else changed this meanwhile');
    expect(html).toContain(
      `Your form was based on version ${based}, but version ${based + 1} is now in effect.`,
    );
    expect(html).toContain('changed by local-admin');
    expect(html).toMatch(/<code>rules\.samplingRate<\/code>: .*<del>0\.5<\/del>.*<ins>0\.25<\/ins>/);
    expect(html).toMatch(/<code>rules\.linkTtlDays<\/code>: .*<del>\(not set\)<\/del>.*<ins>7<\/ins>/);
    expect(fieldValue(html, 'minAge')).toBe('21');
    expect(fieldValue(html, 'version')).toBe(String(based + 1));
    const unit = await system.config.readVersioned('unit', 'unit-tk-keskusta');
    expect(unit?.version).toBe(based + 1);
    expect(unit?.rules.minAge).toBe(16);

    // Saving again from the kept form is a deliberate replace of the other change.
    const again = await orgAdmin.post(`${RULES}?lang=en`, { ...formFields(html), action: 'save' });
    expect(again.status).toBe(200);
    expect((await system.config.readVersioned('unit', 'unit-tk-keskusta'))?.rules.minAge).toBe(21);
  });

  it('counts an SMS template without saving, saves it with If-Match, and shows a stale save', async () => {
    const path = '/console/admin/organizations/org-pohde/templates?lang=en';
    const page = await (await orgAdmin.get(path)).text();
    const form = formFields(page);
    expect(page).toMatch(/\d+ characters, 1 message \(GSM-7\)/);
    const long = `${'Hyvä asiakas, '.repeat(10)}{link} -{orgName}`;
    const counted = await orgAdmin.post(path, { ...form, action: 'count', 'smsTemplates.fi': long });
    expect(counted.status).toBe(200);
    const countedHtml = await counted.text();
    expect(countedHtml).toMatch(/198 characters, 2 messages \(GSM-7\)/);
    expect(countedHtml).toContain('one SMS holds 160');
    const before = await system.config.readVersioned('organization', 'org-pohde');
    expect(before?.version).toBe(Number(form.version));

    const refused = await orgAdmin.post(path, { ...form, action: 'save', 'smsTemplates.fi': long });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('<a href="#f-smsTemplates-fi">');

    const short = 'Kerro meille käynnistä: {link} -{orgName}';
    const saved = await orgAdmin.post(path, { ...form, action: 'save', 'smsTemplates.fi': short });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain(`Saved (version ${Number(form.version) + 1}).`);
    expect((await system.config.getOrganization('org-pohde'))?.smsTemplates.fi).toBe(short);

    const stale = await orgAdmin.post(path, { ...form, action: 'save', 'smsTemplates.en': 'Hi {link}' });
    expect(stale.status).toBe(412);
    const staleHtml = await stale.text();
    expect(staleHtml).toContain('<code>smsTemplates.fi</code>');
    expect(staleHtml).toContain('changed by orgadmin');
    expect(staleHtml).toContain('Hi {link}</textarea>');
  });

  it('lists the national and own question sets and shows a set with its statements', async () => {
    const own = await putJson(system, '/api/v1/question-sets/pohde-oma', {
      organizationId: 'org-pohde',
      extends: 'thl-national-v2',
      name: { fi: 'Pohteen oma', sv: 'Pohdes egen', en: "Pohde's own" },
      statements: [
        {
          id: 'parking',
          text: { fi: 'Pysäköinti oli helppoa.', sv: 'Parkeringen var lätt.', en: 'Parking was easy.' },
        },
      ],
    });
    expect(own.status).toBe(201);
    const list = await (
      await orgAdmin.get('/console/admin/organizations/org-pohde/question-sets?lang=en')
    ).text();
    expect(list).toContain('thl-national-v2');
    expect(list).toContain('thl-core-v1');
    expect(list).toContain('Pohde&#39;s own');
    const view = await orgAdmin.get('/console/admin/organizations/org-pohde/question-sets/pohde-oma?lang=en');
    expect(view.status).toBe(200);
    const html = await view.text();
    expect(html).toContain('I got help when I needed it.');
    expect(html).toContain('Parking was easy. <span class="meta">(parking; own statement)</span>');
    expect(html).toContain('/console/admin/organizations/org-pohde/question-sets/pohde-oma/history?lang=en');
    const history = await (
      await orgAdmin.get('/console/admin/organizations/org-pohde/question-sets/pohde-oma/history?lang=en')
    ).text();
    expect(history).toContain('<code>statements</code>');
  });

  it('shows the history of an organization, an area and a unit with each change from → to', async () => {
    const unit = await (await orgAdmin.get('/console/admin/units/unit-tk-keskusta/history?lang=en')).text();
    expect(unit).toMatch(/<code>rules\.minAge<\/code>: .*<del>16<\/del>.*<ins>21<\/ins>/);
    expect(unit).toContain('changed by orgadmin');
    const area = await (await orgAdmin.get('/console/admin/areas/area-north/history?lang=en')).text();
    expect(area).toMatch(/<code>name\.fi<\/code>: .*<del>\(not set\)<\/del>.*<ins>Pohjoinen alue<\/ins>/);
    const organization = await (
      await orgAdmin.get('/console/admin/organizations/org-pohde/history?lang=en')
    ).text();
    expect(organization).toContain('<code>smsTemplates.fi</code>');
  });

  it("answers another organization's pages and posts with the console 404, and changes nothing", async () => {
    const before = await system.config.readVersioned('unit', 'unit-muu');
    for (const path of [
      '/console/admin/organizations/org-muu?lang=en',
      '/console/admin/organizations/org-muu/templates?lang=en',
      '/console/admin/organizations/org-muu/history?lang=en',
      '/console/admin/organizations/org-muu/question-sets?lang=en',
      '/console/admin/units/unit-muu/rules?lang=en',
      '/console/admin/units/unit-muu/history?lang=en',
      '/console/admin/units/no-such-unit/rules?lang=en',
      '/console/admin/organizations/org-pohde/question-sets/no-such-set?lang=en',
    ]) {
      const response = await orgAdmin.get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toContain('The page does not exist, or you have no access to it.');
    }
    const post = await orgAdmin.post('/console/admin/units/unit-muu/rules?lang=en', {
      version: String(before?.version),
      action: 'save',
      minAge: '30',
    });
    expect(post.status).toBe(404);
    const templates = await orgAdmin.post('/console/admin/organizations/org-muu/templates?lang=en', {
      version: '1',
      action: 'save',
      'smsTemplates.fi': 'x {link}',
      'smsTemplates.sv': 'x {link}',
      'smsTemplates.en': 'x {link}',
    });
    expect(templates.status).toBe(404);
    expect(await system.config.readVersioned('unit', 'unit-muu')).toEqual(before);
    expect((await system.config.getOrganization('org-muu'))?.version).toBe(1);
  });

  it('refuses a post without the CSRF token (403), before any scope or save', async () => {
    const form = formFields(await (await orgAdmin.get(`${RULES}?lang=en`)).text());
    const response = await system.app.request(`${RULES}?lang=en`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://palaute.example.fi' },
      body: new URLSearchParams({ ...form, action: 'save' }).toString(),
    });
    expect(response.status).toBe(403);
  });
});
