import * as z from 'zod';
import { LOGIN_CALLBACK_PATH, LOGIN_PATH } from '../http/console/paths';
import {
  DEFAULT_GROUPS_CLAIM,
  DEFAULT_OIDC_SCOPES,
  type OidcSettings,
  oidcSettingsSchema,
} from '../identity/oidc';

const list = (separator: RegExp) =>
  z
    .string()
    .transform((text) => text.split(separator).filter((item) => item.length > 0))
    .pipe(z.array(z.string()).min(1));

/**
 * The people's console in the `http` function: mounted when `OIDC_ISSUER` is set (the CDK stack sets
 * it to its Cognito user pool, or to a county's own provider). Parsed once at start; a missing or
 * malformed setting stops the function with its name.
 */
export const consoleEnvSchema = z
  .object({
    PUBLIC_BASE_URL: z.url(),
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    /** Name or ARN of the Secrets Manager secret with the client secret; only for a confidential client. */
    OIDC_CLIENT_SECRET_ID: z.string().min(1).optional(),
    /** Space-separated. */
    OIDC_SCOPES: list(/\s+/).default([...DEFAULT_OIDC_SCOPES]),
    /** Comma-separated claim names whose groups are merged. */
    OIDC_GROUPS_CLAIM: list(/\s*,\s*/).default([DEFAULT_GROUPS_CLAIM]),
    OIDC_LOGOUT_URL: z.url().optional(),
    /** Secrets Manager secret that signs session cookies. */
    SESSION_SECRET_ARN: z.string().startsWith('arn:').optional(),
  })
  .superRefine((env, ctx) => {
    if (env.OIDC_ISSUER === undefined) return;
    for (const name of ['OIDC_CLIENT_ID', 'SESSION_SECRET_ARN'] as const)
      if (env[name] === undefined)
        ctx.addIssue({ code: 'custom', path: [name], message: 'required when OIDC_ISSUER is set' });
  });
export type ConsoleEnv = z.infer<typeof consoleEnvSchema>;

/** The OpenID Connect settings of a console environment (`OIDC_ISSUER` set), redirects on PUBLIC_BASE_URL. */
export function oidcSettingsOf(env: ConsoleEnv, clientSecret?: string): OidcSettings {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID) throw new Error('OIDC_ISSUER and OIDC_CLIENT_ID are not set');
  return oidcSettingsSchema.parse({
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret,
    redirectUri: `${env.PUBLIC_BASE_URL}${LOGIN_CALLBACK_PATH}`,
    scopes: env.OIDC_SCOPES,
    groupsClaims: env.OIDC_GROUPS_CLAIM,
    logoutUrl: env.OIDC_LOGOUT_URL,
    postLogoutRedirectUri: `${env.PUBLIC_BASE_URL}${LOGIN_PATH}`,
  });
}
