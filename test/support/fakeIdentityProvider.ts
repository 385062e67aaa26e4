import { createHash, randomBytes } from 'node:crypto';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import type { FetchPort } from '../../shared/identity/oidc';

export const FAKE_ISSUER = 'https://idp.example.test/pool-1';
export const FAKE_CLIENT_ID = 'console-client';

/** What the next ID token carries, to make it wrong in one way. */
export interface TokenTweaks {
  issuer?: string;
  audience?: string | string[];
  /** Seconds from the fake's clock; negative for a token that has already expired. */
  expiresIn?: number;
  nonce?: string;
  /** Signs with a key the provider does not publish (under the published key id). */
  foreignKey?: boolean;
}

interface IssuedCode {
  nonce: string;
  challenge: string;
  redirectUri: string;
  claims: Record<string, unknown>;
  tweaks: TokenTweaks;
  used: boolean;
}

/**
 * An OpenID Connect provider in memory, reached through the `fetch` port: discovery, JWKS and a token
 * endpoint that checks the code (single use), redirect URI and PKCE verifier like a real one, and
 * signs ID tokens with a key made here with jose.
 */
export async function createFakeIdentityProvider(options: { now: () => Date; issuer?: string }) {
  const issuer = options.issuer ?? FAKE_ISSUER;
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, IssuedCode>();
  const requests: { url: string; body?: string; headers?: Headers }[] = [];
  let reachable = true;

  const endpoints = {
    authorization: `${issuer}/oauth2/authorize`,
    token: `${issuer}/oauth2/token`,
    jwks: `${issuer}/.well-known/jwks.json`,
    logout: `${issuer}/logout`,
  };

  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

  const sign = (claims: Record<string, unknown>, key: CryptoKey, nonce: string, tweaks: TokenTweaks) => {
    const now = Math.floor(options.now().getTime() / 1000);
    return new SignJWT({ ...claims, nonce: tweaks.nonce ?? nonce, token_use: 'id' })
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
      .setIssuer(tweaks.issuer ?? issuer)
      .setAudience(tweaks.audience ?? FAKE_CLIENT_ID)
      .setIssuedAt(now)
      .setExpirationTime(now + (tweaks.expiresIn ?? 3600))
      .sign(key);
  };

  const token = async (body: URLSearchParams) => {
    const code = codes.get(body.get('code') ?? '');
    if (body.get('grant_type') !== 'authorization_code' || !code)
      return json({ error: 'invalid_grant' }, 400);
    if (code.used) return json({ error: 'invalid_grant' }, 400);
    code.used = true;
    if (body.get('redirect_uri') !== code.redirectUri) return json({ error: 'invalid_grant' }, 400);
    const verifier = body.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge)
      return json({ error: 'invalid_grant' }, 400);
    const key = code.tweaks.foreignKey ? foreign.privateKey : privateKey;
    return json({
      id_token: await sign(code.claims, key, code.nonce, code.tweaks),
      access_token: 'opaque-access-token',
      token_type: 'Bearer',
      expires_in: 3600,
    });
  };

  const fetch: FetchPort = async (url, init) => {
    requests.push({ url, body: init?.body?.toString(), headers: new Headers(init?.headers) });
    if (!reachable) throw new TypeError('fetch failed');
    if (url === `${issuer}/.well-known/openid-configuration`)
      return json({
        issuer,
        authorization_endpoint: endpoints.authorization,
        token_endpoint: endpoints.token,
        jwks_uri: endpoints.jwks,
        response_types_supported: ['code'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      });
    if (url === endpoints.jwks) return json({ keys: [jwk] });
    if (url === endpoints.token && init?.method === 'POST')
      return token(new URLSearchParams(init.body?.toString() ?? ''));
    return json({ error: 'not_found' }, 404);
  };

  return {
    issuer,
    endpoints,
    fetch,
    requests,
    setReachable(value: boolean) {
      reachable = value;
    },
    /**
     * The person signs in at the provider's page that `authorizationUrl` opened: the provider keeps
     * the code's nonce and PKCE challenge and answers with where it sends the browser back.
     */
    signIn(
      authorizationUrl: string,
      person: { username: string; groups?: string[]; claims?: Record<string, unknown> },
      tweaks: TokenTweaks = {},
    ) {
      const url = new URL(authorizationUrl);
      const params = url.searchParams;
      if (`${url.origin}${url.pathname}` !== endpoints.authorization)
        throw new Error('not our authorize URL');
      if (params.get('client_id') !== FAKE_CLIENT_ID) throw new Error('unknown client');
      if (params.get('code_challenge_method') !== 'S256') throw new Error('PKCE S256 required');
      const code = randomBytes(16).toString('hex');
      codes.set(code, {
        nonce: params.get('nonce') ?? '',
        challenge: params.get('code_challenge') ?? '',
        redirectUri: params.get('redirect_uri') ?? '',
        claims: {
          sub: `sub-${person.username}`,
          'cognito:username': person.username,
          ...(person.groups ? { 'cognito:groups': person.groups } : {}),
          ...person.claims,
        },
        tweaks,
        used: false,
      });
      const back = new URL(params.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', params.get('state') ?? '');
      return back;
    },
  };
}
export type FakeIdentityProvider = Awaited<ReturnType<typeof createFakeIdentityProvider>>;
