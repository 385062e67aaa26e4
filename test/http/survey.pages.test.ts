import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashSurveyToken } from '../../shared/domain/keys';
import { messages } from '../../shared/i18n';
import { LANGUAGES } from '../../shared/schemas/config';
import {
  ADMIN,
  configure,
  createTestSystem,
  organizationBody,
  plantSurvey,
  putJson,
  setClock,
  storedAnswers,
  type TestSystem,
} from '../support/system';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const PRIVACY = {
  fi: 'https://pohde.example/tietosuoja',
  sv: 'https://pohde.example/dataskydd',
  en: 'https://pohde.example/privacy',
};

const post = (system: TestSystem, path: string, body: string | Uint8Array, headers: Record<string, string>) =>
  system.app.request(path, { method: 'POST', headers, body });

describe('a survey whose configuration is broken', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await createTestSystem();
    await configure(system);
    await setClock(system, '2026-11-21T10:00:00+02:00');
  });

  it.each([
    ['an unknown question set', { questionSetId: 'removed-set-v9' }, 'question-set-unknown'],
    ['an organization that is gone', { organizationId: 'org-gone' }, 'organization-missing'],
  ] as [string, { questionSetId?: string; organizationId?: string }, string][])(
    '%s: a friendly page in the survey language, the reason logged without the token',
    async (_, broken, problem) => {
      for (const language of LANGUAGES) {
        system.log.lines.length = 0;
        const token = await plantSurvey(system, { ...broken, language });
        const t = messages(language);
        for (const response of [
          await system.app.request(`/s/${token}`),
          await post(system, `/s/${token}`, 'nps=9', FORM),
        ]) {
          expect(response.status).toBe(503);
          expect(response.headers.get('content-type')).toMatch(/^text\/html/);
          const html = await response.text();
          expect(html).toContain(`<html lang="${language}">`);
          expect(html).toContain(`<h1>${t.unavailable.title}</h1>`);
          expect(html).toContain(t.unavailable.body);
        }
        expect(system.log.lines).toContainEqual({
          level: 'error',
          message: 'survey cannot be shown: configuration problem',
          extra: {
            problem,
            organizationId: broken.organizationId ?? 'org-pohde',
            unitId: 'unit-tk-keskusta',
            questionSetId: broken.questionSetId ?? 'thl-core-v1',
          },
        });
        expect(system.log.text()).not.toContain(token);
        expect(system.log.text()).not.toContain(hashSurveyToken(token));
        // Nothing stored, the link stays open for when the configuration is repaired.
        expect((await system.surveys.getSurvey(hashSurveyToken(token)))?.answeredAt).toBeUndefined();
      }
      expect(await storedAnswers(system)).toEqual([]);
    },
  );
});

