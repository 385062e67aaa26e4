import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../support/system';
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
const LINKS = '/console/admin/units/unit-tk-keskusta/open-links';
const PAPER = '/console/admin/units/unit-tk-keskusta/paper-answers';

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

describe('open links and paper answers in a real browser', () => {
  let browser: Browser;
  let served: ServedSystem;
  beforeAll(async () => {
    [browser, served] = await Promise.all([launchChromium(), serveSystem()]);
    // One link, revoked, so that the list shows both states.
    for (const channel of ['qr', 'kiosk']) {
      const response = await served.system.app.request('/api/v1/units/unit-tk-keskusta/open-links', {
        method: 'POST',
        headers: { ...ADMIN, 'content-type': 'application/json' },
        body: JSON.stringify({ channel, respondent: 'relative' }),
      });
      expect(response.status).toBe(201);
      if (channel === 'kiosk') {
        const { openLinkId } = (await response.json()) as { openLinkId: string };
        await served.system.app.request(`/api/v1/units/unit-tk-keskusta/open-links/${openLinkId}`, {
          method: 'DELETE',
          headers: ADMIN,
        });
      }
    }
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it.each(WIDTHS)(
    'the open links and paper answer pages pass axe at %i px in fi, sv and en',
    async (width) => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await signInAsAdmin(page, served.baseUrl);
      for (const lang of LANGUAGES) {
        expect((await page.goto(`${served.baseUrl}${LINKS}?lang=${lang}`))?.status()).toBe(200);
        expect(await page.locator('.open-link').count()).toBeGreaterThanOrEqual(2);
        await check(page, 'open-links', lang, width);
        expect((await page.goto(`${served.baseUrl}${PAPER}?lang=${lang}`))?.status()).toBe(200);
        await check(page, 'paper-answer', lang, width);
        await page.fill('#f-visitDate', '2026-13-01');
        const [refused] = await Promise.all([page.waitForNavigation(), page.click('#admin-form .btn')]);
        expect(refused?.status()).toBe(400);
        expect(await page.locator('#error-summary').count()).toBe(1);
        await check(page, 'paper-answer-errors', lang, width);
      }
      await context.close();
    },
    300_000,
  );

  it('by keyboard only: create a link, then key in a paper answer', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInAsAdmin(page, served.baseUrl);
    await page.goto(`${served.baseUrl}${LINKS}?lang=fi`);
    await tabTo(page, '#f-channel', 80);
    await page.keyboard.press('ArrowDown');
    await tabTo(page, '#admin-form .btn', 10);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.locator('#saved-title').textContent()).toBe('Linkki luotiin.');

    await page.goto(`${served.baseUrl}${PAPER}?lang=fi`);
    // "No answer" is chosen at first; the arrow key moves to 10.
    await tabTo(page, 'input[name="answer.nps"]:checked', 80);
    await page.keyboard.press('ArrowLeft');
    expect(await page.locator('input[name="answer.nps"]:checked').getAttribute('value')).toBe('10');
    await tabTo(page, '#admin-form .btn', 80);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.locator('#saved-title').textContent()).toContain('Vastaus tallennettiin.');
    await context.close();
  }, 120_000);
});
