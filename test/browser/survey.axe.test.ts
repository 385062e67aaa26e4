import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SURVEY_CSS_PATH } from '../../shared/http/survey/styles';
import { messages } from '../../shared/i18n';
import type { Language } from '../../shared/schemas/config';
import { configure, plantSurvey } from '../support/system';
import {
  ARTIFACTS,
  LANGUAGES,
  launchChromium,
  type ServedSystem,
  sendSurveys,
  serveSystem,
  tabTo,
  wcagViolations,
} from './support';

/** The budget of the issue: the form page, HTML and CSS, under 30 KB transferred. */
const PAGE_WEIGHT_BUDGET = 30 * 1024;

describe('WCAG 2.1 A/AA (axe-core) and page weight in a real browser', { timeout: 60_000 }, () => {
  let browser: Browser;
  let served: ServedSystem;
  let tokens: Record<Language, string[]>;
  let context: BrowserContext;
  let page: Page;
  const url = (path: string) => `${served.baseUrl}${path}`;
  const submit = () => Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);

  /** Without Chromium every test fails with the reason (a failing beforeAll would only skip them). */
  let launchError: unknown;
  beforeAll(async () => {
    try {
      browser = await launchChromium();
    } catch (error) {
      launchError = error;
      return;
    }
    served = await serveSystem();
    tokens = await sendSurveys(served.system, ['fi', 'fi', 'fi', 'fi', 'sv', 'sv', 'en', 'en']);
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });
  beforeEach(async () => {
    if (launchError) throw launchError;
    await context?.close();
    context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    page = await context.newPage();
  });

  for (const lang of LANGUAGES) {
    it(`finds no violations on the form, the error page and the thank-you page (${lang})`, async () => {
      const token = tokens[lang][0];
      expect((await page.goto(url(`/s/${token}`)))?.status()).toBe(200);
      expect(await wcagViolations(page)).toEqual([]);

      const [invalid] = await submit();
      expect(invalid?.status()).toBe(400);
      expect(await page.isVisible('#error-summary')).toBe(true);
      expect(await wcagViolations(page)).toEqual([]);

      await page.click('label[for="nps-8"]');
      await page.click('label[for="safety-na"]');
      const [thanks] = await submit();
      expect(thanks?.status()).toBe(200);
      expect(await page.textContent('h1')).toBe(messages(lang).thanks.title);
      expect(await wcagViolations(page)).toEqual([]);

      // Opening the answered link again: the friendly 410.
      expect((await page.goto(url(`/s/${token}`)))?.status()).toBe(410);
      expect(await page.textContent('h1')).toBe(messages(lang).answered.title);
      expect(await wcagViolations(page)).toEqual([]);
    });
  }

  it('finds no violations on the expired (410) and unknown (404) pages', async () => {
    const { system } = served;
    const expired = await plantSurvey(system, {
      expiresAt: new Date(system.clock.now().getTime() - 1).toISOString(),
    });
    for (const lang of LANGUAGES) {
      expect((await page.goto(url(`/s/${expired}?lang=${lang}`)))?.status()).toBe(410);
      expect(await page.textContent('h1')).toBe(messages(lang).expired.title);
      expect(await wcagViolations(page)).toEqual([]);
    }
    expect((await page.goto(url('/s/AAAAAAAAAAAAAAAAAAAAAA')))?.status()).toBe(404);
    expect(await wcagViolations(page)).toEqual([]);
  });

  it('finds no violations on the opt-out confirmation and done pages', async () => {
    for (const lang of LANGUAGES) {
      const token = tokens[lang][1];
      await page.goto(url(`/s/${token}`));
      await Promise.all([page.waitForNavigation(), page.click(`a[href^="/s/${token}/opt-out"]`)]);
      expect(await page.textContent('h1')).toBe(messages(lang).optOut.title);
      expect(await wcagViolations(page)).toEqual([]);
      const [done] = await submit();
      expect(done?.status()).toBe(200);
      expect(await page.textContent('h1')).toBe(messages(lang).optOut.doneTitle);
      expect(await wcagViolations(page)).toEqual([]);
    }
  });

  it('finds no violations on the accessibility statement, linked from every survey page', async () => {
    await page.goto(url(`/s/${tokens.fi[2]}`));
    await Promise.all([page.waitForNavigation(), page.click('footer a[href^="/accessibility"]')]);
    expect(await page.textContent('h1')).toBe('Saavutettavuusseloste');
    for (const lang of LANGUAGES) {
      await page.goto(url(`/accessibility?lang=${lang}`));
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await wcagViolations(page)).toEqual([]);
    }
  });

  it('finds no violations on the unavailable (503) page and an organization’s statement, with its privacy notice', async () => {
    const { system } = served;
    const privacy = {
      fi: 'https://pohde.example/tietosuoja',
      sv: 'https://pohde.example/dataskydd',
      en: 'https://pohde.example/privacy',
    };
    await configure(system, { organization: { privacyNoticeUrl: privacy } });
    const broken = await plantSurvey(system, { questionSetId: 'removed-set-v9' });
    for (const lang of LANGUAGES) {
      expect((await page.goto(url(`/s/${broken}?lang=${lang}`)))?.status()).toBe(503);
      expect(await page.textContent('h1')).toBe(messages(lang).unavailable.title);
      expect(await page.getAttribute('footer a[href^="https://"]', 'href')).toBe(privacy[lang]);
      expect(await wcagViolations(page)).toEqual([]);
      await page.goto(url(`/accessibility?lang=${lang}&org=org-pohde`));
      expect(await page.getAttribute('footer a[href^="https://"]', 'href')).toBe(privacy[lang]);
      expect(await wcagViolations(page)).toEqual([]);
    }
  });

  it('finds no violations on the relatives’ and the children’s picture-scale forms, by keyboard too', async () => {
    for (const questionSetId of ['thl-relatives-v1', 'thl-children-v1']) {
      const token = await plantSurvey(served.system, { questionSetId });
      for (const lang of LANGUAGES) {
        expect((await page.goto(url(`/s/${token}?lang=${lang}`)))?.status()).toBe(200);
        expect(await wcagViolations(page)).toEqual([]);
      }
    }
    // The children's faces: one per value, with the value's words visible beside it.
    const children = await plantSurvey(served.system, { questionSetId: 'thl-children-v1' });
    await page.goto(url(`/s/${children}`));
    expect(await page.locator('#q-childHeard svg.face').count()).toBe(5);
    expect(await page.locator('label[for="childHeard-5"]').innerText()).toBe('Täysin totta');
    // By keyboard: Tab into the first group, arrows choose a value, and the choice is kept.
    await tabTo(page, 'input[name="childKind"]');
    await page.keyboard.press('ArrowRight');
    expect(await page.isChecked('#childKind-2')).toBe(true);
    expect(await wcagViolations(page)).toEqual([]);
  });

  it('loads nothing from another origin and breaks no CSP rule', async () => {
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    await page.goto(url(`/s/${tokens.fi[3]}`));
    await page.waitForLoadState('networkidle');
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) expect(new URL(request).origin).toBe(served.baseUrl);
    expect(problems.filter((p) => /Content Security Policy|Refused/i.test(p))).toEqual([]);
  });

  it(`keeps the form page (HTML + CSS) under ${PAGE_WEIGHT_BUDGET} bytes transferred`, async () => {
    const sizes = new Map<string, number>();
    const figures = [];
    for (const lang of LANGUAGES) {
      // Links are never used up by opening them: the ones opted out above still show the form.
      const token = tokens[lang][1];
      // A fresh context: nothing cached, as on a first visit.
      const fresh = await browser.newContext({ viewport: { width: 320, height: 640 } });
      const cold = await fresh.newPage();
      sizes.clear();
      cold.on('requestfinished', async (request) => {
        const s = await request.sizes();
        sizes.set(new URL(request.url()).pathname, s.responseHeadersSize + s.responseBodySize);
      });
      expect((await cold.goto(url(`/s/${token}`)))?.status()).toBe(200);
      await cold.waitForLoadState('networkidle');
      await fresh.close();
      const html = sizes.get(`/s/${token}`) ?? 0;
      const css = sizes.get(SURVEY_CSS_PATH) ?? 0;
      expect(html).toBeGreaterThan(0);
      expect(css).toBeGreaterThan(0);
      const [htmlBody, cssBody] = await Promise.all([
        fetch(url(`/s/${token}`)).then((r) => r.text()),
        fetch(url(SURVEY_CSS_PATH)).then((r) => r.text()),
      ]);
      figures.push({
        language: lang,
        htmlBytes: html,
        cssBytes: css,
        totalBytes: html + css,
        gzippedBodiesBytes: gzipSync(htmlBody).length + gzipSync(cssBody).length,
      });
    }
    await writeFile(join(ARTIFACTS, 'page-weight.json'), `${JSON.stringify(figures, null, 2)}\n`);
    console.info(`form page weight (bytes, headers included): ${JSON.stringify(figures)}`);
    for (const figure of figures) expect(figure.totalBytes).toBeLessThan(PAGE_WEIGHT_BUDGET);

    // A returning visit (e.g. after the language switch) takes the stylesheet from the cache.
    served.hits.length = 0;
    await page.goto(url(`/s/${tokens.fi[1]}`));
    await page.goto(url(`/s/${tokens.fi[1]}?lang=sv`));
    await page.waitForLoadState('networkidle');
    expect(served.hits.filter((path) => path === SURVEY_CSS_PATH)).toHaveLength(1);
  });
});
