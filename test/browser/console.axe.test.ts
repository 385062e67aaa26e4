import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LANGUAGES,
  launchChromium,
  noHorizontalScroll,
  type ServedSystem,
  serveSystem,
  wcagViolations,
} from './support';

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

  it.each(LANGUAGES)('%s: the form, its error page and the console pass axe at 320 px', async (lang) => {
    // The pages have no script (the CSP allows none); axe itself needs JavaScript in the page.
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const response = await page.goto(`${served.baseUrl}/login?lang=${lang}`);
    expect(response?.status()).toBe(200);
    expect(await wcagViolations(page)).toEqual([]);
    expect(await noHorizontalScroll(page)).toBe(true);

    await page.fill('#username', 'admin');
    await page.fill('#password', 'wrong-password');
    const [refused] = await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(refused?.status()).toBe(401);
    expect(await page.locator('#error-summary').count()).toBe(1);
    expect(await wcagViolations(page)).toEqual([]);
    expect(await noHorizontalScroll(page)).toBe(true);

    await page.fill('#username', 'admin');
    await page.fill('#password', 'local-admin');
    await Promise.all([page.waitForURL(/\/console\?lang=/), page.click('button[type=submit]')]);
    expect(await page.locator('h1').textContent()).toBeTruthy();
    expect(await page.textContent('main')).toContain('admin');
    expect(await wcagViolations(page)).toEqual([]);
    expect(await noHorizontalScroll(page)).toBe(true);

    await Promise.all([page.waitForURL(/\/login\?lang=/), page.click('button[type=submit]')]);
    await page.goto(`${served.baseUrl}/console?lang=${lang}`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });
});
