import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  noHorizontalScroll,
  type ServedSystem,
  serveSystem,
  wcagViolations,
} from './support';

describe('the start page of local mode in a real browser', () => {
  let browser: Browser;
  let served: ServedSystem;
  beforeAll(async () => {
    [browser, served] = await Promise.all([launchChromium(), serveSystem()]);
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('has no WCAG 2.1 A/AA violations and fits 320 px', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const response = await page.goto(`${served.baseUrl}/`);
    expect(response?.status()).toBe(200);
    expect(await wcagViolations(page)).toEqual([]);
    expect(await noHorizontalScroll(page)).toBe(true);
    await context.close();
  });
});
