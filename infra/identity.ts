import { Duration, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { LOGIN_CALLBACK_PATH, LOGIN_PATH } from '../shared/http/console/paths';
import type { ConsoleConfig } from './config';
import type { PalauteFunction } from './function';
import { acknowledge } from './nag';

/** The group every stack has; the others come from the configuration (docs/console.md). */
export const PLATFORM_ADMIN_GROUP = 'platform-admin';
/** The user pool attribute a federated provider's groups claim is mapped to. */
export const FEDERATED_GROUPS_ATTRIBUTE = 'groups';

export interface PeopleSignInProps {
  readonly environmentName: string;
  readonly config: ConsoleConfig;
  /** The site's base URL: the app client's callback and sign-out URLs hang off it. */
  readonly publicBaseUrl: string;
  readonly signInDomainPrefix: string;
  /** Encrypts the session secret. */
  readonly key: kms.IKey;
}

/**
 * Sign-in for the people's console: a Cognito user pool for people (no self sign-up, strong
 * passwords, TOTP, threat protection) with its hosted sign-in UI, an app client for the authorization
 * code flow with PKCE, the role groups, optionally a county's OpenID Connect provider federated into
 * it, and the secret that signs session cookies. A separate pool from the API's machine clients
 * (infra/web.ts): people and machines have different rules.
 */
export class PeopleSignIn extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly sessionSecret: secretsmanager.Secret;
  /** The hosted UI, `https://{prefix}.auth.{region}.amazoncognito.com`. */
  readonly signInUrl: string;

  constructor(scope: Construct, id: string, props: PeopleSignInProps) {
    super(scope, id);
    const { config } = props;
    const region = Stack.of(this).region;

    this.userPool = new cognito.UserPool(this, 'People', {
      userPoolName: `palaute-${props.environmentName}-people`,
      // Only an administrator creates accounts (docs/console.md), or they come from the county's provider.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        [FEDERATED_GROUPS_ATTRIBUTE]: new cognito.StringAttribute({ mutable: true, maxLen: 2048 }),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 14,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Comments of health care clients are behind this sign-in: a second factor by default.
      mfa: config.mfa === 'required' ? cognito.Mfa.REQUIRED : cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      // Threat protection (compromised credentials, adaptive authentication) blocks risky sign-ins.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (config.mfa === 'optional') {
      acknowledge(
        this.userPool,
        'The configuration chose optional MFA (console.mfa), e.g. because everyone signs in through the ' +
          "county's federated provider, which enforces its own second factor.",
        'AwsSolutions-COG2',
      );
    }
    this.userPool.addDomain('SignInDomain', { cognitoDomain: { domainPrefix: props.signInDomainPrefix } });
    this.signInUrl = `https://${props.signInDomainPrefix}.auth.${region}.amazoncognito.com`;

    const providers = [cognito.UserPoolClientIdentityProvider.COGNITO];
    let federated: cognito.UserPoolIdentityProviderOidc | undefined;
    if (config.federation) {
      const federation = config.federation;
      federated = new cognito.UserPoolIdentityProviderOidc(this, 'Federation', {
        userPool: this.userPool,
        name: federation.name,
        issuerUrl: federation.issuer,
        clientId: federation.clientId,
        // A CloudFormation dynamic reference: the secret never appears in the template.
        clientSecret: SecretValue.secretsManager(federation.clientSecretName).unsafeUnwrap(),
        scopes: federation.scopes,
        attributeRequestMethod: cognito.OidcAttributeRequestMethod.GET,
        attributeMapping: {
          email: cognito.ProviderAttribute.other('email'),
          preferredUsername: cognito.ProviderAttribute.other('preferred_username'),
          custom: {
            [`custom:${FEDERATED_GROUPS_ATTRIBUTE}`]: cognito.ProviderAttribute.other(federation.groupsClaim),
          },
        },
      });
      providers.push(cognito.UserPoolClientIdentityProvider.custom(federation.name));
    }

    this.client = this.userPool.addClient('Console', {
      userPoolClientName: 'console',
      // A public client: the authorization code flow with PKCE needs no secret, so none can leak.
      generateSecret: false,
      authFlows: {},
      supportedIdentityProviders: providers,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${props.publicBaseUrl}${LOGIN_CALLBACK_PATH}`],
        logoutUrls: [`${props.publicBaseUrl}${LOGIN_PATH}`],
      },
      idTokenValidity: Duration.minutes(60),
      accessTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
    if (federated) this.client.node.addDependency(federated);
    // People sign in through the hosted UI only: without this, Cognito would also allow SRP and custom
    // authentication with the client id directly.
    (this.client.node.defaultChild as cognito.CfnUserPoolClient).explicitAuthFlows = [
      'ALLOW_REFRESH_TOKEN_AUTH',
    ];

    for (const group of [PLATFORM_ADMIN_GROUP, ...config.groups]) {
      new cognito.CfnUserPoolGroup(this, `Group-${group.replace(/[^A-Za-z0-9]/g, '-')}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group,
        description: `Palaute console role ${group}`,
      });
    }

    this.sessionSecret = new secretsmanager.Secret(this, 'SessionKey', {
      description: 'Signs the session cookies of the Palaute console',
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    });
    acknowledge(
      this.sessionSecret,
      'Rotating the session key only signs everyone out (sessions last at most 12 hours); it is rotated by ' +
        'putting a new value when needed (docs/deploy.md), which a rotation function would add nothing to.',
      'AwsSolutions-SMG4',
    );
  }

  /**
   * Gives the `http` function the console: the issuer to sign in at (this user pool, or the county's
   * own provider from `console.issuer`), its client, and the session key.
   */
  wire(http: PalauteFunction, config: ConsoleConfig): void {
    http.useSecret(this.sessionSecret, 'SESSION_SECRET_ARN');
    const direct = config.issuer;
    if (direct) {
      http
        .setEnv('OIDC_ISSUER', direct.url)
        .setEnv('OIDC_CLIENT_ID', direct.clientId)
        .setEnv('OIDC_SCOPES', direct.scopes.join(' '))
        .setEnv('OIDC_GROUPS_CLAIM', direct.groupsClaim);
      if (direct.logoutUrl) http.setEnv('OIDC_LOGOUT_URL', direct.logoutUrl);
      if (direct.clientSecretName) {
        const secret = secretsmanager.Secret.fromSecretNameV2(
          this,
          'IssuerClientSecret',
          direct.clientSecretName,
        );
        secret.grantRead(http);
        http.setEnv('OIDC_CLIENT_SECRET_ID', direct.clientSecretName);
        acknowledge(
          http.executionRole,
          'A secret named in the configuration and created by hand: Secrets Manager adds a random six-character ' +
            'suffix to its ARN, so the grant names the secret and that suffix only.',
          `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${direct.clientSecretName}-??????]`,
        );
      }
      return;
    }
    http
      .setEnv('OIDC_ISSUER', this.userPool.userPoolProviderUrl)
      .setEnv('OIDC_CLIENT_ID', this.client.userPoolClientId)
      .setEnv('OIDC_LOGOUT_URL', `${this.signInUrl}/logout`)
      .setEnv(
        'OIDC_GROUPS_CLAIM',
        config.federation ? `cognito:groups,custom:${FEDERATED_GROUPS_ATTRIBUTE}` : 'cognito:groups',
      );
  }
}
