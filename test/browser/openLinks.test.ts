import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalSystemOptions } from '../../local/system';
import { OPEN_LINK_TEXTS } from '../../shared/http/openLinks/texts';
import { messages } from '../../shared/i18n';
import { serveOnFreePort } from '../support/serve';
import {
  ADMIN,
  configure,
  createTestSystem,
  setClock,
  storedAnswers,
  type TestSystem,
} from '../support/system';
import {
  focused,
  LANGUAGES,
  launchChromium,
  noHorizontalScroll,
  tabTo,
  WCAG_21_AA,
  wcagViolations,
} from './support';

const UNIT = 'unit-tk-keskusta';

interface Served {
  system: TestSystem;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * A local system on a real port. The virtual clock stands still in tests, so the minimum fill time is
 * 0 here (the signed stamp is still checked); the HTTP tests cover the minimum itself.
 */
async function serve(openLinks: LocalSystemOptions['openLinks']): Promise<Served> {
  const system = await createTestSystem({ openLinks });
  await configure(system);
  await setClock(system, '2026-11-20T10:00:00+02:00');
  const served = await serveOnFreePort((request) => system.app.fetch(request));
  return { system, baseUrl: served.url, close: served.close };
}

async function newLink(system: TestSystem, channel: 'qr' | 'kiosk'): Promise<string> {
  const response = await system.app.request(`/api/v1/units/${UNIT}/open-links`, {
    method: 'POST',
    headers: { ...ADMIN, 'content-type': 'application/json' },
    body: JSON.stringify({ channel, respondent: 'client' }),
  });
  return ((await response.json()) as { openLinkId: string }).openLinkId;
}

/**
 * axe (WCAG 2.1 A/AA) on a kiosk page. Its `meta-refresh` rule flags any timed refresh under 20 hours;
 * the kiosk's refresh is the privacy reset of a shared tablet, and the form meets 2.2.1 by "Adjust":
 * before the limit is met, a link gives ten times the time (asserted where this is used).
 */
async function kioskViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_21_AA)
    .disableRules(['meta-refresh'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.help}`);
}

const submit = (page: Page) => Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);

describe('open links in a real browser: axe in fi/sv/en, keyboard, kiosk reset', { timeout: 90_000 }, () => {
  let browser: Browser;
  let served: Served;
  let formLink: string;
  let kioskLink: string;
  let resetting: Served;
  let resettingLink: string;
  let launchError: unknown;
  beforeAll(async () => {
    try {
      browser = await launchChromium();
    } catch (error) {
      launchError = error;
      return;
    }
    // Here the kiosk pages do not move on while axe reads them; `resetting` below starts over quickly.
    served = await serve({ limits: { minFillMs: 0 }, kiosk: { thanksSeconds: 3600 } });
    formLink = await newLink(served.system, 'qr');
    kioskLink = await newLink(served.system, 'kiosk');
    resetting = await serve({ limits: { minFillMs: 0 }, kiosk: { idleSeconds: 6, thanksSeconds: 1 } });
    resettingLink = await newLink(resetting.system, 'kiosk');
  });
  beforeEach(() => {
    if (launchError) throw launchError;
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await resetting?.close();
  });

  for (const lang of LANGUAGES) {
    it(`/f/: no violations on the form, its errors and the thanks; answered by keyboard (${lang})`, async () => {
      const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
      const page = await context.newPage();
      expect((await page.goto(`${served.baseUrl}/f/${formLink}?lang=${lang}`))?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await wcagViolations(page)).toEqual([]);
      expect(await noHorizontalScroll(page)).toBe(true);

      const [invalid] = await submit(page);
      expect(invalid?.status()).toBe(400);
      expect(await wcagViolations(page)).toEqual([]);

      // Every stop of the Tab order up to the button: the honeypot is never one of them.
      await page.goto(`${served.baseUrl}/f/${formLink}?lang=${lang}`);
      const stops: string[] = [];
      for (let i = 0; i < 80; i += 1) {
        await page.keyboard.press('Tab');
        const here = await focused(page);
        stops.push(here?.id || here?.tag || '');
        if (here?.tag === 'button') break;
      }
      expect(stops).not.toContain('hp-website');
      expect(stops.at(-1)).toBe('button');
      await page.goto(`${served.baseUrl}/f/${formLink}?lang=${lang}`);
      await tabTo(page, 'input[name="nps"]');
      for (let i = 0; i < 7; i += 1) await page.keyboard.press('ArrowRight');
      await tabTo(page, 'textarea#comment');
      const comment = `QR ${lang}`;
      await page.keyboard.type(comment);
      await tabTo(page, 'button[type="submit"]');
      const [thanks] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(thanks?.status()).toBe(200);
      expect(page.url()).toBe(`${served.baseUrl}/f/${formLink}/thanks?lang=${lang}`);
      expect(await page.textContent('h1')).toBe(messages(lang).thanks.title);
      expect(await wcagViolations(page)).toEqual([]);
      const answer = (await storedAnswers(served.system, UNIT, '2026-11-20')).find(
        (a) => a.comment === comment,
      );
      expect(answer).toMatchObject({
        channel: 'qr',
        respondent: 'client',
        language: lang,
        answers: { nps: 7 },
      });
      expect(await context.cookies()).toEqual([]);
      await context.close();
    });

    it(`/k/: no violations on the form, its errors and the thanks (${lang})`, async () => {
      const context = await browser.newContext({ viewport: { width: 768, height: 1024 } });
      const page = await context.newPage();
      const formUrl = `${served.baseUrl}/k/${kioskLink}?lang=${lang}`;
      expect((await page.goto(formUrl))?.status()).toBe(200);
      expect(await kioskViolations(page)).toEqual([]);
      expect(await page.textContent('a[href$="time=long"]')).toBe(OPEN_LINK_TEXTS[lang].kioskMoreTime(30));
      const [invalid] = await submit(page);
      expect(invalid?.status()).toBe(400);
      expect(await kioskViolations(page)).toEqual([]);
      await page.click('label[for="nps-10"]');
      const [thanks] = await submit(page);
      expect(thanks?.status()).toBe(200);
      expect(await page.textContent('h1')).toBe(messages(lang).thanks.title);
      expect(await kioskViolations(page)).toEqual([]);
      expect(await context.cookies()).toEqual([]);
      await context.close();
    });

    it(`/k/: after an answer a fresh empty form on its own; Back resubmits nothing (${lang})`, async () => {
      const context = await browser.newContext({ viewport: { width: 768, height: 1024 } });
      const page = await context.newPage();
      const formUrl = `${resetting.baseUrl}/k/${resettingLink}?lang=${lang}`;
      expect((await page.goto(formUrl))?.status()).toBe(200);
      const comment = `Kiosk ${lang} ${Date.now()}`;
      await page.click('label[for="nps-10"]');
      await page.fill('textarea#comment', comment);
      const before = (await storedAnswers(resetting.system, UNIT, '2026-11-20')).length;
      const [thanks] = await submit(page);
      expect(thanks?.status()).toBe(200);
      expect(page.url()).toBe(`${resetting.baseUrl}/k/${resettingLink}/thanks?lang=${lang}`);

      // The thank-you page returns to the form by itself (meta refresh, no script).
      await page.waitForURL(formUrl, { timeout: 20_000 });
      expect(await page.locator('input:checked').count()).toBe(0);
      expect(await page.inputValue('textarea#comment')).toBe('');
      expect(await page.content()).not.toContain(comment);

      // Back and reload go through the GET pages: the answer is never posted again.
      await page.goBack();
      await page.reload();
      await page.goBack().catch(() => undefined);
      const after = await storedAnswers(resetting.system, UNIT, '2026-11-20');
      expect(after).toHaveLength(before + 1);
      expect(after.filter((a) => a.comment === comment)).toHaveLength(1);
      expect(await context.cookies()).toEqual([]);
      await context.close();
    });
  }

  it('/k/: an untouched form empties itself after the idle time', async () => {
    const page = await browser.newPage();
    await page.goto(`${resetting.baseUrl}/k/${resettingLink}?lang=fi`);
    expect(await page.getAttribute('meta[http-equiv="refresh"]', 'content')).toBe(
      `6;url=/k/${resettingLink}?lang=fi`,
    );
    await page.click('label[for="nps-3"]');
    await page.fill('textarea#comment', 'puolivalmis');
    await page.waitForEvent('load', { timeout: 20_000 });
    expect(await page.locator('input:checked').count()).toBe(0);
    expect(await page.inputValue('textarea#comment')).toBe('');
    const stored = await storedAnswers(resetting.system, UNIT, '2026-11-20');
    expect(stored.filter((a) => a.answers.nps === 3)).toEqual([]);
    await page.close();
  });
});
