import { createHash, randomBytes } from 'node:crypto';
import {
  createRemoteJWKSet,
  customFetch,
  type JWTPayload,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import * as z from 'zod';
import type { Clock } from '../ports';
import { groupsOfClaim } from './oidcGroups';

/**
 * OpenID Connect sign-in for people (authorization code flow with PKCE S256, `state` and `nonce`)
 * against one issuer: the stack's Cognito user pool, or a county's own provider such as Entra ID.
 * The ID token is verified with `jose`: signature by the issuer's JWKS, issuer, audience, expiry and
 * nonce. Everything on the network goes through the injected `fetch`, so tests run a fake provider.
 */

export const DEFAULT_OIDC_SCOPES = ['openid', 'email', 'profile'] as const;
export const DEFAULT_GROUPS_CLAIM = 'cognito:groups';
/** A sign-in must come back from the provider within this long. */
export const PENDING_SIGN_IN_MS = 10 * 60_000;
/** Seconds of clock difference tolerated between the provider and us. */
const CLOCK_TOLERANCE_S = 60;
const NETWORK_TIMEOUT_MS = 5000;
/** Signature algorithms accepted: asymmetric only, so the client secret can never sign a token. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

export const oidcSettingsSchema = z.strictObject({
  /** Exactly as the provider names itself in its discovery document and in its tokens' `iss`. */
  issuer: z.url(),
  clientId: z.string().min(1),
  /** Only for a confidential client; a public client proves itself with PKCE alone. */
  clientSecret: z.string().min(1).optional(),
  /** `{PUBLIC_BASE_URL}/login/callback`, registered at the provider. */
  redirectUri: z.url(),
  scopes: z
    .array(z.string().regex(/^\S+$/))
    .min(1)
    .default([...DEFAULT_OIDC_SCOPES]),
  /** The ID token claims that list the person's groups, merged (`cognito:groups`, `roles`, …). */
  groupsClaims: z.array(z.string().min(1)).min(1).default([DEFAULT_GROUPS_CLAIM]),
  /** The provider's sign-out page; the discovery's `end_session_endpoint` when left out. */
  logoutUrl: z.url().optional(),
  /** Where the provider sends the browser after signing out: `{PUBLIC_BASE_URL}/login`. */
  postLogoutRedirectUri: z.url(),
});
export type OidcSettings = z.infer<typeof oidcSettingsSchema>;
export type OidcSettingsInput = z.input<typeof oidcSettingsSchema>;

/** The one network call the client makes (discovery, JWKS, token endpoint): `fetch` or a fake. */
export type FetchPort = (url: string, init?: RequestInit) => Promise<Response>;

/** What the browser's session keeps between the redirect to the provider and the callback. */
export const pendingSignInSchema = z.strictObject({
  state: z.string().min(32),
  nonce: z.string().min(32),
  /** The PKCE code verifier: only its S256 hash travels in the redirect. */
  verifier: z.string().min(43).max(128),
  /** When the sign-in started (ms). */
  at: z.number().int(),
});
export type PendingSignIn = z.infer<typeof pendingSignInSchema>;

/** Who the provider says signed in. */
export interface OidcIdentity {
  subject: string;
  /** `preferred_username`, else `cognito:username`, else `email`, else `sub`. */
  username: string;
  groups: string[];
}

/**
 * Why a callback did not sign anyone in. `cancelled`: the provider answered with an error (the person
 * cancelled, or is not allowed to use the application); `stale`: no sign-in was pending, its state
 * did not match, or it took too long; `refused`: the token endpoint refused the code (used, expired,
 * wrong verifier); `invalidToken`: the ID token failed verification; `unavailable`: the provider did
 * not answer sensibly.
 */
export type SignInFailure = 'cancelled' | 'stale' | 'refused' | 'invalidToken' | 'unavailable';

export type SignInOutcome =
  | { ok: true; identity: OidcIdentity }
  /** `detail` is for the log: a code or a claim name, never a token or a personal detail. */
  | { ok: false; failure: SignInFailure; detail: string };

