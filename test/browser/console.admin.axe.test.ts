import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayCell } from '../support/adminConsole';
import { putJson } from '../support/system';
import {
  focused,
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
const RULES = '/console/admin/units/unit-tk-keskusta/rules';

/** Every admin page, by the name its screenshot gets. */
const PAGES: Record<string, string> = {
  organizations: '/console/admin',
  organization: '/console/admin/organizations/org-pohde',
  rules: RULES,
  templates: '/console/admin/organizations/org-pohde/templates',
  'question-sets': '/console/admin/organizations/org-pohde/question-sets',
  'question-set': '/console/admin/organizations/org-pohde/question-sets/thl-national-v2',
  history: '/console/admin/units/unit-tk-keskusta/history',
};

async function signInAsAdmin(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/login?lang=en`);
  await page.fill('#username', 'admin');
  await page.fill('#password', 'local-admin');
  await Promise.all([page.waitForURL(/\/console\?lang=/), page.click('button[type=submit]')]);
}

/** axe (WCAG 2.1 A/AA), no sideways scrolling, and a screenshot `admin-<name>-<lang>-<width>.png`. */
async function check(page: Page, name: string, lang: string, width: number) {
  expect(await wcagViolations(page), `${name} ${lang} ${width}`).toEqual([]);
  expect(await noHorizontalScroll(page), `${name} ${lang} ${width} scrolls sideways`).toBe(true);
  await page.screenshot({ path: join(SCREENSHOTS, `admin-${name}-${lang}-${width}.png`), fullPage: true });
}

describe('admin screens in a real browser', () => {
  let browser: Browser;
  let served: ServedSystem;
  beforeAll(async () => {
    [browser, served] = await Promise.all([launchChromium(), serveSystem()]);
    const { system } = served;
    const area = await putJson(system, '/api/v1/areas/area-north', {
      organizationId: 'org-pohde',
      name: { fi: 'Pohjoinen alue', sv: 'Norra området', en: 'North area' },
    });
    expect(area.status).toBe(201);
    await system.aggregates.putCells([
      dayCell('org-pohde', 'unit-tk-keskusta', '2026-11-02', 3, 1),
      dayCell('org-pohde', 'unit-tk-keskusta', '2026-11-09', 3, 2),
      dayCell('org-pohde', 'unit-tk-keskusta', '2026-11-16', 4, 2),
      dayCell('org-pohde', 'unit-tk-keskusta', '2026-10-26', 2, 1),
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it.each(WIDTHS)(
    'every admin page passes axe at %i px in fi, sv and en',
    async (width) => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await signInAsAdmin(page, served.baseUrl);
      for (const lang of LANGUAGES) {
        for (const [name, path] of Object.entries(PAGES)) {
          const response = await page.goto(`${served.baseUrl}${path}?lang=${lang}`);
          expect(response?.status(), `${name} ${lang}`).toBe(200);
          await check(page, name, lang, width);
        }
        // The rules form's other states: a preview, and errors beside the fields.
        await page.goto(`${served.baseUrl}${RULES}?lang=${lang}`);
        await page.fill('#f-windowStart', '09:00');
        await page.fill('#f-windowEnd', '16:00');
        await page.check('#f-day-mon');
        const [previewed] = await Promise.all([
          page.waitForNavigation(),
          page.click('button[value=preview]'),
        ]);
        expect(previewed?.status()).toBe(200);
        expect(await page.locator('#preview-title').count()).toBe(1);
        await check(page, 'rules-preview', lang, width);
        await page.fill('#f-windowStart', '25:00');
        const [refused] = await Promise.all([page.waitForNavigation(), page.click('button[value=save]')]);
        expect(refused?.status()).toBe(400);
        expect(await page.locator('#error-summary').count()).toBe(1);
        await check(page, 'rules-errors', lang, width);
      }
      await context.close();
    },
    300_000,
  );

  it('the rules form works by keyboard only: tab to a field, preview, then save', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInAsAdmin(page, served.baseUrl);
    await page.goto(`${served.baseUrl}${RULES}?lang=fi`);
    await tabTo(page, '#f-samplingPercent', 60);
    await page.keyboard.type('50');
    await tabTo(page, 'button[value=preview]', 60);
    expect((await focused(page))?.outline).not.toBe('none 0px');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.locator('#preview-title').textContent()).toBe('Esikatselu');
    expect(await page.inputValue('#f-samplingPercent')).toBe('50');
    await tabTo(page, 'button[value=save]', 80);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.locator('#saved-title').textContent()).toMatch(/^Tallennettu \(versio \d+\)\.$/);
    const unit = await served.system.config.readVersioned('unit', 'unit-tk-keskusta');
    expect(unit?.rules.samplingRate).toBe(0.5);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-rules-saved-fi-1280.png'), fullPage: true });
    await context.close();
  }, 120_000);
});
