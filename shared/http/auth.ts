import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from './errors';

export const SCOPES = ['admin', 'reports:read'] as const;
export type Scope = (typeof SCOPES)[number];

/** Who is calling: what they may do and, for a limited token, the one organization they may see. */
export interface Principal {
  /** Names the credentials (not the secret) in configuration history: a token id, a Cognito client or user. */
  id: string;
  scopes: ReadonlySet<Scope>;
  /** Undefined: every organization. */
  organizationId?: string;
}

/** Resolves the caller from the request; undefined means no (valid) credentials. */
export type Authenticator = (c: Context) => Principal | undefined | Promise<Principal | undefined>;

export interface BearerToken {
  /** Shown as `by` in configuration history; tokens without one are named by their position. */
  id?: string;
  token: string;
  scopes: Scope[];
  organizationId?: string;
}

const equalSecrets = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** Static bearer tokens: local mode and tests. */
export function bearerTokenAuthenticator(tokens: BearerToken[]): Authenticator {
  return (c) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return undefined;
    const presented = match[1];
    const index = tokens.findIndex((t) => equalSecrets(t.token, presented));
    const found = tokens[index];
    return found
      ? {
          id: found.id ?? `token-${index + 1}`,
          scopes: new Set(found.scopes),
          organizationId: found.organizationId,
        }
      : undefined;
  };
}

interface LambdaRequestContext {
  authorizer?: { claims?: Record<string, unknown>; jwt?: { claims?: Record<string, unknown> } };
}

/**
 * In the cloud, API Gateway has already verified the Cognito access token; the claims arrive in the
 * request context. Scopes `palaute/admin` and `palaute/reports:read` map to the local ones, and each
 * app client may be limited to one organization (`clients`: client id → organization id or "*").
 */
export function cognitoClaimsAuthenticator(clients: Record<string, string>): Authenticator {
  return (c) => {
    const env = c.env as { event?: { requestContext?: LambdaRequestContext } } | undefined;
    const context = env?.event?.requestContext?.authorizer;
    const claims = context?.claims ?? context?.jwt?.claims;
    if (!claims) return undefined;
    const clientId = String(claims.client_id ?? '');
    const organization = clients[clientId];
    if (organization === undefined) return undefined;
    const scopes = new Set<Scope>();
    for (const scope of String(claims.scope ?? '').split(' ')) {
      const local = scope.replace(/^palaute\//, '');
      if ((SCOPES as readonly string[]).includes(local)) scopes.add(local as Scope);
    }
    // A person signed in through an app client has a `sub` of their own; a machine client's is its id.
    const id = String(claims.sub ?? clientId);
    return { id, scopes, organizationId: organization === '*' ? undefined : organization };
  };
}

export type AuthVariables = { principal: Principal };

/** Lets the request through when the caller has any one of the scopes. */
export function requireScope(
  authenticate: Authenticator,
  ...anyOf: Scope[]
): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const principal = await authenticate(c);
    if (!principal) {
      c.header('WWW-Authenticate', 'Bearer');
      throw new ApiError(401, 'UNAUTHORIZED', 'A valid bearer token is required.');
    }
    if (!anyOf.some((scope) => principal.scopes.has(scope))) {
      throw new ApiError(403, 'FORBIDDEN', `This token lacks the "${anyOf.join('" or "')}" scope.`);
    }
    c.set('principal', principal);
    await next();
  };
}

/** What a scoped route looks up by id. */
export type ScopedResource = 'organization' | 'unit' | 'area';

/**
 * The one answer for a resource that does not exist or lies outside the caller's organization: the
 * same status and the same body (no id echoed), so a limited token cannot tell which ids exist in
 * other organizations.
 */
export function notFound(resource: ScopedResource): ApiError {
  return new ApiError(404, 'NOT_FOUND', `No such ${resource}.`);
}

/** Whether the caller may see the organization: an unlimited token sees every one. */
export function canSeeOrganization(principal: Principal, organizationId: string): boolean {
  return principal.organizationId === undefined || principal.organizationId === organizationId;
}

/**
 * A token limited to one organization sees nothing of another: a request for a resource of another
 * organization is answered exactly as one for a resource that does not exist (`notFound`).
 */
export function assertOrganizationAccess(
  principal: Principal,
  organizationId: string,
  resource: ScopedResource = 'organization',
): void {
  if (!canSeeOrganization(principal, organizationId)) throw notFound(resource);
}
