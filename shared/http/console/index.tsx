/** @jsxImportSource hono/jsx */
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PeopleDirectory } from '../../identity/localUsers';
import type { OidcClient } from '../../identity/oidc';
import type { Person } from '../../identity/roles';
import { SignInThrottle, signInThrottleKeys } from '../../identity/signInThrottle';
import { originOf } from '../security';
import { basePathOf, withLang } from '../survey/layout';
import { consoleAdminApp } from './admin';
import { type ConsoleAppDeps, type ConsoleEnv, languageOf } from './context';
import { consoleNotFound } from './layout';
import { consoleMessages } from './messages';
import { oidcSignInApp } from './oidcSignIn';
import {
  CONSOLE_PATH,
  ConsoleHomePage,
  ConsoleProblemPage,
  LOGIN_PATH,
  LOGOUT_PATH,
  type SignInError,
  SignInPage,
} from './pages';
import { consoleReportsApp } from './reports';
import {
  clearSession,
  csrfTokenMatches,
  isLocalHttp,
  newSession,
  readSession,
  type Session,
  type SessionCookieOptions,
  writeSession,
} from './session';
import { CONSOLE_CSS, CONSOLE_CSS_PATH } from './styles';

/**
 * What the console needs beyond the app's common dependencies: who may sign in, with a password
 * (`people`, local mode), at an OpenID Connect provider (`oidc`, the cloud), or both.
 */
export interface ConsoleOptions {
  people?: PeopleDirectory;
  oidc?: OidcClient;
  /** Signs the session cookie (`PALAUTE_SESSION_SECRET`). */
  sessionSecret: string;
  /** Slows down repeated failed sign-ins; one per app when left out. */
  throttle?: SignInThrottle;
  /** How a throttled sign-in waits (tests record instead of waiting). */
  sleep?: (ms: number) => Promise<void>;
}

export interface ConsoleDeps extends ConsoleOptions, ConsoleAppDeps {}

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;
const MAX_FIELD_LENGTH = 1000;

/** The address the throttle counts a client by; only kept in memory, never logged. */
const clientOf = (c: Context) => c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || 'unknown';

/**
 * `/login`, `/logout` and everything under `/console`: sign-in with a signed session cookie, and one
 * guard in front of every console page and action (signed in, session fresh, CSRF token on every
 * post), so that the sub-apps only check scope.
 */