/** The provider could not be reached or answered nonsense; the page says to try again later. */
export class OidcUnavailableError extends Error {
  constructor(detail: string) {
    super(`identity provider unavailable: ${detail}`);
    this.name = 'OidcUnavailableError';
  }
}

const discoverySchema = z.object({
  issuer: z.string(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
  end_session_endpoint: z.url().optional(),
  token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
});
type Discovery = z.infer<typeof discoverySchema>;

const tokenResponseSchema = z.object({ id_token: z.string().min(1) });
const tokenErrorSchema = z.object({ error: z.string().max(100) });

export interface OidcClientDeps {
  settings: OidcSettings;
  fetch: FetchPort;
  clock: Clock;
  /** The issuer's signing keys; fetched from the discovery's `jwks_uri` when left out. */
  keys?: JWTVerifyGetKey;
}

const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const pkceChallenge = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export interface OidcClient {
  /** A new pending sign-in and the provider's authorization URL that carries it. */
  startSignIn(): Promise<{ url: string; pending: PendingSignIn }>;
  /** Checks the callback against the pending sign-in, redeems the code and verifies the ID token. */
  finishSignIn(pending: PendingSignIn | undefined, params: CallbackParams): Promise<SignInOutcome>;
  /** Where to send the browser to sign out at the provider too, if it has such a page. */
  logoutUrl(): Promise<string | undefined>;
}

export interface CallbackParams {
  code?: string;
  state?: string;
  error?: string;
}

export function createOidcClient(deps: OidcClientDeps): OidcClient {
  const { settings } = deps;
  const get = async (url: string, init?: RequestInit) => {
    try {
      return await deps.fetch(url, { ...init, signal: AbortSignal.timeout(NETWORK_TIMEOUT_MS) });
    } catch (error) {
      throw new OidcUnavailableError(`${new URL(url).pathname}: ${(error as Error).name}`);
    }
  };

  // Once per container; a failure is not cached, so the next sign-in tries again.
  let discovery: Promise<Discovery> | undefined;
  const discover = () => {
    discovery ??= (async () => {
      const response = await get(`${settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
      if (!response.ok) throw new OidcUnavailableError(`discovery answered ${response.status}`);
      const parsed = discoverySchema.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) throw new OidcUnavailableError('discovery document is not valid');
      // A provider that names another issuer is not the one configured (OpenID Connect Discovery 4.3).
      if (parsed.data.issuer !== settings.issuer)
        throw new OidcUnavailableError('discovery names another issuer');
      return parsed.data;
    })();
    discovery.catch(() => {
      discovery = undefined;
    });
    return discovery;
  };

  let remoteKeys: JWTVerifyGetKey | undefined;
  const keysOf = (found: Discovery): JWTVerifyGetKey => {
    if (deps.keys) return deps.keys;
    remoteKeys ??= createRemoteJWKSet(new URL(found.jwks_uri), {
      timeoutDuration: NETWORK_TIMEOUT_MS,
      [customFetch]: (url, init) => deps.fetch(url, init as RequestInit),
    });
    return remoteKeys;
  };

  const redeem = async (found: Discovery, code: string, verifier: string) => {
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: settings.redirectUri,
      code_verifier: verifier,
    });
    const headers: Record<string, string> = {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    };
    const methods = found.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
    if (settings.clientSecret && methods.includes('client_secret_basic')) {
      const pair = `${encodeURIComponent(settings.clientId)}:${encodeURIComponent(settings.clientSecret)}`;
      headers.Authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    } else {
      body.set('client_id', settings.clientId);
      if (settings.clientSecret) body.set('client_secret', settings.clientSecret);
    }
    return get(found.token_endpoint, { method: 'POST', headers, body: body.toString() });
  };

  const identityOf = (claims: JWTPayload): OidcIdentity => {
    const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : undefined);
    const subject = claims.sub as string;
    return {
      subject,
      username: text('preferred_username') ?? text('cognito:username') ?? text('email') ?? subject,
      groups: [...new Set(settings.groupsClaims.flatMap((claim) => groupsOfClaim(claims[claim])))],
    };
  };

  return {
    async startSignIn() {
      const found = await discover();
      const pending: PendingSignIn = {
        state: randomToken(),
        nonce: randomToken(),
        verifier: randomToken(48),
        at: deps.clock.now().getTime(),
      };
      const url = new URL(found.authorization_endpoint);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', settings.clientId);
      url.searchParams.set('redirect_uri', settings.redirectUri);
      url.searchParams.set('scope', settings.scopes.join(' '));
      url.searchParams.set('state', pending.state);
      url.searchParams.set('nonce', pending.nonce);
      url.searchParams.set('code_challenge', pkceChallenge(pending.verifier));
      url.searchParams.set('code_challenge_method', 'S256');
      return { url: url.toString(), pending };
    },

    async finishSignIn(pending, params) {
      if (params.error) return { ok: false, failure: 'cancelled', detail: params.error.slice(0, 100) };
      if (!pending || !params.state || params.state !== pending.state)
        return { ok: false, failure: 'stale', detail: 'state mismatch' };
      if (deps.clock.now().getTime() - pending.at > PENDING_SIGN_IN_MS)
        return { ok: false, failure: 'stale', detail: 'sign-in took too long' };
      if (!params.code) return { ok: false, failure: 'refused', detail: 'no code' };

      const found = await discover();
      const response = await redeem(found, params.code, pending.verifier);
      const json: unknown = await response.json().catch(() => undefined);
      if (!response.ok) {
        const error = tokenErrorSchema.safeParse(json);
        if (response.status >= 500 || !error.success)
          throw new OidcUnavailableError(`token endpoint answered ${response.status}`);
        return { ok: false, failure: 'refused', detail: error.data.error };
      }
      const tokens = tokenResponseSchema.safeParse(json);
      if (!tokens.success) return { ok: false, failure: 'invalidToken', detail: 'no id_token' };

      let claims: JWTPayload;
      try {
        ({ payload: claims } = await jwtVerify(tokens.data.id_token, keysOf(found), {
          issuer: settings.issuer,
          audience: settings.clientId,
          algorithms: ALGORITHMS,
          currentDate: deps.clock.now(),
          clockTolerance: CLOCK_TOLERANCE_S,
          requiredClaims: ['sub', 'exp', 'iat', 'nonce'],
        }));
      } catch (error) {
        if (!(error instanceof joseErrors.JOSEError) || error instanceof joseErrors.JWKSTimeout)
          throw new OidcUnavailableError(`keys: ${(error as Error).name}`);
        return { ok: false, failure: 'invalidToken', detail: verificationDetail(error) };
      }
      if (typeof claims.nonce !== 'string' || claims.nonce !== pending.nonce)
        return { ok: false, failure: 'invalidToken', detail: 'nonce mismatch' };
      // With several audiences, the token must have been issued to us (OpenID Connect Core 3.1.3.7).
      if (Array.isArray(claims.aud) && claims.aud.length > 1 && claims.azp !== settings.clientId)
        return { ok: false, failure: 'invalidToken', detail: 'azp mismatch' };
      return { ok: true, identity: identityOf(claims) };
    },

    async logoutUrl() {
      const page = settings.logoutUrl ?? (await discover().catch(() => undefined))?.end_session_endpoint;
      if (!page) return undefined;
      const url = new URL(page);
      url.searchParams.set('client_id', settings.clientId);
      // Cognito reads `logout_uri`, OpenID Connect RP-Initiated Logout `post_logout_redirect_uri`.
      url.searchParams.set('logout_uri', settings.postLogoutRedirectUri);
      url.searchParams.set('post_logout_redirect_uri', settings.postLogoutRedirectUri);
      return url.toString();
    },
  };
}

/** What failed, for the log: the kind of error and the claim, never the token. */
function verificationDetail(error: unknown): string {
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `${error.code} ${error.claim}`;
  if (error instanceof joseErrors.JOSEError) return error.code;
  return 'verification failed';
}
