import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLog } from '../../shared/adapters/local/memory';
import { createApp } from '../../shared/http/app';
import { bearerTokenAuthenticator } from '../../shared/http/auth';
import type { ConsoleDeps } from '../../shared/http/console';
import { createOidcClient, oidcSettingsSchema } from '../../shared/identity/oidc';
import {
  createFakeIdentityProvider,
  FAKE_CLIENT_ID,
  type FakeIdentityProvider,
} from '../support/fakeIdentityProvider';
import { serveOnFreePort } from '../support/serve';
import { LANGUAGES, launchChromium, noHorizontalScroll, SCREENSHOTS, wcagViolations } from './support';

const clock = { now: () => new Date() };

describe('OpenID Connect sign-in pages in a real browser', () => {
  let browser: Browser;
  let idp: FakeIdentityProvider;
  let baseUrl = '';
  let close: () => Promise<void> = async () => {};

  beforeAll(async () => {
    [browser, idp] = await Promise.all([launchChromium(), createFakeIdentityProvider({ now: clock.now })]);
    let app: ReturnType<typeof createApp> | undefined;
    const served = await serveOnFreePort((request: Request) =>
      (app as ReturnType<typeof createApp>).fetch(request),
    );
    baseUrl = served.url;
    close = served.close;
    app = createApp({
      // The sign-in pages never read the stores.
      ...({} as Pick<ConsoleDeps, 'config' | 'surveys' | 'aggregates' | 'comments'>),
      clock,
      log: new MemoryLog(),
      authenticate: bearerTokenAuthenticator([]),
      publicBaseUrl: baseUrl,
      console: {
        sessionSecret: 'browser-test-session-secret-0123456789',
        oidc: createOidcClient({
          settings: oidcSettingsSchema.parse({
            issuer: idp.issuer,
            clientId: FAKE_CLIENT_ID,
            redirectUri: `${baseUrl}/login/callback`,
            postLogoutRedirectUri: `${baseUrl}/login`,
          }),
          fetch: idp.fetch,
          clock,
        }),
      },
    });
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await close();
  });

  for (const width of [320, 1280]) {
    it.each(LANGUAGES)(
      `%s at ${width} px: the sign-in and failure pages pass axe; sign-in starts by keyboard`,
      async (lang) => {
        const context = await browser.newContext({ viewport: { width, height: 800 } });
        await context.route(
          (url) => url.href.startsWith(idp.endpoints.authorization),
          (route) => route.abort(),
        );
        let page = await context.newPage();
        const check = async (name: string) => {
          expect(await wcagViolations(page), name).toEqual([]);
          expect(await noHorizontalScroll(page), name).toBe(true);
          await page.screenshot({ path: join(SCREENSHOTS, `${name}-${lang}-${width}.png`), fullPage: true });
        };

        expect((await page.goto(`${baseUrl}/login?lang=${lang}`))?.status()).toBe(200);
        await check('console-sign-in-oidc');

        // Keyboard only: Tab to "Sign in" and Enter starts the sign-in at the provider.
        let focused = '';
        for (let i = 0; i < 12 && !focused.includes('/login/start'); i++) {
          await page.keyboard.press('Tab');
          focused = await page.evaluate<string>("document.activeElement?.getAttribute('href') ?? ''");
        }
        expect(focused).toContain('/login/start');
        const [toProvider] = await Promise.all([
          page.waitForRequest((request) => request.url().startsWith(idp.endpoints.authorization)),
          page.keyboard.press('Enter'),
        ]);
        expect(new URL(toProvider.url()).searchParams.get('code_challenge_method')).toBe('S256');

        // A fresh tab: the aborted trip to the provider still ends in the first one.
        page = await context.newPage();
        const failed = await page.goto(`${baseUrl}/login/callback?lang=${lang}&error=access_denied&state=x`);
        expect(failed?.status()).toBe(400);
        await check('console-sign-in-failed');
        await context.close();
      },
    );
  }
});
