/** @jsxImportSource hono/jsx */
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type OidcClient, OidcUnavailableError } from '../../identity/oidc';
import { grantsFromGroups } from '../../identity/oidcGroups';
import type { Clock, Log } from '../../ports';
import { withLang } from '../survey/layout';
import { languageOf } from './context';
import type { SignInProblem } from './messages';
import { CONSOLE_PATH, LOGIN_CALLBACK_PATH, LOGIN_START_PATH, SignInFailedPage } from './pages';
import {
  newIdentityProviderSession,
  newSession,
  readSession,
  type SessionCookieOptions,
  sessionFitsCookie,
  writeSession,
} from './session';

export interface OidcSignInDeps {
  client: OidcClient;
  cookies: SessionCookieOptions;
  clock: Clock;
  log: Log;
  base: string;
}

const MAX_PARAM_LENGTH = 2000;
const param = (c: Context, name: string) => {
  const value = c.req.query(name);
  return value === undefined || value.length > MAX_PARAM_LENGTH ? undefined : value;
};

/**
 * `GET /login/start` and `GET /login/callback`: the authorization code flow with PKCE. The pending
 * sign-in (state, nonce, code verifier) waits in the signed session cookie; the callback uses it up
 * whatever the outcome, so a callback URL is worth one try. Only a verified ID token of a person
 * with at least one grant creates a signed-in session.
 */
export function oidcSignInApp(deps: OidcSignInDeps) {
  const { client, cookies, base } = deps;
  const app = new Hono();

  const failed = (c: Context, problem: SignInProblem, status: ContentfulStatusCode) =>
    c.html(<SignInFailedPage lang={languageOf(c)} base={base} problem={problem} />, status);

  app.get(LOGIN_START_PATH, async (c) => {
    const now = deps.clock.now();
    try {
      const { url, pending } = await client.startSignIn();
      const session = await readSession(c, cookies, now);
      const preSignIn = session && !session.u ? session : newSession(now);
      await writeSession(c, cookies, { ...preSignIn, oidc: pending, lang: languageOf(c) }, now);
      return c.redirect(url, 303);
    } catch (error) {
      deps.log.warn('console sign-in could not start', { error: (error as Error).name });
      return failed(c, 'unavailable', 503);
    }
  });

  app.get(LOGIN_CALLBACK_PATH, async (c) => {
    const now = deps.clock.now();
    const session = await readSession(c, cookies, now);
    const lang = session?.lang ?? languageOf(c);
    const refuse = async (problem: SignInProblem, status: ContentfulStatusCode, detail: string) => {
      // A fresh session without the pending sign-in: it is used up, whatever came of it.
      await writeSession(c, cookies, newSession(now), now);
      deps.log.info('console sign-in refused', { problem, detail });
      return c.html(<SignInFailedPage lang={lang} base={base} problem={problem} />, status);
    };
    let outcome: Awaited<ReturnType<OidcClient['finishSignIn']>>;
    try {
      outcome = await client.finishSignIn(session?.u ? undefined : session?.oidc, {
        code: param(c, 'code'),
        state: param(c, 'state'),
        error: param(c, 'error'),
      });
    } catch (error) {
      const detail = error instanceof OidcUnavailableError ? error.message : (error as Error).name;
      deps.log.warn('console sign-in could not finish', { detail });
      return refuse('unavailable', 503, detail);
    }
    if (!outcome.ok)
      return refuse(outcome.failure, outcome.failure === 'unavailable' ? 503 : 400, outcome.detail);

    const roles = grantsFromGroups(outcome.identity.groups);
    if (roles.length === 0)
      return refuse('noAccess', 403, `${outcome.identity.groups.length} groups, none known`);
    const signedIn = newIdentityProviderSession(now, { username: outcome.identity.username, roles });
    if (!sessionFitsCookie(signedIn)) return refuse('tooManyGroups', 400, `${roles.length} grants`);
    await writeSession(c, cookies, signedIn, now);
    deps.log.info('console sign-in', { via: 'oidc', grants: roles.length });
    return c.redirect(withLang(`${base}${CONSOLE_PATH}`, lang), 303);
  });

  return app;
}
