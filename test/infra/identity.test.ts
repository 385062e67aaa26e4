import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PalauteConfigInput } from '../../infra/config';
import { actionsOf, policiesOfRole, type Synthesised, synth } from './synth';

const base: PalauteConfigInput = {
  environmentName: 'prod',
  account: '111122223333',
  smsMonthlySpendLimitUsd: 3000,
  alarmEmail: 'palaute-ops@example.fi',
  domainName: 'palaute.example.fi',
  certificateArn: 'arn:aws:acm:eu-north-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666',
};

const httpEnv = (s: Synthesised) =>
  s.template.toJSON().Resources[s.logicalId(s.stack.functions.http)].Properties.Environment.Variables;

// Bundling is proven in stack.test.ts; each synthesis here also runs cdk-nag, which throws on a finding.
describe('a county federating its Entra ID into the user pool', () => {
  let s: Synthesised;
  beforeAll(() => {
    s = synth({
      bundle: false,
      config: {
        ...base,
        console: {
          signInDomainPrefix: 'palaute-pohde',
          groups: ['org-admin:org-pohde', 'viewer:org-pohde'],
          federation: {
            name: 'Entra',
            issuer: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
            clientId: 'entra-app-id',
            clientSecretName: 'palaute/entra-client-secret',
          },
        },
      },
    });
  }, 60_000);

  it('adds the provider with the secret as a dynamic reference and maps its roles to custom:groups', () => {
    s.template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderName: 'Entra',
      ProviderType: 'OIDC',
      ProviderDetails: Match.objectLike({
        client_id: 'entra-app-id',
        client_secret: '{{resolve:secretsmanager:palaute/entra-client-secret:SecretString:::}}',
        oidc_issuer: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
        authorize_scopes: 'openid email profile',
      }),
      AttributeMapping: Match.objectLike({ 'custom:groups': 'roles' }),
    });
  });

  it('offers it on the hosted UI, on the configured domain, with callbacks on the custom domain', () => {
    s.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'console',
      SupportedIdentityProviders: ['COGNITO', 'Entra'],
      CallbackURLs: ['https://palaute.example.fi/login/callback'],
      LogoutURLs: ['https://palaute.example.fi/login'],
    });
    s.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'palaute-pohde' });
  });

  it('creates the configured groups beside platform-admin, and reads both group claims', () => {
    const groups = Object.values(s.template.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual(['org-admin:org-pohde', 'platform-admin', 'viewer:org-pohde']);
    expect(httpEnv(s).OIDC_GROUPS_CLAIM).toBe('cognito:groups,custom:groups');
  });
});

describe('a county signing in at its own provider directly', () => {
  let s: Synthesised;
  beforeAll(() => {
    s = synth({
      bundle: false,
      config: {
        ...base,
        console: {
          mfa: 'optional',
          issuer: {
            url: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
            clientId: 'entra-app-id',
            clientSecretName: 'palaute/entra-client-secret',
            groupsClaim: 'roles',
            logoutUrl:
              'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/oauth2/v2.0/logout',
          },
        },
      },
    });
  }, 60_000);

  it('points http at that issuer and lets it read the named client secret', () => {
    expect(httpEnv(s)).toMatchObject({
      OIDC_ISSUER: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
      OIDC_CLIENT_ID: 'entra-app-id',
      OIDC_CLIENT_SECRET_ID: 'palaute/entra-client-secret',
      OIDC_GROUPS_CLAIM: 'roles',
      OIDC_SCOPES: 'openid email profile',
    });
    const reads = policiesOfRole(s.template, s.logicalId(s.stack.functions.http.executionRole))
      .flatMap((d) => d.Statement)
      .filter((st) => actionsOf(st).includes('secretsmanager:GetSecretValue'));
    expect(JSON.stringify(reads)).toContain(':secret:palaute/entra-client-secret-??????');
  });

  it('keeps MFA optional in the pool when configured so', () => {
    s.template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolName: 'palaute-prod-people',
      MfaConfiguration: 'OPTIONAL',
    });
  });
});