describe('bodies that cannot be read', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await createTestSystem();
    await configure(system);
    await setClock(system, '2026-11-21T10:00:00+02:00');
  });

  const MALFORMED_MULTIPART = {
    'content-type': 'multipart/form-data; boundary=----palaute',
  };
  const BODY = '------other\r\nContent-Disposition: form-data; name="nps"\r\n\r\n9\r\n------other--\r\n';

  it('a survey post whose multipart body does not match its boundary: 400, a friendly page, nothing stored', async () => {
    const token = await plantSurvey(system, { language: 'sv' });
    const response = await post(system, `/s/${token}`, BODY, MALFORMED_MULTIPART);
    expect(response.status).toBe(400);
    const html = await response.text();
    const sv = messages('sv');
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain(`<h1>${sv.badForm.title}</h1>`);
    expect(html).toContain(`<a href="/s/${token}?lang=sv">${sv.badForm.back}</a>`);
    expect((await system.surveys.getSurvey(hashSurveyToken(token)))?.answeredAt).toBeUndefined();
    // A well-formed multipart post is an answer like any other.
    const good = new FormData();
    good.set('nps', '9');
    expect((await system.app.request(`/s/${token}`, { method: 'POST', body: good })).status).toBe(200);
  });

  it('the report sign-in with such a body: 400 and the sign-in form again', async () => {
    const response = await post(system, '/reports/login?lang=en', BODY, MALFORMED_MULTIPART);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('The form could not be read.');
    expect(html).toContain('<form method="post" action="/reports/login?lang=en"');
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('arbitrary bodies and content types never give a 5xx on the survey, opt-out and sign-in posts', async () => {
    const token = await plantSurvey(system);
    const contentType = fc.oneof(
      fc.constantFrom(
        'multipart/form-data',
        'multipart/form-data; boundary=',
        'multipart/form-data; boundary=x',
        'multipart/form-data; boundary="a b"',
        'application/x-www-form-urlencoded',
        'application/x-www-form-urlencoded; charset=utf-16',
        'application/json',
        'text/plain',
        '',
      ),
      fc.string({ maxLength: 60 }).map((s) => s.replace(/[\r\n]/g, ' ')),
      fc.string({ maxLength: 30 }).map((b) => `multipart/form-data; boundary=${b.replace(/[\r\n]/g, '')}`),
    );
    const body = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.uint8Array({ maxLength: 300 }),
      fc
        .tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }))
        .map(
          ([boundary, value]) =>
            `--${boundary}\r\nContent-Disposition: form-data; name="nps"\r\n\r\n${value}\r\n--${boundary}--`,
        ),
      fc.constantFrom('%', 'nps=%E0%A4%A', '--\r\n', '\u0000'),
    );
    const path = fc.constantFrom(`/s/${token}`, `/s/${token}/opt-out`, '/reports/login');
    await fc.assert(
      fc.asyncProperty(path, contentType, body, async (target, type, payload) => {
        const headers: Record<string, string> = type === '' ? {} : { 'content-type': type };
        let response: Response;
        try {
          response = await post(system, target, payload, headers);
        } catch {
          // Headers the fetch API itself refuses never reach the app.
          return;
        }
        expect(response.status, `${target} ${JSON.stringify(type)}`).toBeLessThan(500);
        if (target.startsWith('/s/')) expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      }),
      { numRuns: 150 },
    );
  });
});

