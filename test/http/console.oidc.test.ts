import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryLog } from '../../shared/adapters/local/memory';
import { type ConsoleDeps, consoleApp } from '../../shared/http/console';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../shared/http/console/session';
import { createOidcClient, oidcSettingsSchema, pkceChallenge } from '../../shared/identity/oidc';
import {
  createFakeIdentityProvider,
  FAKE_CLIENT_ID,
  type FakeIdentityProvider,
  type TokenTweaks,
} from '../support/fakeIdentityProvider';

const BASE = 'https://palaute.example.fi';
const SECRET = 'test-session-secret-0123456789abcdef';
const GROUPS = ['org-admin:org-pohde', 'unit-manager:org-other:u1', 'unit-manager:org-other:u2', 'other-app'];

class TestClock {
  constructor(public at: number) {}
  now = () => new Date(this.at);
  advance = (ms: number) => {
    this.at += ms;
  };
}

// One key pair for the file: RSA key generation is the slow part.
let idp: FakeIdentityProvider;
const clock = new TestClock(Date.parse('2026-03-02T08:00:00Z'));
beforeAll(async () => {
  idp = await createFakeIdentityProvider({ now: clock.now });
});

function consoleUnderTest(settings: { logoutUrl?: string; clientSecret?: string } = {}) {
  clock.at = Date.parse('2026-03-02T08:00:00Z');
  idp.setReachable(true);
  const log = new MemoryLog();
  const client = createOidcClient({
    settings: oidcSettingsSchema.parse({
      issuer: idp.issuer,
      clientId: FAKE_CLIENT_ID,
      redirectUri: `${BASE}/login/callback`,
      postLogoutRedirectUri: `${BASE}/login`,
      ...settings,
    }),
    fetch: idp.fetch,
    clock,
  });
  const app = consoleApp({
    // Sign-in, sign-out and the guard never read the stores; the console's pages are tested elsewhere.
    ...({} as Pick<ConsoleDeps, 'config' | 'surveys' | 'aggregates' | 'comments'>),
    clock,
    log,
    publicBaseUrl: BASE,
    oidc: client,
    sessionSecret: SECRET,
  });
  return { app, log };
}
type Fixture = ReturnType<typeof consoleUnderTest>;

const cookieHeader = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** Starts the sign-in as the browser would: the redirect to the provider and the cookie that waits. */
async function start(f: Fixture, lang = 'en') {
  const response = await f.app.request(`/login/start?lang=${lang}`);
  expect(response.status).toBe(303);
  return { location: response.headers.get('location') ?? '', cookie: cookieHeader(response) };
}

/** The browser comes back from the provider to the callback with its cookie. */
const callback = (f: Fixture, url: URL | string, cookie: string) =>
  f.app.request(typeof url === 'string' ? url : `${url.pathname}${url.search}`, {
    headers: { Cookie: cookie },
  });

async function signIn(f: Fixture, groups = GROUPS, tweaks: TokenTweaks = {}) {
  const started = await start(f);
  const back = idp.signIn(started.location, { username: 'maija@pohde.fi', groups }, tweaks);
  const response = await callback(f, back, started.cookie);
  return { response, started, back, cookie: cookieHeader(response) };
}

/** Whether the cookie lets its holder into the console. */
async function consoleWith(f: Fixture, cookie: string) {
  return f.app.request('/console?lang=en', { headers: { Cookie: cookie } });
}

async function expectNoSession(f: Fixture, response: Response) {
  const home = await consoleWith(f, cookieHeader(response));
  expect(home.status).toBe(303);
  expect(home.headers.get('location')).toBe('/login?lang=en');
}

