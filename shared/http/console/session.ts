import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import * as z from 'zod';
import { pendingSignInSchema } from '../../identity/oidc';
import { type Person, roleGrantSchema } from '../../identity/roles';
import { LANGUAGES } from '../../schemas/config';

/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 8 * 60 * 60_000;
/** …and at the latest this long after sign-in. */
export const SESSION_MAX_MS = 12 * 60 * 60_000;
/** Only for local development; anything else sets `PALAUTE_SESSION_SECRET`. */
export const DEVELOPMENT_SESSION_SECRET = 'local-development-session-secret-not-a-secret';

/**
 * What the signed cookie holds. Before sign-in a session has only its CSRF token (so that the sign-in
 * form is protected too); signing in replaces it with a new one that names the person.
 */
const sessionSchema = z.strictObject({
  /** The username; absent before sign-in. */
  u: z.string().min(1).max(200).optional(),
  /**
   * The grants of a person signed in with OpenID Connect, from their groups at sign-in (the local
   * directory does not know them); absent for a local user, whose grants the directory holds.
   */
  roles: z.array(roleGrantSchema).optional(),
  /** Before sign-in: the OpenID Connect sign-in under way (state, nonce, PKCE verifier). */
  oidc: pendingSignInSchema.optional(),
  /** Before sign-in: the page language to come back to from the identity provider. */
  lang: z.enum(LANGUAGES).optional(),
  /** The per-session CSRF token every form posts back. */
  csrf: z.string().min(32),
  /** Issued at (ms): the absolute limit counts from here. */
  iat: z.number().int(),
  /** Idle expiry (ms), moved forward by every request. */
  exp: z.number().int(),
});
export type Session = z.infer<typeof sessionSchema>;

export interface SessionCookieOptions {
  secret: string;
  /** HTTPS everywhere but a development server at http://localhost. */
  secure: boolean;
}

/** Whether a base URL is a development server on this machine, where cookies cannot be Secure. */
export function isLocalHttp(publicBaseUrl: string): boolean {
  try {
    const url = new URL(publicBaseUrl);
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

const cookieName = (options: SessionCookieOptions) =>
  // `__Host-` makes browsers refuse the cookie unless it is Secure, Path=/ and has no Domain.
  options.secure ? '__Host-palaute-session' : 'palaute-session';

export const newCsrfToken = () => randomBytes(32).toString('base64url');

export function newSession(now: Date, username?: string): Session {
  const at = now.getTime();
  return { ...(username ? { u: username } : {}), csrf: newCsrfToken(), iat: at, exp: at + SESSION_IDLE_MS };
}

/** A new session for a person signed in at the identity provider: their grants travel in it. */
export function newIdentityProviderSession(now: Date, person: Person): Session {
  return { ...newSession(now, person.username), roles: person.roles };
}

/** Browsers keep cookies of up to 4096 bytes (name, value and attributes); this leaves room. */
const MAX_COOKIE_VALUE_LENGTH = 3600;

/** Whether the session fits in a cookie (a person with very many groups may not). */
export function sessionFitsCookie(session: Session): boolean {
  // The signature and its separator add 45 characters (base64 of 32 bytes, URL-encoded `=`: 47).
  return encode(session).length + 47 <= MAX_COOKIE_VALUE_LENGTH;
}

const encode = (session: Session) => Buffer.from(JSON.stringify(session), 'utf8').toString('base64url');

/**
 * The session of the request: `undefined` when there is none, when its signature does not match
 * (tampered, or signed with another secret), or when it has expired by the server's clock.
 */
export async function readSession(
  c: Context,
  options: SessionCookieOptions,
  now: Date,
): Promise<Session | undefined> {
  const raw = await getSignedCookie(c, options.secret, cookieName(options));
  if (!raw) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = sessionSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const session = parsed.data;
  // `exp` is signed and never written past `iat + SESSION_MAX_MS` (see writeSession).
  if (now.getTime() >= session.exp) return undefined;
  return session;
}

/** Sets the session cookie with its idle expiry moved to now + 8 h (never past the absolute limit). */
export async function writeSession(
  c: Context,
  options: SessionCookieOptions,
  session: Session,
  now: Date,
): Promise<void> {
  const exp = Math.min(now.getTime() + SESSION_IDLE_MS, session.iat + SESSION_MAX_MS);
  const value = encode({ ...session, exp });
  await setSignedCookie(c, cookieName(options), value, options.secret, {
    httpOnly: true,
    secure: options.secure,
    sameSite: 'Lax',
    path: '/',
    maxAge: Math.max(1, Math.floor((exp - now.getTime()) / 1000)),
    expires: new Date(exp),
  });
}

export function clearSession(c: Context, options: SessionCookieOptions): void {
  deleteCookie(c, cookieName(options), {
    httpOnly: true,
    secure: options.secure,
    sameSite: 'Lax',
    path: '/',
  });
}

/** Whether the posted token is the session's, compared in constant time. */
export function csrfTokenMatches(session: Session | undefined, posted: unknown): boolean {
  if (!session || typeof posted !== 'string') return false;
  const expected = Buffer.from(session.csrf);
  const given = Buffer.from(posted);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