describe('privacy notice', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await createTestSystem();
    await configure(system, { organization: { privacyNoticeUrl: PRIVACY } });
    await setClock(system, '2026-11-21T10:00:00+02:00');
  });

  const privacyLink = (language: (typeof LANGUAGES)[number]) =>
    `<a href="${PRIVACY[language]}">${messages(language).privacyNotice}</a>`;
  const accessibilityLink = (language: (typeof LANGUAGES)[number]) =>
    `<a href="/accessibility?lang=${language}&amp;org=org-pohde">${messages(language).accessibility.link}</a>`;

  it('every page of a link shows the notice and the statement of the organization, in its language', async () => {
    for (const language of LANGUAGES) {
      const open = await plantSurvey(system, { language });
      const answered = await plantSurvey(system, { language });
      expect((await post(system, `/s/${answered}`, 'nps=8', FORM)).status).toBe(200);
      const expired = await plantSurvey(system, {
        language,
        expiresAt: '2026-11-01T00:00:00.000Z',
      });
      const broken = await plantSurvey(system, { language, questionSetId: 'removed-set-v9' });
      const pages: [string, Response][] = [
        ['form', await system.app.request(`/s/${open}`)],
        ['invalid form', await post(system, `/s/${open}`, 'nps=11', FORM)],
        [
          'unreadable form',
          await post(system, `/s/${open}`, 'x', { 'content-type': 'multipart/form-data; boundary=b' }),
        ],
        ['thanks', await post(system, `/s/${open}`, 'nps=9', FORM)],
        ['answered', await system.app.request(`/s/${answered}`)],
        ['expired', await system.app.request(`/s/${expired}`)],
        ['unavailable', await system.app.request(`/s/${broken}`)],
        ['opt-out confirm', await system.app.request(`/s/${open}/opt-out`)],
        ['opt-out done', await post(system, `/s/${open}/opt-out`, '', FORM)],
        ['accessibility', await system.app.request(`/accessibility?lang=${language}&org=org-pohde`)],
      ];
      for (const [name, response] of pages) {
        const html = await response.text();
        expect(html, `${name} ${language}`).toContain(`<html lang="${language}">`);
        expect(html, `${name} ${language}`).toContain(privacyLink(language));
        expect(html, `${name} ${language}`).toContain(accessibilityLink(language));
        for (const token of [open, answered, expired, broken]) {
          // The statement link names the organization, never the token.
          expect(html.match(/href="\/accessibility[^"]*"/)?.[0]).not.toContain(token);
        }
      }
    }
  });

  it('the statement with an organization switches language keeping it; without one it links no notice', async () => {
    const html = await (await system.app.request('/accessibility?lang=sv&org=org-pohde')).text();
    expect(html).toContain('<p class="org">Pohde</p>');
    expect(html).toContain('href="/accessibility?lang=fi&amp;org=org-pohde"');
    expect(html).toContain('href="/accessibility?lang=en&amp;org=org-pohde"');
    for (const path of [
      '/accessibility?lang=sv',
      '/accessibility?lang=sv&org=org-nope',
      '/accessibility?lang=sv&org=%3Cb%3E',
    ]) {
      const plain = await system.app.request(path);
      expect(plain.status).toBe(200);
      const text = await plain.text();
      expect(text).not.toContain(messages('sv').privacyNotice);
      expect(text).toContain(`<a href="/accessibility?lang=sv">${messages('sv').accessibility.link}</a>`);
    }
  });

  it('an organization without a notice gets no notice link; an unknown link none either', async () => {
    await configure(system, { organizationId: 'org-plain', unitId: 'unit-plain' });
    const token = await plantSurvey(system, { organizationId: 'org-plain', unitId: 'unit-plain' });
    const html = await (await system.app.request(`/s/${token}`)).text();
    expect(html).not.toContain(messages('fi').privacyNotice);
    expect(html).toContain(accessibilityLink('fi').replace('org-pohde', 'org-plain'));
    const unknown = await (await system.app.request('/s/AAAAAAAAAAAAAAAAAAAAAA')).text();
    expect(unknown).not.toContain(messages('fi').privacyNotice);
    expect(unknown).toContain(`<a href="/accessibility?lang=fi">${messages('fi').accessibility.link}</a>`);
  });

  it('the organization body takes https URLs in all three languages, and refuses anything else with field paths', async () => {
    const put = (privacyNoticeUrl: unknown) =>
      putJson(system, '/api/v1/organizations/org-pohde', organizationBody({ privacyNoticeUrl }), ADMIN);
    const paths = async (privacyNoticeUrl: unknown) => {
      const response = await put(privacyNoticeUrl);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { details: { path: string }[] } };
      return body.error.details.map((d) => d.path);
    };
    expect(await paths({ ...PRIVACY, fi: 'http://pohde.example/tietosuoja' })).toEqual([
      'privacyNoticeUrl.fi',
    ]);
    expect(await paths({ ...PRIVACY, sv: 'javascript:alert(1)' })).toEqual(['privacyNoticeUrl.sv']);
    expect(await paths({ fi: PRIVACY.fi, sv: PRIVACY.sv })).toEqual(['privacyNoticeUrl.en']);
    expect(await paths({ ...PRIVACY, de: 'https://pohde.example/datenschutz' })).toEqual([
      'privacyNoticeUrl',
    ]);
    const stored = await put(PRIVACY);
    expect(stored.status).toBe(200);
    expect(((await stored.json()) as { privacyNoticeUrl: unknown }).privacyNoticeUrl).toEqual(PRIVACY);
  });
});