describe('console sign-in with OpenID Connect', () => {
  it('shows a "Sign in" link that starts the flow, and no password form', async () => {
    const f = consoleUnderTest();
    const page = await f.app.request('/login?lang=en');
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('<a class="btn" href="/login/start?lang=en">Sign in</a>');
    expect(html).not.toContain('name="password"');
    // No password sign-in without a people directory.
    const post = await f.app.request('/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: BASE },
      body: 'username=a&password=b',
    });
    expect(post.status).toBe(404);
  });

  it('redirects to the provider with code flow, PKCE S256, state and nonce, all kept in the signed cookie', async () => {
    const f = consoleUnderTest();
    const { location, cookie } = await start(f);
    const url = new URL(location);
    expect(`${url.origin}${url.pathname}`).toBe(idp.endpoints.authorization);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      response_type: 'code',
      client_id: FAKE_CLIENT_ID,
      redirect_uri: `${BASE}/login/callback`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    expect(params.state).toMatch(/^[\w-]{43}$/);
    expect(params.nonce).toMatch(/^[\w-]{43}$/);
    expect(params.code_challenge).toMatch(/^[\w-]{43}$/);
    expect(cookie).toMatch(/^__Host-palaute-session=/);
    // Two starts never share state, nonce or challenge.
    const again = new URL((await start(f)).location).searchParams;
    for (const name of ['state', 'nonce', 'code_challenge']) expect(again.get(name)).not.toBe(params[name]);
  });

  it('signs in: the guard sees the grants of the person’s groups, and unknown groups are ignored', async () => {
    const f = consoleUnderTest();
    const { response } = await signIn(f);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/console?lang=en');
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('SameSite=Lax');
    const home = await consoleWith(f, cookieHeader(response));
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('You are signed in as maija@pohde.fi.');
    expect(html).toContain('<li>Organization admin: org-pohde</li>');
    expect(html).toContain('<li>Unit manager: org-other; units u1, u2</li>');
    expect(html).not.toMatch(/Platform admin|Report viewer|Area manager/);
    // The token endpoint got the code with the verifier whose hash was the challenge, and no secret.
    const tokenCall = idp.requests.findLast((r) => r.url === idp.endpoints.token);
    const body = new URLSearchParams(tokenCall?.body);
    expect(body.get('client_id')).toBe(FAKE_CLIENT_ID);
    expect(tokenCall?.headers?.get('authorization')).toBeNull();
    expect(body.get('code_verifier')).toMatch(/^[\w-]{64}$/);
    expect(f.log.lines.some((e) => e.message === 'console sign-in')).toBe(true);
  });

  it('comes back in the language the sign-in started in', async () => {
    const f = consoleUnderTest();
    const started = await start(f, 'sv');
    const back = idp.signIn(started.location, { username: 'maija', groups: GROUPS });
    const response = await callback(f, back, started.cookie);
    expect(response.headers.get('location')).toBe('/console?lang=sv');
  });

  it('authenticates a confidential client with HTTP Basic at the token endpoint', async () => {
    const f = consoleUnderTest({ clientSecret: 's3cret' });
    const { response } = await signIn(f);
    expect(response.status).toBe(303);
    const tokenCall = idp.requests.findLast((r) => r.url === idp.endpoints.token);
    expect(tokenCall?.headers?.get('authorization')).toBe(
      `Basic ${Buffer.from(`${FAKE_CLIENT_ID}:s3cret`).toString('base64')}`,
    );
  });

  const refusals: [string, TokenTweaks][] = [
    ['another issuer', { issuer: 'https://evil.example.test/pool-1' }],
    ['another audience', { audience: 'someone-else' }],
    ['an expired token', { expiresIn: -120 }],
    ['a signature by a key the issuer does not publish', { foreignKey: true }],
    ['another nonce', { nonce: 'n'.repeat(43) }],
    ['several audiences without azp', { audience: [FAKE_CLIENT_ID, 'someone-else'] }],
  ];
  for (const [what, tweaks] of refusals) {
    it(`refuses an ID token with ${what}: a clear 400 page and no session`, async () => {
      const f = consoleUnderTest();
      const { response } = await signIn(f, GROUPS, tweaks);
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain('The sign-in could not be verified, so you were not signed in.');
      expect(html).toContain('href="/login?lang=en"');
      await expectNoSession(f, response);
      const refused = f.log.lines.find((e) => e.message === 'console sign-in refused');
      expect(refused?.extra).toMatchObject({ problem: 'invalidToken' });
      // Nothing of a token or code reaches the log.
      expect(JSON.stringify(f.log.lines)).not.toMatch(/eyJ|code=/);
    });
  }

  it('refuses a callback whose state does not match the pending sign-in', async () => {
    const f = consoleUnderTest();
    const started = await start(f);
    const back = idp.signIn(started.location, { username: 'maija', groups: GROUPS });
    back.searchParams.set('state', 'x'.repeat(43));
    const response = await callback(f, back, started.cookie);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('The sign-in expired or was started in another window.');
    await expectNoSession(f, response);
  });

  it('refuses a callback without the cookie of the browser that started it (login CSRF)', async () => {
    const f = consoleUnderTest();
    const started = await start(f);
    const back = idp.signIn(started.location, { username: 'mallory', groups: ['platform-admin'] });
    const victim = await f.app.request('/login?lang=en');
    const response = await callback(f, back, cookieHeader(victim));
    expect(response.status).toBe(400);
    await expectNoSession(f, response);
  });

  it('refuses a replayed code: once with the old cookie (the provider refuses), once with the new one', async () => {
    const f = consoleUnderTest();
    const { response, started, back } = await signIn(f);
    expect(response.status).toBe(303);
    const withOldCookie = await callback(f, back, started.cookie);
    expect(withOldCookie.status).toBe(400);
    expect(await withOldCookie.text()).toContain('The sign-in service did not confirm the sign-in.');
    await expectNoSession(f, withOldCookie);
    const withNewCookie = await callback(f, back, cookieHeader(response));
    expect(withNewCookie.status).toBe(400);
    await expectNoSession(f, withNewCookie);
  });

  it('uses up the pending sign-in even when the callback fails', async () => {
    const f = consoleUnderTest();
    const started = await start(f);
    const back = idp.signIn(started.location, { username: 'maija', groups: GROUPS });
    const wrong = new URL(back);
    wrong.searchParams.set('state', 'y'.repeat(43));
    const failed = await callback(f, wrong, started.cookie);
    // The right state with the cookie the failure left is stale now.
    const retried = await callback(f, back, cookieHeader(failed));
    expect(retried.status).toBe(400);
    await expectNoSession(f, retried);
  });

  it('refuses a sign-in that comes back after more than 10 minutes', async () => {
    const f = consoleUnderTest();
    const started = await start(f);
    const back = idp.signIn(started.location, { username: 'maija', groups: GROUPS });
    clock.advance(10 * 60_000 + 1);
    const response = await callback(f, back, started.cookie);
    expect(response.status).toBe(400);
    await expectNoSession(f, response);
  });

  it('answers the provider’s error and a missing code with a page, never a session', async () => {
    const f = consoleUnderTest();
    const started = await start(f);
    const state = new URL(started.location).searchParams.get('state');
    const cancelled = await callback(f, `/login/callback?error=access_denied&state=${state}`, started.cookie);
    expect(cancelled.status).toBe(400);
    expect(await cancelled.text()).toContain('Signing in was cancelled');
    await expectNoSession(f, cancelled);

    const again = await start(f);
    const againState = new URL(again.location).searchParams.get('state');
    const noCode = await callback(f, `/login/callback?state=${againState}`, again.cookie);
    expect(noCode.status).toBe(400);
    await expectNoSession(f, noCode);
  });

  it('shows "no access" to a person without any Palaute group, without a session', async () => {
    const f = consoleUnderTest();
    const { response } = await signIn(f, ['other-app', 'org-admin:bad id']);
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain('No access');
    expect(html).toContain('your account has no role in the feedback console');
    await expectNoSession(f, response);
  });

  it('answers 503 with a page when the provider cannot be reached, never 500', async () => {
    const f = consoleUnderTest();
    const started = await start(f);
    const back = idp.signIn(started.location, { username: 'maija', groups: GROUPS });
    idp.setReachable(false);
    const response = await callback(f, back, started.cookie);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('The sign-in service cannot be reached right now.');
    await expectNoSession(f, response);
    const fresh = consoleUnderTest();
    idp.setReachable(false);
    const cannotStart = await fresh.app.request('/login/start?lang=en');
    expect(cannotStart.status).toBe(503);
  });

  it('ends the session after 8 hours idle and 12 hours after sign-in, back to sign-in', async () => {
    const f = consoleUnderTest();
    const { cookie } = await signIn(f);
    clock.advance(SESSION_IDLE_MS - 1000);
    const stillIn = await consoleWith(f, cookie);
    expect(stillIn.status).toBe(200);
    let renewed = cookieHeader(stillIn);
    clock.advance(SESSION_IDLE_MS - 1000);
    expect((await consoleWith(f, cookie)).status).toBe(303);

    // Active all along, yet out at 12 hours.
    const g = consoleUnderTest();
    renewed = (await signIn(g)).cookie;
    for (let at = 0; at < SESSION_MAX_MS - 3_600_000; at += 3_600_000) {
      clock.advance(3_600_000);
      const page = await consoleWith(g, renewed);
      expect(page.status).toBe(200);
      renewed = cookieHeader(page);
    }
    clock.advance(3_600_000);
    const out = await consoleWith(g, renewed);
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login?lang=en');
  });

  it('refuses a console post and a sign-out without the session’s CSRF token (403)', async () => {
    const f = consoleUnderTest();
    const { cookie } = await signIn(f);
    const form = (fields: Record<string, string>) => ({
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Cookie: cookie,
        Origin: BASE,
      },
      body: new URLSearchParams(fields).toString(),
    });
    expect((await f.app.request('/console/admin', form({ csrf: 'wrong' }))).status).toBe(403);
    expect((await f.app.request('/logout', form({}))).status).toBe(403);
    expect((await consoleWith(f, cookie)).status).toBe(200);
  });

  it('signs out: clears the cookie and goes to the provider’s sign-out page, which comes back to /login', async () => {
    const f = consoleUnderTest({ logoutUrl: `${idp.issuer}/logout` });
    const { cookie } = await signIn(f);
    const home = await consoleWith(f, cookie);
    const csrf = csrfOf(await home.text());
    const response = await f.app.request('/logout?lang=en', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie, Origin: BASE },
      body: new URLSearchParams({ csrf }).toString(),
    });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(`${idp.issuer}/logout`);
    expect(location.searchParams.get('client_id')).toBe(FAKE_CLIENT_ID);
    expect(location.searchParams.get('logout_uri')).toBe(`${BASE}/login`);
    expect(response.headers.getSetCookie()[0]).toMatch(/^__Host-palaute-session=;.*Max-Age=0/);
    await expectNoSession(f, response);
  });

  it('signs out to /login when the provider has no sign-out page', async () => {
    const f = consoleUnderTest();
    const { cookie } = await signIn(f);
    const csrf = csrfOf(await (await consoleWith(f, cookie)).text());
    const response = await f.app.request('/logout?lang=en', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie, Origin: BASE },
      body: new URLSearchParams({ csrf }).toString(),
    });
    expect(response.headers.get('location')).toBe('/login?lang=en');
  });

  it('hashes the verifier into the challenge with SHA-256 (RFC 7636 appendix B)', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });
});
