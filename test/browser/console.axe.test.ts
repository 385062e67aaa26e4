import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LANGUAGES,
  launchChromium,
  noHorizontalScroll,
  SCREENSHOTS,
  type ServedSystem,
  serveSystem,
  tabTo,
  wcagViolations,
} from './support';

const WIDTHS = [320, 1280] as const;

describe('console sign-in in a real browser', () => {
  let browser: Browser;
  let served: ServedSystem;
  beforeAll(async () => {
    [browser, served] = await Promise.all([launchChromium(), serveSystem()]);
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  const check = async (page: Page, name: string) => {
    expect(await wcagViolations(page)).toEqual([]);
    expect(await noHorizontalScroll(page)).toBe(true);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  };

  const cases = LANGUAGES.flatMap((lang) => WIDTHS.map((width) => [lang, width] as const));
  it.each(cases)(
    '%s at %i px: the form, its error page and the console home pass axe',
    async (lang, width) => {
      // The pages have no script (the CSP allows none); axe itself needs JavaScript in the page.
      const context = await browser.newContext({ viewport: { width, height: 640 } });
      const page = await context.newPage();
      const response = await page.goto(`${served.baseUrl}/login?lang=${lang}`);
      expect(response?.status()).toBe(200);
      await check(page, `console-sign-in-${lang}-${width}`);

      await page.fill('#username', 'admin');
      await page.fill('#password', 'wrong-password');
      const [refused] = await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
      expect(refused?.status()).toBe(401);
      expect(await page.locator('#error-summary').count()).toBe(1);
      await check(page, `console-sign-in-error-${lang}-${width}`);

      await page.fill('#username', 'admin');
      await page.fill('#password', 'local-admin');
      await Promise.all([page.waitForURL(/\/console\?lang=/), page.click('button[type=submit]')]);
      expect(await page.locator('h1').textContent()).toBeTruthy();
      expect(await page.textContent('main')).toContain('admin');
      await check(page, `console-home-${lang}-${width}`);

      await Promise.all([page.waitForURL(/\/login\?lang=/), page.click('button[type=submit]')]);
      await page.goto(`${served.baseUrl}/console?lang=${lang}`);
      expect(new URL(page.url()).pathname).toBe('/login');
      await context.close();
    },
  );

  it('signs in, reaches the reports and signs out by keyboard only', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${served.baseUrl}/login?lang=fi`);
    await tabTo(page, '#username');
    await page.keyboard.type('admin');
    await tabTo(page, '#password');
    await page.keyboard.type('local-admin');
    await Promise.all([page.waitForURL(/\/console\?lang=fi/), page.keyboard.press('Enter')]);
    await tabTo(page, 'main a[href*="/console/reports"]');
    await Promise.all([page.waitForURL(/\/console\/reports/), page.keyboard.press('Enter')]);
    await tabTo(page, '.sign-out button');
    await Promise.all([page.waitForURL(/\/login\?lang=fi/), page.keyboard.press('Enter')]);
    await context.close();
  });
});
