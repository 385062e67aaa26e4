import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { MemoryLog } from '../../shared/adapters/local/memory';
import { type ConsoleDeps, consoleApp } from '../../shared/http/console';
import { SESSION_IDLE_MS } from '../../shared/http/console/session';
import { localPeopleDirectory, parseLocalUsers } from '../../shared/identity/localUsers';
import { SignInThrottle } from '../../shared/identity/signInThrottle';
import { createTestSystem } from '../support/system';

const HTTPS_BASE = 'https://palaute.example.fi';
const SECRET = 'test-session-secret-0123456789abcdef';
const PASSWORD = 'maijan-salasana';

class TestClock {
  constructor(private at: number) {}
  now = () => new Date(this.at);
  advance = (ms: number) => {
    this.at += ms;
  };
}

function consoleUnderTest(publicBaseUrl = HTTPS_BASE) {
  const clock = new TestClock(Date.parse('2026-03-02T08:00:00Z'));
  const log = new MemoryLog();
  const sleeps: number[] = [];
  const people = localPeopleDirectory(
    parseLocalUsers(
      'users.json',
      JSON.stringify([
        {
          username: 'maija',
          password: PASSWORD,
          roles: [
            { role: 'org-admin', organizationId: 'org-pohde' },
            { role: 'viewer', organizationId: 'org-other', unitIds: ['u9'] },
          ],
        },
      ]),
    ),
  );
  const app = consoleApp({
    // Sign-in, sign-out and the guard never read the stores; the console's pages are tested elsewhere.
    ...({} as Pick<ConsoleDeps, 'config' | 'surveys' | 'aggregates' | 'comments'>),
    clock,
    log,
    publicBaseUrl,
    people,
    sessionSecret: SECRET,
    throttle: new SignInThrottle({ clock, baseDelayMs: 100, maxDelayMs: 800 }),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { app, clock, log, sleeps, origin: new URL(publicBaseUrl).origin };
}
type Fixture = ReturnType<typeof consoleUnderTest>;

/** `name=value` of each Set-Cookie, as a browser would send it back. */
const cookieHeader = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

async function openSignIn(f: Fixture, lang = 'en') {
  const response = await f.app.request(`/login?lang=${lang}`);
  const html = await response.text();
  return { response, html, cookie: cookieHeader(response), csrf: csrfOf(html) };
}

function post(
  f: Fixture,
  path: string,
  fields: Record<string, string>,
  cookie: string,
  headers: Record<string, string> = { Origin: f.origin },
) {
  return f.app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie, ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

async function signIn(f: Fixture, password = PASSWORD, username = 'maija') {
  const page = await openSignIn(f);
  return post(f, '/login?lang=en', { csrf: page.csrf, username, password }, page.cookie);
}

describe('console sign-in', () => {
  it('renders the form in fi, sv and en with labels and a CSRF field', async () => {
    const f = consoleUnderTest();
    for (const [lang, label] of [
      ['fi', 'Käyttäjätunnus'],
      ['sv', 'Användarnamn'],
      ['en', 'Username'],
    ]) {
      const { response, html, csrf } = await openSignIn(f, lang);
      expect(response.status).toBe(200);
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(`<label for="username">${label}</label>`);
      expect(html).toContain('autocomplete="current-password"');
      expect(csrf.length).toBeGreaterThanOrEqual(43);
    }
  });

  it('signs in: 303 to /console with an HttpOnly, Secure, SameSite=Lax cookie that expires', async () => {
    const f = consoleUnderTest();
    const response = await signIn(f);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/console?lang=en');
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^__Host-palaute-session=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain(`Max-Age=${SESSION_IDLE_MS / 1000}`);
    expect(cookie).toContain('Expires=Mon, 02 Mar 2026 16:00:00 GMT');

    const home = await f.app.request('/console?lang=en', { headers: { Cookie: cookieHeader(response) } });
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('You are signed in as maija.');
    expect(html).toContain('<li>Organization admin: org-pohde</li>');
    expect(html).toContain('<li>Report viewer: org-other; units u9</li>');
  });

  it('leaves Secure off only on http://localhost, and keeps it on other http addresses', async () => {
    const local = await signIn(consoleUnderTest('http://localhost:3000'));
    expect(local.headers.getSetCookie()[0]).toMatch(/^palaute-session=/);
    expect(local.headers.getSetCookie()[0]).not.toContain('Secure');
    const remote = await signIn(consoleUnderTest('http://palaute.example.fi'));
    expect(remote.headers.getSetCookie()[0]).toContain('Secure');
  });

  it('answers a wrong password and an unknown user with the same 401 page, and logs neither password', async () => {
    const f = consoleUnderTest();
    const wrong = await signIn(f, 'wrong-password');
    const unknown = await signIn(f, 'wrong-password', 'nobody');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (html: string) => html.replace(/value="[^"]*"/g, '');
    expect(strip(await wrong.text())).toBe(strip(await unknown.text()));
    expect(f.log.text()).not.toMatch(/wrong-password|maijan-salasana|csrf|palaute-session/);
  });

  it('re-renders the form with field messages when a field is empty (400)', async () => {
    const f = consoleUnderTest();
    const page = await openSignIn(f);
    const response = await post(
      f,
      '/login?lang=en',
      { csrf: page.csrf, username: '', password: '' },
      page.cookie,
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<title>Error:');
    expect(html).toContain('<a href="#username">Enter your username.</a>');
    expect(html).toContain('<a href="#password">Enter your password.</a>');
  });

  it('answers a malformed body with a 400 page', async () => {
    const f = consoleUnderTest();
    const page = await openSignIn(f);
    const json = await f.app.request('/login?lang=en', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: page.cookie, Origin: f.origin },
      body: '{"username":"maija"}',
    });
    expect(json.status).toBe(400);
    expect(await json.text()).toContain('The form did not arrive correctly');
    const brokenMultipart = await f.app.request('/login?lang=en', {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x', Cookie: page.cookie, Origin: f.origin },
      body: '--x\r\nContent-Disposition: form-data; name="username"\r\n\r\nmaija',
    });
    expect(brokenMultipart.status).toBe(400);
  });

  it('accepts multipart/form-data too', async () => {
    const f = consoleUnderTest();
    const page = await openSignIn(f);
    const body = new FormData();
    body.set('csrf', page.csrf);
    body.set('username', 'maija');
    body.set('password', PASSWORD);
    const response = await f.app.request('/login', {
      method: 'POST',
      headers: { Cookie: page.cookie, Origin: f.origin },
      body,
    });
    expect(response.status).toBe(303);
  });
});

describe('console CSRF protection', () => {
  it('refuses a sign-in without the token, with a wrong token, or without the session (403)', async () => {
    const f = consoleUnderTest();
    const page = await openSignIn(f);
    const fields = { username: 'maija', password: PASSWORD };
    expect((await post(f, '/login', fields, page.cookie)).status).toBe(403);
    expect((await post(f, '/login', { ...fields, csrf: `${page.csrf.slice(1)}x` }, page.cookie)).status).toBe(
      403,
    );
    expect((await post(f, '/login', { ...fields, csrf: page.csrf }, '')).status).toBe(403);
    // Another browser's token with this browser's session.
    const other = await openSignIn(f);
    expect((await post(f, '/login', { ...fields, csrf: other.csrf }, page.cookie)).status).toBe(403);
  });

  it('refuses a post from another origin even with the right token (hono csrf)', async () => {
    const f = consoleUnderTest();
    const page = await openSignIn(f);
    const fields = { csrf: page.csrf, username: 'maija', password: PASSWORD };
    expect((await post(f, '/login', fields, page.cookie, { Origin: 'https://evil.example' })).status).toBe(
      403,
    );
    expect((await post(f, '/login', fields, page.cookie, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(
      403,
    );
    expect((await post(f, '/login', fields, page.cookie, { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(
      303,
    );
  });

  it('refuses a sign-out without the session’s token (403) and keeps the session', async () => {
    const f = consoleUnderTest();
    const cookie = cookieHeader(await signIn(f));
    const response = await post(f, '/logout', { csrf: 'guessed' }, cookie);
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect((await f.app.request('/console', { headers: { Cookie: cookie } })).status).toBe(200);
  });

  it('gives a new token on sign-in: the pre-sign-in token no longer works', async () => {
    const f = consoleUnderTest();
    const page = await openSignIn(f);
    const signedIn = await post(
      f,
      '/login',
      { csrf: page.csrf, username: 'maija', password: PASSWORD },
      page.cookie,
    );
    const cookie = cookieHeader(signedIn);
    expect((await post(f, '/logout', { csrf: page.csrf }, cookie)).status).toBe(403);
  });
});

describe('console sessions', () => {
  it('sends /console to /login without a session (303)', async () => {
    const f = consoleUnderTest();
    const response = await f.app.request('/console?lang=sv');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?lang=sv');
  });

  it('signs out: the cookie is cleared and /console sends back to /login', async () => {
    const f = consoleUnderTest();
    const cookie = cookieHeader(await signIn(f));
    const home = await (await f.app.request('/console', { headers: { Cookie: cookie } })).text();
    const response = await post(f, '/logout?lang=en', { csrf: csrfOf(home) }, cookie);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?lang=en');
    const cleared = response.headers.getSetCookie()[0] ?? '';
    expect(cleared).toMatch(/^__Host-palaute-session=;/);
    expect(cleared).toContain('Max-Age=0');
    const after = await f.app.request('/console', { headers: { Cookie: cookieHeader(response) } });
    expect(after.status).toBe(303);
  });

  it('ends a session after 8 hours without a request, and keeps an active one going', async () => {
    const f = consoleUnderTest();
    const first = cookieHeader(await signIn(f));
    f.clock.advance(SESSION_IDLE_MS - 60_000);
    const active = await f.app.request('/console', { headers: { Cookie: first } });
    expect(active.status).toBe(200);
    const renewed = cookieHeader(active);
    f.clock.advance(3 * 60 * 60_000);
    // The first cookie's 8 hours are over; the renewed one is still good.
    expect((await f.app.request('/console', { headers: { Cookie: first } })).status).toBe(303);
    expect((await f.app.request('/console', { headers: { Cookie: renewed } })).status).toBe(200);
    f.clock.advance(SESSION_IDLE_MS);
    const expired = await f.app.request('/console', { headers: { Cookie: renewed } });
    expect(expired.status).toBe(303);
    expect(expired.headers.get('location')).toBe('/login?lang=fi');
  });

  it('ends even an active session 12 hours after sign-in', async () => {
    const f = consoleUnderTest();
    let cookie = cookieHeader(await signIn(f));
    for (let hours = 4; hours < 12; hours += 4) {
      f.clock.advance(4 * 60 * 60_000);
      const response = await f.app.request('/console', { headers: { Cookie: cookie } });
      expect(response.status).toBe(200);
      cookie = cookieHeader(response);
    }
    f.clock.advance(4 * 60 * 60_000);
    expect((await f.app.request('/console', { headers: { Cookie: cookie } })).status).toBe(303);
  });

  it('refuses a tampered cookie', async () => {
    const f = consoleUnderTest();
    const cookie = cookieHeader(await signIn(f));
    const name = cookie.slice(0, cookie.indexOf('='));
    const signed = decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1));
    const payload = signed.slice(0, signed.lastIndexOf('.'));
    const signature = signed.slice(signed.lastIndexOf('.') + 1);
    const session = JSON.parse(Buffer.from(payload, 'base64url').toString());
    // The same person in other letters (usernames match case-insensitively), with the old signature:
    // only the signature check can tell that it was changed.
    const forged = Buffer.from(JSON.stringify({ ...session, u: 'MAIJA' })).toString('base64url');
    const tampered = `${name}=${encodeURIComponent(`${forged}.${signature}`)}`;
    expect((await f.app.request('/console', { headers: { Cookie: tampered } })).status).toBe(303);
    const unsigned = `${name}=${encodeURIComponent(`${forged}.`)}`;
    expect((await f.app.request('/console', { headers: { Cookie: unsigned } })).status).toBe(303);
    // Sanity: the untouched cookie works.
    expect((await f.app.request('/console', { headers: { Cookie: cookie } })).status).toBe(200);
  });
});

describe('console throttle', () => {
  it('slows repeated failures down, growing and bounded, and never sleeps for a first try', async () => {
    const f = consoleUnderTest();
    for (let i = 0; i < 6; i++) await signIn(f, 'wrong-password');
    expect(f.sleeps).toEqual([100, 200, 400, 800, 800]);
    // The right password still signs in (after the wait), and clears the username's failures.
    expect((await signIn(f)).status).toBe(303);
    expect(f.sleeps.at(-1)).toBe(800);
  });
});

describe('console in the local system', () => {
  it('signs in the default admin / local-admin', async () => {
    const system = await createTestSystem();
    const app = system.app as Hono;
    const page = await app.request('/login?lang=fi');
    expect(page.status).toBe(200);
    const html = await page.text();
    const response = await app.request('/login?lang=fi', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Cookie: cookieHeader(page),
        Origin: 'https://palaute.example.fi',
      },
      body: new URLSearchParams({
        csrf: csrfOf(html),
        username: 'admin',
        password: 'local-admin',
      }).toString(),
    });
    expect(response.status).toBe(303);
    const home = await app.request('/console?lang=fi', { headers: { Cookie: cookieHeader(response) } });
    expect(await home.text()).toContain('Alustan ylläpitäjä');
  });
});
