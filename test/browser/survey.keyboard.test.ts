import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { messages } from '../../shared/i18n';
import type { Language } from '../../shared/schemas/config';
import { storedAnswers } from '../support/system';
import {
  focused,
  LANGUAGES,
  launchChromium,
  noHorizontalScroll,
  SCREENSHOTS,
  type ServedSystem,
  sendSurveys,
  serveSystem,
  setRootFontSize,
  tabTo,
} from './support';

/** Tabs into a radio group (focus lands on its first option) and moves `steps` options on with arrows. */
async function chooseByArrows(page: Page, name: string, steps: number, key = 'ArrowDown') {
  await tabTo(page, `input[name="${name}"]`);
  if (steps === 0) await page.keyboard.press('Space');
  for (let i = 0; i < steps; i += 1) await page.keyboard.press(key);
}

describe('the survey in a real browser, by keyboard only', { timeout: 60_000 }, () => {
  let browser: Browser;
  let served: ServedSystem;
  let tokens: Record<Language, string[]>;

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
    // `de` is not served: that client gets English.
    tokens = await sendSurveys(served.system, ['fi', 'fi', 'fi', 'sv', 'sv', 'de', 'en']);
  });
  beforeEach(() => {
    if (launchError) throw launchError;
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  for (const lang of LANGUAGES) {
    it(`answers the whole survey with the keyboard in ${lang}`, async () => {
      const t = messages(lang);
      const token = tokens[lang][0];
      const context = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'fi-FI' });
      const page = await context.newPage();
      const response = await page.goto(`${served.baseUrl}/s/${token}`);
      expect(response?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.textContent('h1')).toBe(t.form.heading);

      // 320 px: one column, no horizontal scrolling; a screenshot per language as a test artifact.
      expect(await noHorizontalScroll(page)).toBe(true);
      await page.screenshot({ path: join(SCREENSHOTS, `survey-${lang}-320.png`), fullPage: true });

      await chooseByArrows(page, 'nps', 9, 'ArrowRight');
      const onNps = await focused(page);
      expect(onNps).toMatchObject({ id: 'nps-9', name: 'nps' });
      expect(onNps?.outline).toBe('solid 3px'); // the focus is visible
      await chooseByArrows(page, 'helpInTime', 4); // 5
      await chooseByArrows(page, 'caredFor', 0); // 1
      await chooseByArrows(page, 'participation', 5); // na ("Ei koske minua")
      await tabTo(page, 'input[name="safety"]'); // skipped, and continuity too: every question is optional
      await chooseByArrows(page, 'information', 2); // 3
      await chooseByArrows(page, 'useful', 3); // 4
      await tabTo(page, 'textarea#comment');
      const comment = `Näppäimistöllä vastattu (${lang}).`;
      await page.keyboard.type(comment);
      await tabTo(page, 'button[type="submit"]');
      expect((await focused(page))?.outline).toBe('solid 3px');
      const [thanks] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(thanks?.status()).toBe(200);
      expect(await page.textContent('h1')).toBe(t.thanks.title);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);

      const answer = (await storedAnswers(served.system)).find((a) => a.comment === comment);
      expect(answer).toMatchObject({
        language: lang,
        questionSetId: 'thl-national-v2',
        questionSetVersion: 1,
        answers: { nps: 9, helpInTime: 5, caredFor: 1, participation: 'na', information: 3, useful: 4 },
      });
      await context.close();
    });
  }

  it('switches language with the visible switch, by keyboard', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${served.baseUrl}/s/${tokens.fi[1]}`);
    await tabTo(page, 'a[hreflang="sv"]');
    const onLink = await focused(page);
    expect(onLink?.background).toBe('rgb(255, 221, 0)'); // focused links are highlighted
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(page.url()).toMatch(/\?lang=sv$/);
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    expect(await page.textContent('h1')).toBe(messages('sv').form.heading);
    await context.close();
  });

  it('shows an error summary at the top, focused, with links to the fields, and keeps answers', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${served.baseUrl}/s/${tokens.sv[1]}`);
    await tabTo(page, 'button[type="submit"]');
    const [invalid] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(invalid?.status()).toBe(400);
    expect(await page.title()).toMatch(/^Fel: /);
    // The browser applies `autofocus` after the page loads; on a busy machine that can come a moment
    // after the navigation settles, so wait for it (it fails if the summary never takes focus).
    await page
      .waitForFunction("document.activeElement?.id === 'error-summary'", null, { timeout: 5000 })
      .catch(() => undefined);
    expect((await focused(page))?.id).toBe('error-summary');
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'survey-sv-320-error.png'), fullPage: true });

    // Follow the summary's link by keyboard: it leads to the first question.
    await page.keyboard.press('Tab');
    expect((await focused(page))?.href).toBe('#q-nps');
    await page.keyboard.press('Enter');
    expect(page.url()).toMatch(/#q-nps$/);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ name: 'nps' });
    await page.keyboard.press('Space');
    await tabTo(page, 'button[type="submit"]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.textContent('h1')).toBe(messages('sv').thanks.title);
    await context.close();
  });

  it('reflows at 200 % zoom and with 200 % text', async () => {
    // 200 % zoom of a 1280 px window is a 640 px viewport; text at 200 % on a phone is the harder case.
    const context = await browser.newContext({ viewport: { width: 640, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${served.baseUrl}/s/${tokens.fi[2]}`);
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.setViewportSize({ width: 320, height: 640 });
    await setRootFontSize(page, '200%');
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'survey-fi-320-text200.png'), fullPage: true });
    await context.close();
  });

  it('works with JavaScript disabled', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 320, height: 640 },
    });
    const page = await context.newPage();
    await page.goto(`${served.baseUrl}/s/${tokens.en[1]}`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    // An empty answer: the server says so (400) and keeps the page usable.
    const [invalid] = await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(invalid?.status()).toBe(400);
    expect(await page.isVisible('#error-summary')).toBe(true);
    await page.click('label[for="nps-10"]');
    await page.click('label[for="useful-na"]');
    await page.fill('textarea#comment', 'Without JavaScript.');
    const [thanks] = await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(thanks?.status()).toBe(200);
    expect(await page.textContent('h1')).toBe(messages('en').thanks.title);
    const answer = (await storedAnswers(served.system)).find((a) => a.comment === 'Without JavaScript.');
    expect(answer?.answers).toEqual({ nps: 10, useful: 'na' });
    await context.close();
  });
});