export function consoleApp(deps: ConsoleDeps) {
  if (!deps.people && !deps.oidc)
    throw new Error('the console needs people, an OpenID Connect provider or both');
  const base = basePathOf(deps.publicBaseUrl);
  const cookies: SessionCookieOptions = {
    secret: deps.sessionSecret,
    secure: !isLocalHttp(deps.publicBaseUrl),
  };
  const throttle = deps.throttle ?? new SignInThrottle({ clock: deps.clock });
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const ownOrigin = originOf(deps.publicBaseUrl);
  const originCheck = csrf({
    origin: (origin, c) => origin === ownOrigin || origin === new URL(c.req.url).origin,
  });

  const problem = (c: Context, status: ContentfulStatusCode, kind: 'badRequest' | 'forbidden') =>
    c.html(<ConsoleProblemPage lang={languageOf(c)} base={base} problem={kind} />, status);

  /** The posted form, or `undefined` when the body is not a well-formed form within bounds. */
  const readForm = async (c: Context): Promise<Record<string, string> | undefined> => {
    if (!FORM_TYPES.test(c.req.header('content-type') ?? '')) return undefined;
    try {
      const body = await c.req.parseBody();
      const form: Record<string, string> = {};
      for (const [name, value] of Object.entries(body)) {
        if (typeof value !== 'string' || value.length > MAX_FIELD_LENGTH) return undefined;
        form[name] = value;
      }
      return form;
    } catch {
      return undefined;
    }
  };

  const app = new Hono();
  // Every post must come from our own pages (hono's origin check) and carry the session's CSRF token.
  app.use('*', async (c, next) => {
    try {
      await originCheck(c, async () => {});
    } catch {
      return problem(c, 403, 'forbidden');
    }
    await next();
  });

  /**
   * Who the session belongs to: a person signed in at the identity provider carries their grants in
   * the session; a local user's come from the directory, so a changed users file takes effect.
   */
  const personOf = (session: Session | undefined): Person | undefined => {
    if (!session?.u) return undefined;
    if (session.roles) return deps.oidc ? { username: session.u, roles: session.roles } : undefined;
    return deps.people?.find(session.u);
  };

  const signInPage = async (
    c: Context,
    session: Session,
    status: ContentfulStatusCode,
    errors: SignInError[] = [],
    username?: string,
  ) => {
    await writeSession(c, cookies, session, deps.clock.now());
    return c.html(
      <SignInPage
        lang={languageOf(c)}
        base={base}
        csrfToken={session.csrf}
        errors={errors}
        username={username}
        identityProvider={deps.oidc !== undefined}
        passwordForm={deps.people !== undefined}
      />,
      status,
    );
  };

  app.get(LOGIN_PATH, async (c) => {
    const now = deps.clock.now();
    const session = await readSession(c, cookies, now);
    if (personOf(session)) return c.redirect(withLang(`${base}${CONSOLE_PATH}`, languageOf(c)), 303);
    return signInPage(c, session && !session.u ? session : newSession(now), 200);
  });

  if (deps.oidc)
    app.route('/', oidcSignInApp({ client: deps.oidc, cookies, clock: deps.clock, log: deps.log, base }));

  const people = deps.people;
  if (people)
    app.post(LOGIN_PATH, async (c) => {
      const now = deps.clock.now();
      const session = await readSession(c, cookies, now);
      const form = await readForm(c);
      if (!form) return problem(c, 400, 'badRequest');
      if (!csrfTokenMatches(session, form.csrf) || !session) return problem(c, 403, 'forbidden');
      const t = consoleMessages(languageOf(c));
      const username = (form.username ?? '').trim();
      const password = form.password ?? '';
      const missing: SignInError[] = [];
      if (!username) missing.push({ field: 'username', message: t.usernameMissing });
      if (!password) missing.push({ field: 'password', message: t.passwordMissing });
      if (missing.length > 0) return signInPage(c, session, 400, missing, username);

      const keys = signInThrottleKeys(username, clientOf(c));
      const delay = throttle.delayMs(keys);
      if (delay > 0) await sleep(delay);
      const person = await people.authenticate(username, password);
      if (!person) {
        throttle.recordFailure(keys);
        deps.log.info('console sign-in refused', { throttledMs: delay });
        // One message for an unknown user and a wrong password: nothing tells which usernames exist.
        return signInPage(c, session, 401, [{ field: 'username', message: t.wrongCredentials }], username);
      }
      throttle.recordSuccess(keys[0]);
      // A new session (and CSRF token) on sign-in: a token planted before sign-in is worth nothing after.
      await writeSession(c, cookies, newSession(now, person.username), now);
      return c.redirect(withLang(`${base}${CONSOLE_PATH}`, languageOf(c)), 303);
    });

  app.post(LOGOUT_PATH, async (c) => {
    const session = await readSession(c, cookies, deps.clock.now());
    const form = await readForm(c);
    if (!form) return problem(c, 400, 'badRequest');
    if (!csrfTokenMatches(session, form.csrf)) return problem(c, 403, 'forbidden');
    clearSession(c, cookies);
    // Someone signed in at the identity provider signs out there too, if it has a page for that.
    const providerLogout = session?.roles && deps.oidc ? await deps.oidc.logoutUrl() : undefined;
    return c.redirect(providerLogout ?? withLang(`${base}${LOGIN_PATH}`, languageOf(c)), 303);
  });

  /** Signed in, or sent to sign-in; a post must carry the session's CSRF token. */
  const guard: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
    const now = deps.clock.now();
    const session = await readSession(c, cookies, now);
    const person = personOf(session);
    if (!session || !person) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD')
        return c.redirect(withLang(`${base}${LOGIN_PATH}`, languageOf(c)), 303);
      return problem(c, 403, 'forbidden');
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const form = await readForm(c);
      if (!form) return problem(c, 400, 'badRequest');
      if (!csrfTokenMatches(session, form.csrf)) return problem(c, 403, 'forbidden');
      c.set('form', form);
    }
    c.set('person', person);
    c.set('session', session);
    c.set('lang', languageOf(c));
    c.set('base', base);
    await writeSession(c, cookies, session, now);
    await next();
  };

  app.get(CONSOLE_CSS_PATH, (c) =>
    c.body(CONSOLE_CSS, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
    }),
  );

  const consolePages = new Hono<ConsoleEnv>();
  consolePages.use('*', guard);
  consolePages.get('/', (c) =>
    c.html(
      <ConsoleHomePage lang={c.var.lang} base={base} person={c.var.person} csrfToken={c.var.session.csrf} />,
    ),
  );
  consolePages.route('/admin', consoleAdminApp(deps));
  consolePages.route('/', consoleReportsApp(deps));
  consolePages.all('*', consoleNotFound);
  app.route(CONSOLE_PATH, consolePages);

  return app;
}
