import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORTS_ORG, seedReports } from '../support/consoleReports';
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

const PAGES = [
  ['reports', '/console/reports'],
  ['dashboard', `/console/organizations/${REPORTS_ORG}`],
  ['unit', '/console/units/u-a'],
  ['monthly', '/console/units/u-a/monthly/2026-11'],
] as const;

declare const document: { querySelectorAll(selector: string): { length: number } };

/** Signs in through the form as the default local platform admin. */
async function signIn(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/login?lang=en`);
  await page.fill('#username', 'admin');
  await page.fill('#password', 'local-admin');
  await Promise.all([page.waitForURL(/\/console\?lang=/), page.click('button[type=submit]')]);
}

describe('report screens in a real browser', () => {
  let browser: Browser;
  let served: ServedSystem;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    [browser, served] = await Promise.all([launchChromium(), serveSystem()]);
    await seedReports(served.system);
    context = await browser.newContext({ viewport: { width: 320, height: 720 } });
    page = await context.newPage();
    await signIn(page, served.baseUrl);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await served?.close();
  });

  it.each(LANGUAGES)(
    '%s: every report page passes axe at 320 and 1280 px, no page-wide sideways scroll',
    async (lang) => {
      for (const width of [320, 1280]) {
        await page.setViewportSize({ width, height: 720 });
        for (const [name, path] of PAGES) {
          const response = await page.goto(`${served.baseUrl}${path}?lang=${lang}`);
          expect(response?.status(), `${name} ${lang}`).toBe(200);
          expect(await wcagViolations(page), `${name} ${lang} ${width}`).toEqual([]);
          expect(await noHorizontalScroll(page), `${name} ${lang} ${width}`).toBe(true);
          await page.screenshot({
            path: join(SCREENSHOTS, `console-${name}-${lang}-${width}.png`),
            fullPage: true,
          });
        }
      }
    },
    180_000,
  );

  it('dashboard by keyboard only: sort, compare date, download link', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${served.baseUrl}/console/organizations/${REPORTS_ORG}?lang=en`);
    await tabTo(page, '#units thead a[href*="sort=nps30"]', 80);
    await Promise.all([page.waitForURL(/sort=nps30&dir=desc/), page.keyboard.press('Enter')]);
    expect(await page.getAttribute('#units th[aria-sort]', 'aria-sort')).toBe('descending');

    await tabTo(page, '#since', 80);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2026-10-31');
    await Promise.all([page.waitForURL(/since=2026-10-31/), page.keyboard.press('Enter')]);
    expect(await page.textContent('.kpi-change')).toContain('+1');
    // The chosen order survives the form.
    expect(page.url()).toContain('sort=nps30');

    await tabTo(page, 'a.download', 80);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^palaute-org-pohde-\d{4}-\d{2}-\d{2}\.csv$/);
  }, 60_000);

  it('unit page by keyboard only: search the comments, reach the download', async () => {
    await page.goto(`${served.baseUrl}/console/units/u-a?lang=en`);
    await tabTo(page, '#q', 120);
    await page.keyboard.type('parkki');
    await Promise.all([page.waitForURL(/q=parkki/), page.keyboard.press('Enter')]);
    const comments = await page.textContent('.comments');
    expect(comments).toContain('Parkkipaikka');
    expect(comments).not.toContain('Hyvä palvelu');
    await page.goto(`${served.baseUrl}/console/units/u-a?lang=en`);
    await tabTo(page, 'a.download', 40);
  }, 60_000);

  it('monthly report prints on one A4 page without the console frame', async () => {
    await page.goto(`${served.baseUrl}/console/units/u-a/monthly/2026-11?lang=fi`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('.console-nav')).toBe(false);
    expect(await page.isVisible('.guide')).toBe(true);
    expect(await page.evaluate(() => document.querySelectorAll('.write-line').length)).toBe(9);
    await page.screenshot({ path: join(SCREENSHOTS, 'console-monthly-fi-print.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBe(1);
    await page.emulateMedia({ media: 'screen' });
  });
});
