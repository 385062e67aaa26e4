import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryLog } from '../../shared/adapters/local/memory';
import { hashSurveyToken, newSurveyToken } from '../../shared/domain/keys';
import { createApp } from '../../shared/http/app';
import { accessibilityApp } from '../../shared/http/survey';
import { SURVEY_CSS_PATH } from '../../shared/http/survey/styles';
import { messages } from '../../shared/i18n';
import {
  ADMIN,
  BASE_URL,
  configure,
  createTestSystem,
  organizationBody,
  plantSurvey,
  putJson,
  setClock,
  storedAnswers,
  type TestSystem,
} from '../support/system';

const _DAY_MS = 24 * 60 * 60 * 1000;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

const post = (system: TestSystem, path: string, body: string, headers: Record<string, string> = {}) =>
  system.app.request(path, { method: 'POST', headers: { ...FORM, ...headers }, body });

const fi = messages('fi');
const sv = messages('sv');
const en = messages('en');

describe('survey page over HTTP', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await createTestSystem();
    await configure(system);
    await setClock(system, '2026-11-21T10:00:00+02:00');
  });

  describe('GET', () => {
    it('renders the form (200): every question as a radio group in fieldset/legend, na a real option', async () => {
      const token = await plantSurvey(system);
      const response = await system.app.request(`/s/${token}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/i);
      const html = await response.text();
      expect(html.startsWith('<!DOCTYPE html><html lang="fi">')).toBe(true);
      expect(html).toContain(`<title>${fi.form.heading} – Pohde</title>`);
      expect(html).toContain(`<link rel="stylesheet" href="${SURVEY_CSS_PATH}"/>`);
      expect(html).toContain(`action="/s/${token}?lang=fi"`);
      expect(html.match(/<fieldset/g)).toHaveLength(7);
      expect(html.match(/<legend>/g)).toHaveLength(7);
      expect(html.match(/type="radio" id="nps-\d+" name="nps"/g)).toHaveLength(11);
      for (const id of ['smooth', 'helpInTime', 'respect', 'safety', 'information', 'useful']) {
        expect(html.match(new RegExp(`name="${id}"`, 'g'))).toHaveLength(6);
        expect(html).toContain(`id="${id}-na" name="${id}" value="na"`);
      }
      expect(html).toContain('Kuinka todennäköisesti suosittelisit');
      expect(html).toContain('En osaa sanoa');
      expect(html).toContain('Älä kirjoita tähän henkilötietoja');
      expect(html).toContain('maxlength="2000"');
      expect(html).toContain(`href="/s/${token}/opt-out?lang=fi">Älä lähetä minulle enää kyselyitä</a>`);
      expect(html).toContain('href="/accessibility?lang=fi&amp;org=org-pohde">Saavutettavuusseloste</a>');
      expect(html).toContain('20. marraskuuta 2026');
      // Nothing inline, nothing from another origin.
      expect(html).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
      expect(html).not.toMatch(/https?:\/\//);
    });

    it('shows the survey language, a visible switch (?lang=), and English for any other request', async () => {
      const token = await plantSurvey(system, { language: 'sv' });
      const swedish = await (await system.app.request(`/s/${token}`)).text();
      expect(swedish).toContain('<html lang="sv">');
      expect(swedish).toContain(sv.form.heading);
      expect(swedish).toContain('Helt av annan åsikt');
      expect(swedish).toContain(`<a href="/s/${token}?lang=fi" lang="fi" hreflang="fi">Suomeksi</a>`);
      expect(swedish).toContain(`<a href="/s/${token}?lang=en" lang="en" hreflang="en">In English</a>`);
      expect(swedish).not.toContain('>På svenska<');

      const switched = await (await system.app.request(`/s/${token}?lang=en`)).text();
      expect(switched).toContain('<html lang="en">');
      expect(switched).toContain(en.form.heading);
      expect(switched).toContain(`action="/s/${token}?lang=en"`);
      expect(switched).toContain('Strongly agree');

      const unknownLang = await (await system.app.request(`/s/${token}?lang=de`)).text();
      expect(unknownLang).toContain('<html lang="sv">');
      const english = await (
        await system.app.request(`/s/${await plantSurvey(system, { language: 'en' })}`)
      ).text();
      expect(english).toContain('<html lang="en">');
    });

    it('answers 404 with a friendly page for an unknown or malformed link, in the browser language', async () => {
      const unknown = await system.app.request(`/s/${newSurveyToken()}`);
      expect(unknown.status).toBe(404);
      const html = await unknown.text();
      expect(html).toContain('<html lang="fi">');
      expect(html).toContain(fi.notFound.title);
      expect(html).not.toContain('/opt-out');
      const malformed = await system.app.request('/s/not-a-token', {
        headers: { 'accept-language': 'sv-FI,sv;q=0.9' },
      });
      expect(malformed.status).toBe(404);
      expect(await malformed.text()).toContain(sv.notFound.title);
      const optOut = await system.app.request(`/s/${newSurveyToken()}/opt-out?lang=en`);
      expect(optOut.status).toBe(404);
      expect(await optOut.text()).toContain(en.notFound.title);
    });

    it('answers 410 for an expired link and for an answered one', async () => {
      const expired = await plantSurvey(system, {
        expiresAt: new Date(system.clock.now().getTime() - 1000).toISOString(),
      });
      const response = await system.app.request(`/s/${expired}`);
      expect(response.status).toBe(410);
      const html = await response.text();
      expect(html).toContain(fi.expired.title);
      expect(html).toContain(`/s/${expired}/opt-out?lang=fi`);
      const answered = await plantSurvey(system, {
        answeredAt: system.clock.now().toISOString(),
        language: 'en',
      });
      const again = await system.app.request(`/s/${answered}`);
      expect(again.status).toBe(410);
      expect(await again.text()).toContain(en.answered.title);
    });

    it('never uses the link up: GET and HEAD (link previews) leave it open', async () => {
      const token = await plantSurvey(system);
      for (let i = 0; i < 3; i += 1) expect((await system.app.request(`/s/${token}`)).status).toBe(200);
      const head = await system.app.request(`/s/${token}`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
      expect(head.headers.get('cache-control')).toBe('no-store');
      expect((await system.surveys.getSurvey(hashSurveyToken(token)))?.answeredAt).toBeUndefined();
      expect((await post(system, `/s/${token}`, 'nps=10')).status).toBe(200);
    });
  });

  describe('POST', () => {
    it('stores one anonymous answer naming the question-set version, and thanks (200)', async () => {
      const unitId = 'unit-post-store';
      const token = await plantSurvey(system, { unitId, visitDate: '2026-11-19' });
      const comment = 'Hyvä palvelu!\r\nKiitos.';
      const response = await post(
        system,
        `/s/${token}?lang=sv`,
        `nps=9&smooth=5&respect=na&useful=1&comment=${encodeURIComponent(comment)}&extra=ignored`,
      );
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('<html lang="sv">');
      expect(html).toContain(sv.thanks.title);
      const [answer, ...more] = await storedAnswers(system, unitId, '2026-11-19');
      expect(more).toHaveLength(0);
      expect(answer).toMatchObject({
        organizationId: 'org-pohde',
        unitId,
        visitDate: '2026-11-19',
        contactType: 'visit',
        serviceCode: 'T11',
        language: 'fi',
        questionSetId: 'thl-core-v1',
        questionSetVersion: 1,
        answers: { nps: 9, smooth: 5, respect: 'na', useful: 1 },
        comment: 'Hyvä palvelu!\nKiitos.',
        answeredDate: '2026-11-21',
      });
      expect(JSON.stringify(answer)).not.toMatch(/phone|token|personRef|appointment|extra/i);
    });

    it('refuses an empty answer (400) with an error summary linked to the first question', async () => {
      const token = await plantSurvey(system);
      const response = await post(system, `/s/${token}?lang=fi`, 'comment=%20%20');
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(`<title>Virhe: ${fi.form.heading} – Pohde</title>`);
      expect(html).toMatch(
        /<section class="error-summary" id="error-summary" tabindex="-1" autofocus="" aria-labelledby="error-summary-title">/,
      );
      expect(html).toContain(`<a href="#q-nps">${fi.errors.empty}</a>`);
      expect(html.indexOf('error-summary')).toBeLessThan(html.indexOf('<h1>'));
      expect((await system.surveys.getSurvey(hashSurveyToken(token)))?.answeredAt).toBeUndefined();
    });

    it('keeps the answers given and marks each invalid field (400)', async () => {
      const token = await plantSurvey(system);
      const tooLong = 'x'.repeat(2001);
      const response = await post(
        system,
        `/s/${token}?lang=en`,
        `nps=11&smooth=4&safety=na&helpInTime=6&comment=${tooLong}`,
      );
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('<a href="#q-nps">');
      expect(html).toContain('<a href="#q-helpInTime">');
      expect(html).toContain('<a href="#comment">');
      expect(html).toContain(en.errors.tooLong(2000));
      expect(html).toContain('<fieldset class="q q-invalid" id="q-nps" aria-describedby="err-nps">');
      expect(html).toContain('<p class="field-error" id="err-nps"><span class="vh">Error: </span>');
      expect(html).toContain('aria-describedby="hint-comment err-comment" aria-invalid="true"');
      expect(html).toContain('id="smooth-4" name="smooth" value="4" checked=""');
      expect(html).toContain('id="safety-na" name="safety" value="na" checked=""');
      expect(html).not.toMatch(/name="nps" value="\d+" checked/);
      expect(html).toContain(`>${tooLong}</textarea>`);
    });

    it('accepts 2000 characters counted as the browser counts them (CRLF is one)', async () => {
      const token = await plantSurvey(system);
      const comment = `${'a'.repeat(999)}\r\n${'b'.repeat(1000)}`;
      const response = await post(system, `/s/${token}`, `comment=${encodeURIComponent(comment)}`);
      expect(response.status).toBe(200);
    });

    it('answers a second submit with 410 and stores nothing more', async () => {
      const unitId = 'unit-post-twice';
      const token = await plantSurvey(system, { unitId });
      expect((await post(system, `/s/${token}`, 'nps=8')).status).toBe(200);
      const second = await post(system, `/s/${token}`, 'nps=1');
      expect(second.status).toBe(410);
      expect(await second.text()).toContain(fi.answered.title);
      expect(await storedAnswers(system, unitId, '2026-11-20')).toHaveLength(1);
    });

    it('stores one answer when two tabs submit at the same time: one 200, one 410', async () => {
      for (let round = 0; round < 3; round += 1) {
        const unitId = `unit-race-${round}`;
        const token = await plantSurvey(system, { unitId });
        const statuses = await Promise.all([
          post(system, `/s/${token}`, 'nps=10'),
          post(system, `/s/${token}`, 'nps=0'),
        ]).then((responses) => responses.map((r) => r.status).sort());
        expect(statuses).toEqual([200, 410]);
        expect(await storedAnswers(system, unitId, '2026-11-20')).toHaveLength(1);
      }
    });

    it('answers 404 for an unknown link and 410 for an expired one', async () => {
      expect((await post(system, `/s/${newSurveyToken()}`, 'nps=1')).status).toBe(404);
      const expired = await plantSurvey(system, { expiresAt: system.clock.now().toISOString() });
      expect((await post(system, `/s/${expired}`, 'nps=1')).status).toBe(410);
    });

    it('refuses a body larger than a form can be (413)', async () => {
      const token = await plantSurvey(system);
      const response = await post(system, `/s/${token}`, `comment=${'x'.repeat(70_000)}`);
      expect(response.status).toBe(413);
      expect(await response.text()).toContain(fi.tooLarge.title);
      expect((await system.surveys.getSurvey(hashSurveyToken(token)))?.answeredAt).toBeUndefined();
    });
  });

  describe('security', () => {
    const expectSecurityHeaders = (response: Response) => {
      const h = response.headers;
      expect(h.get('content-security-policy')).toBe(
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      );
      expect(h.get('referrer-policy')).toBe('no-referrer');
      expect(h.get('x-robots-tag')).toMatch(/^noindex/);
      expect(h.get('x-content-type-options')).toBe('nosniff');
      expect(h.get('x-frame-options')).toBe('DENY');
    };

    it('puts security headers and no-store on every page', async () => {
      const token = await plantSurvey(system);
      const responses = [
        await system.app.request(`/s/${token}`),
        await system.app.request(`/s/${token}/opt-out`),
        await system.app.request(`/s/${newSurveyToken()}`),
        await system.app.request('/accessibility?lang=sv'),
        await post(system, `/s/${token}`, ''),
        await system.app.request('/healthz'),
      ];
      for (const response of responses) {
        expectSecurityHeaders(response);
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(response.headers.get('strict-transport-security')).toBeNull();
      }
    });

    it('adds HSTS when the request came over HTTPS', async () => {
      const token = await plantSurvey(system);
      const viaProxy = await system.app.request(`/s/${token}`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(viaProxy.headers.get('strict-transport-security')).toBe('max-age=31536000');
      const direct = await system.app.request(`https://palaute.example.fi/s/${token}`);
      expect(direct.headers.get('strict-transport-security')).toBe('max-age=31536000');
      const plain = await system.app.request(`https://palaute.example.fi/s/${token}`, {
        headers: { 'x-forwarded-proto': 'http' },
      });
      expect(plain.headers.get('strict-transport-security')).toBeNull();
    });

    it('serves the stylesheet from its own origin under a hashed name with a long cache', async () => {
      expect(SURVEY_CSS_PATH).toMatch(/^\/assets\/survey\.[0-9a-f]{12}\.css$/);
      const css = await system.app.request(SURVEY_CSS_PATH);
      expect(css.status).toBe(200);
      expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
      expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expectSecurityHeaders(css);
      const body = await css.text();
      expect(body).toContain(':focus-visible');
      expect(body).not.toMatch(/@import|@font-face|url\(/);
      expect((await system.app.request('/assets/survey.000000000000.css')).status).toBe(404);
    });

    it('refuses cross-site form posts with a friendly 403 page, and keeps the link open', async () => {
      const phoneHmac = 'phone-hmac-of-the-test';
      const token = await plantSurvey(system, { phoneHmac });
      const crossSite = await post(system, `/s/${token}?lang=en`, 'nps=10', {
        'sec-fetch-site': 'cross-site',
      });
      expect(crossSite.status).toBe(403);
      expectSecurityHeaders(crossSite);
      const html = await crossSite.text();
      expect(html).toContain(en.forbidden.title);
      expect(html).toContain(`href="/s/${token}?lang=en">${en.forbidden.back}</a>`);
      const sameSite = await post(system, `/s/${token}`, 'nps=10', { 'sec-fetch-site': 'same-site' });
      expect(sameSite.status).toBe(403);
      const evilOrigin = await post(system, `/s/${token}`, 'nps=10', { origin: 'https://evil.example' });
      expect(evilOrigin.status).toBe(403);
      const optOut = await post(system, `/s/${token}/opt-out`, '', { origin: 'https://evil.example' });
      expect(optOut.status).toBe(403);
      expect(await system.config.isOptedOut('org-pohde', phoneHmac)).toBe(false);
      // The same post from our own page does opt this survey's number out: the check above can fail.
      expect((await post(system, `/s/${token}/opt-out`, '', { origin: BASE_URL })).status).toBe(200);
      expect(await system.config.isOptedOut('org-pohde', phoneHmac)).toBe(true);
      expect((await system.surveys.getSurvey(hashSurveyToken(token)))?.answeredAt).toBeUndefined();
    });

    it('accepts same-origin posts, Origin: null (no-referrer pages) and old phones without Origin', async () => {
      const cases: Record<string, string>[] = [
        { 'sec-fetch-site': 'same-origin', origin: 'null' },
        { origin: BASE_URL },
        { origin: 'http://localhost' },
        { origin: 'null' },
        {},
      ];
      for (const headers of cases) {
        const token = await plantSurvey(system);
        expect((await post(system, `/s/${token}`, 'nps=7', headers)).status).toBe(200);
      }
    });

    it('shows a friendly 500 page when storage fails, and logs no token', async () => {
      const log = new MemoryLog();
      const failing = createApp({
        clock: system.clock,
        config: system.config,
        surveys: {
          ...system.surveys,
          getSurvey: () => Promise.reject(new Error('storage down')),
        },
        aggregates: system.aggregates,
        comments: system.comments,
        log,
        authenticate: async () => undefined,
        publicBaseUrl: BASE_URL,
      });
      const token = newSurveyToken();
      const response = await failing.request(`/s/${token}?lang=sv`);
      expect(response.status).toBe(500);
      expectSecurityHeaders(response);
      expect(await response.text()).toContain(sv.serverError.title);
      expect(log.lines).toEqual([
        {
          level: 'error',
          message: 'survey page failed',
          extra: { method: 'GET', route: '/s/:token', error: 'Error' },
        },
      ]);
    });

    it('never logs tokens or free text', async () => {
      const token = await plantSurvey(system);
      const secret = 'Salainen kommentti 12345';
      await system.app.request(`/s/${token}`);
      await post(system, `/s/${token}`, 'nps=99');
      await post(system, `/s/${token}`, `nps=5&comment=${encodeURIComponent(secret)}`);
      await post(system, `/s/${token}/opt-out`, '');
      const logged = system.log.text();
      expect(logged).not.toContain(token);
      expect(logged).not.toContain(hashSurveyToken(token));
      expect(logged).not.toContain('Salainen');
    });
  });

  describe('behind a path prefix (an API Gateway stage URL)', () => {
    it('prefixes every link with the path of PUBLIC_BASE_URL', async () => {
      const staged = await createTestSystem({
        publicBaseUrl: 'https://abc123.execute-api.eu-north-1.amazonaws.com/prod/',
      });
      const short = {
        fi: 'Palaute: {link} -{orgName}',
        sv: 'Respons: {link} -{orgName}',
        en: 'Feedback: {link} -{orgName}',
      };
      await configure(staged, { organization: { smsTemplates: short } });
      await setClock(staged, '2026-11-21T10:00:00+02:00');
      const token = await plantSurvey(staged);
      // API Gateway hands the function the path without the stage.
      const html = await (await staged.app.request(`/s/${token}`)).text();
      expect(html).toContain(`href="/prod${SURVEY_CSS_PATH}"`);
      expect(html).toContain(`action="/prod/s/${token}?lang=fi"`);
      expect(html).toContain(`href="/prod/s/${token}?lang=sv"`);
      expect(html).toContain(`href="/prod/s/${token}/opt-out?lang=fi"`);
      expect(html).toContain('href="/prod/accessibility?lang=fi&amp;org=org-pohde"');
      const hrefs = [...html.matchAll(/(?:href|action)="([^"#]+)"/g)].map((m) => m[1]);
      expect(hrefs.length).toBeGreaterThan(4);
      for (const href of hrefs) expect(href).toMatch(/^\/prod\//);
      const optOut = await (await staged.app.request(`/s/${token}/opt-out`)).text();
      expect(optOut).toContain(`action="/prod/s/${token}/opt-out?lang=fi"`);
      const statement = await (await staged.app.request('/accessibility?lang=en')).text();
      expect(statement).toContain('href="/prod/accessibility?lang=fi"');
      const forbidden = await post(staged, `/s/${token}?lang=fi`, 'nps=1', {
        'sec-fetch-site': 'cross-site',
      });
      expect(await forbidden.text()).toContain(`href="/prod/s/${token}?lang=fi"`);
      // The stage URL's origin is an allowed origin for posts.
      const ok = await post(staged, `/s/${token}`, 'nps=1', {
        origin: 'https://abc123.execute-api.eu-north-1.amazonaws.com',
      });
      expect(ok.status).toBe(200);
    });
  });

  describe('organization statements', () => {
    it('appends the organization statements after the core ones and stores their ids as they are', async () => {
      const own = await createTestSystem();
      await configure(own, {
        organization: {
          customStatements: [
            {
              id: 'parking',
              text: {
                fi: 'Pysäköinti oli helppoa.',
                sv: 'Det var lätt att parkera.',
                en: 'Parking was easy.',
              },
            },
          ],
        },
      });
      await setClock(own, '2026-11-21T10:00:00+02:00');
      const token = await plantSurvey(own, { unitId: 'unit-own' });
      const html = await (await own.app.request(`/s/${token}`)).text();
      const order = ['q-useful', 'q-parking', 'q-comment'].map((id) => html.indexOf(`id="${id}"`));
      expect(order.every((index) => index > 0)).toBe(true);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(html).toContain('<legend>Pysäköinti oli helppoa.</legend>');
      expect(html).toContain('id="parking-na" name="parking" value="na"');

      expect((await post(own, `/s/${token}`, 'parking=6')).status).toBe(400);
      expect((await post(own, `/s/${token}`, 'parking=2&nps=3')).status).toBe(200);
      const [answer] = await storedAnswers(own, 'unit-own', '2026-11-20');
      expect(answer?.questionSetVersion).toBe(1);
      expect(answer?.questionSetId).toBe('thl-core-v1');
      expect(answer?.answers).toEqual({ nps: 3, parking: 2 });
    });

    it('rejects statements whose id clashes with a core question, or that lack a language', async () => {
      const statement = (id: string, text: Record<string, string> = { fi: 'a', sv: 'b', en: 'c' }) => ({
        id,
        text,
      });
      for (const customStatements of [
        [statement('nps')],
        [statement('comment')],
        [statement('parking'), statement('parking')],
        [statement('parking', { fi: 'vain suomeksi' })],
        Array.from({ length: 11 }, (_, i) => statement(`own${i}`)),
      ]) {
        const response = await putJson(
          system,
          '/api/v1/organizations/org-clash',
          organizationBody({ customStatements }),
          ADMIN,
        );
        expect(response.status).toBe(400);
      }
    });
  });

  describe('accessibility statement', () => {
    it('is served in fi, sv and en with the law, the supervisory authority and a feedback route', async () => {
      for (const [lang, law, authority] of [
        ['fi', 'laki digitaalisten palvelujen tarjoamisesta (306/2019)', 'saavutettavuusvaatimukset.fi'],
        ['sv', 'lagen om tillhandahållande av digitala tjänster (306/2019)', 'tillganglighetskrav.fi'],
        ['en', 'Act on the Provision of Digital Services (306/2019)', 'webaccessibility.fi'],
      ] as const) {
        const response = await system.app.request(`/accessibility?lang=${lang}`);
        expect(response.status).toBe(200);
        const html = await response.text();
        expect(html).toContain(`<html lang="${lang}">`);
        expect(html).toContain(`<h1>${messages(lang).accessibility.title}</h1>`);
        expect(html).toContain(law);
        expect(html).toContain('Traficom');
        expect(html).toContain(authority);
        expect(html).toContain(messages(lang).accessibility.feedbackNoEmail);
      }
      const negotiated = await system.app.request('/accessibility', {
        headers: { 'accept-language': 'en-US,en;q=0.8' },
      });
      expect(await negotiated.text()).toContain('<html lang="en">');
    });

    it('names the feedback address when one is configured', async () => {
      const app = accessibilityApp({
        accessibilityFeedbackEmail: 'saavutettavuus@pohde.example',
        publicBaseUrl: BASE_URL,
        config: system.config,
        log: system.log,
      });
      const html = await (await app.request('/?lang=fi')).text();
      expect(html).toContain(
        '<a href="mailto:saavutettavuus@pohde.example">saavutettavuus@pohde.example</a>',
      );
    });

    it('is shown, without the organization, when the organization cannot be read', async () => {
      const failing = {
        ...system.config,
        getOrganization: () => Promise.reject(new Error('throttled')),
      };
      const app = accessibilityApp({ publicBaseUrl: BASE_URL, config: failing, log: system.log });
      const response = await app.request('/?lang=fi&org=org-pohde');
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<html lang="fi">');
    });
  });
});
