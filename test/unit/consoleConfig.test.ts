import { describe, expect, it } from 'vitest';
import { consoleEnvSchema, oidcSettingsOf } from '../../shared/config/console';
import { loadEnv } from '../../shared/config/env';

const BASE = { PUBLIC_BASE_URL: 'https://palaute.example.fi' };
const ARN = 'arn:aws:secretsmanager:eu-north-1:123456789012:secret:palaute-session-AbCdEf';

describe('console settings from the environment', () => {
  it('leaves the console out when OIDC_ISSUER is not set', () => {
    expect(loadEnv(consoleEnvSchema, BASE).OIDC_ISSUER).toBeUndefined();
  });

  it('fails loudly, naming what an OIDC_ISSUER needs', () => {
    expect(() => loadEnv(consoleEnvSchema, { ...BASE, OIDC_ISSUER: 'https://idp.example.fi' })).toThrowError(
      /OIDC_CLIENT_ID: required when OIDC_ISSUER is set; SESSION_SECRET_ARN: required when OIDC_ISSUER is set/,
    );
    expect(() =>
      loadEnv(consoleEnvSchema, {
        ...BASE,
        OIDC_ISSUER: 'not a url',
        OIDC_CLIENT_ID: 'c',
        SESSION_SECRET_ARN: ARN,
      }),
    ).toThrowError(/OIDC_ISSUER/);
  });

  it('derives the redirect URIs from PUBLIC_BASE_URL and reads lists', () => {
    const env = loadEnv(consoleEnvSchema, {
      ...BASE,
      OIDC_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0',
      OIDC_CLIENT_ID: 'client-1',
      SESSION_SECRET_ARN: ARN,
      OIDC_SCOPES: 'openid profile  email',
      OIDC_GROUPS_CLAIM: 'roles, groups',
    });
    expect(oidcSettingsOf(env, 'secret')).toEqual({
      issuer: 'https://login.microsoftonline.com/tenant-id/v2.0',
      clientId: 'client-1',
      clientSecret: 'secret',
      redirectUri: 'https://palaute.example.fi/login/callback',
      postLogoutRedirectUri: 'https://palaute.example.fi/login',
      scopes: ['openid', 'profile', 'email'],
      groupsClaims: ['roles', 'groups'],
    });
    const defaults = loadEnv(consoleEnvSchema, {
      ...BASE,
      OIDC_ISSUER: 'https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_abc',
      OIDC_CLIENT_ID: 'client-1',
      SESSION_SECRET_ARN: ARN,
    });
    expect(oidcSettingsOf(defaults)).toMatchObject({
      scopes: ['openid', 'email', 'profile'],
      groupsClaims: ['cognito:groups'],
    });
  });
});
