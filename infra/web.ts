import { Duration, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { API_REFERENCE_PUBLIC_PATHS } from '../shared/http/apiReferenceStyle';
import { CONSOLE_CSS_PATH } from '../shared/http/console/styles';
import type { ApiClientConfig, ApiScope } from './config';
import { acknowledge } from './nag';

/** Short: the stage is part of every survey link when no custom domain is set, and an SMS has 160 characters. */
export const STAGE_NAME = 'live';
/** The Cognito resource server: tokens carry scopes `palaute/admin` and `palaute/reports:read`. */
export const RESOURCE_SERVER = 'palaute';

export interface WebProps {
  readonly environmentName: string;
  /** The public side: survey and open-link pages, stylesheet, accessibility statement, /healthz. */
  readonly pagesHandler: lambda.IFunction;
  /** The people's side: the API and its reference, the report pages, the console. */
  readonly handler: lambda.IFunction;
  readonly apiClients: readonly ApiClientConfig[];
  readonly logRetention: logs.RetentionDays;
  readonly surveyRequestsPerIpPer5Minutes: number;
  readonly domainName?: string;
  readonly certificateArn?: string;
  readonly authDomainPrefix: string;
}

const PUBLIC_ROUTE_REASON =
  'Public by design: the survey page (/s/*) is opened from an SMS link by anonymous clients and is ' +
  'authorised by the unguessable 128-bit link token; /healthz and static assets hold nothing. WAF rate-limits /s/*. ' +
  'The console (/login, /logout, /console/*) is for people, who sign in at OpenID Connect: the app checks its ' +
  'signed session cookie, the CSRF token of every post and the scope of every page.';

/**
 * The `pages` and `http` functions behind one REST API (v1: the API type AWS WAF can protect), with a regional WAF
 * web ACL, a Cognito user pool whose app clients get OAuth scopes, and HTTPS only (API Gateway
 * serves nothing else; a custom domain uses TLS 1.2).
 */
export class Web extends Construct {
  readonly api: apigw.RestApi;
  readonly userPool: cognito.UserPool;
  readonly clients: { config: ApiClientConfig; client: cognito.UserPoolClient }[];
  readonly webAcl: wafv2.CfnWebACL;
  /** Where the site answers: the custom domain, else the execute-api stage URL. No trailing slash. */
  readonly url: string;
  readonly tokenUrl: string;
  /** For env `API_CLIENTS`: `{ "<app client id>": "<organizationId>" | "*" }`. */
  readonly apiClientsJson: string;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // --- Who may call the admin and reporting API: machine clients with OAuth client credentials.
    this.userPool = new cognito.UserPool(this, 'ApiUsers', {
      userPoolName: `palaute-${props.environmentName}-api`,
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      accountRecovery: cognito.AccountRecovery.NONE,
      // No human signs in here, but should one ever be added, these hold.
      passwordPolicy: {
        minLength: 14,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.userPool,
      'The pool has no users, only app clients with the client-credentials grant; the Plus tier adds threat ' +
        'protection for user sign-ins, which never happen here.',
      'AwsSolutions-COG8',
    );
    this.userPool.addDomain('TokenDomain', { cognitoDomain: { domainPrefix: props.authDomainPrefix } });
    this.tokenUrl = `https://${props.authDomainPrefix}.auth.${stack.region}.amazoncognito.com/oauth2/token`;

    const scopes: Record<ApiScope, cognito.ResourceServerScope> = {
      admin: new cognito.ResourceServerScope({ scopeName: 'admin', scopeDescription: 'Write configuration' }),
      'reports:read': new cognito.ResourceServerScope({
        scopeName: 'reports:read',
        scopeDescription: 'Read reports and comments',
      }),
    };
    const resourceServer = this.userPool.addResourceServer('Scopes', {
      identifier: RESOURCE_SERVER,
      scopes: Object.values(scopes),
    });
    this.clients = props.apiClients.map((config) => {
      const client = this.userPool.addClient(`Client-${config.name}`, {
        userPoolClientName: config.name,
        generateSecret: true,
        authFlows: {},
        oAuth: {
          flows: { clientCredentials: true },
          // Literal scope names (what API Gateway checks); the dependency keeps CloudFormation's order.
          scopes: config.scopes.map((scope) => cognito.OAuthScope.custom(`${RESOURCE_SERVER}/${scope}`)),
        },
        accessTokenValidity: Duration.hours(1),
        enableTokenRevocation: true,
        preventUserExistenceErrors: true,
      });
      client.node.addDependency(resourceServer);
      return { config, client };
    });
    this.apiClientsJson = stack.toJsonString(
      Object.fromEntries(
        this.clients.map(({ config, client }) => [client.userPoolClientId, config.organizationId ?? '*']),
      ),
    );

    // --- The API.
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const customDomain =
      props.domainName !== undefined && props.certificateArn !== undefined
        ? {
            domainName: props.domainName,
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
            endpointType: apigw.EndpointType.REGIONAL,
            securityPolicy: apigw.SecurityPolicy.TLS_1_2,
          }
        : undefined;

    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: `palaute-${props.environmentName}`,
      description: 'Palaute survey pages, admin and reporting API',
      endpointConfiguration: { types: [apigw.EndpointType.REGIONAL] },
      domainName: customDomain,
      // With a custom domain, it is the only way in: WAF rules and links see one host.
      disableExecuteApiEndpoint: customDomain !== undefined,
      // The account-wide role API Gateway logs with; kept on delete since other APIs may rely on it.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      // Pages, CSS and JSON are gzip- or deflate-encoded here for clients that accept it (a survey page:
      // ~15 KB raw, ~3.5 KB gzipped); the function answers uncompressed text. Local mode does the same
      // in local/compression.ts. No binary media types: every response is text.
      minCompressionSize: Size.bytes(1024),
      deployOptions: {
        stageName: STAGE_NAME,
        // ERROR, not INFO: INFO execution logs print request paths, and /s/{token} paths hold tokens.
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        throttlingRateLimit: 100,
        throttlingBurstLimit: 200,
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        // The resource path (`/s/{proxy+}`), never the path itself: it holds the survey token.
        accessLogFormat: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: apigw.AccessLogField.contextRequestId(),
            time: apigw.AccessLogField.contextRequestTime(),
            method: apigw.AccessLogField.contextHttpMethod(),
            resource: apigw.AccessLogField.contextResourcePath(),
            status: apigw.AccessLogField.contextStatus(),
            responseLength: apigw.AccessLogField.contextResponseLength(),
            latency: apigw.AccessLogField.contextResponseLatency(),
            integrationLatency: apigw.AccessLogField.contextIntegrationLatency(),
            clientId: apigw.AccessLogField.contextAuthorizerClaims('client_id'),
            wafResponse: apigw.AccessLogField.contextWafResponseCode(),
          }),
        ),
      },
    });
    this.url = customDomain ? `https://${customDomain.domainName}` : this.stageUrl();
    acknowledge(
      this.api,
      'Every route is a Lambda proxy to one app that validates each request with zod and answers errors in the ' +
        'documented { error: { code, message } } shape; a gateway validator would answer in another shape.',
      'AwsSolutions-APIG2',
    );
    acknowledge(
      this.api,
      'AmazonAPIGatewayPushToCloudWatchLogs is the policy AWS documents for the account-level API Gateway ' +
        'logging role; it only writes to API Gateway log groups.',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
    );

    const integration = new apigw.LambdaIntegration(props.handler, { allowTestInvoke: false });
    // The pages clients' phones open go to their own function, whose bundle holds no API or console.
    const pagesIntegration = new apigw.LambdaIntegration(props.pagesHandler, { allowTestInvoke: false });
    const authorizer = new apigw.CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      cognitoUserPools: [this.userPool],
      authorizerName: 'palaute-api-clients',
    });
    const publicRoute = (resource: apigw.IResource, ...methods: string[]) =>
      publicRouteTo(integration, resource, ...methods);
    const pagesRoute = (resource: apigw.IResource, ...methods: string[]) =>
      publicRouteTo(pagesIntegration, resource, ...methods);
    function publicRouteTo(to: apigw.LambdaIntegration, resource: apigw.IResource, ...methods: string[]) {
      for (const method of methods) {
        const created = resource.addMethod(method, to, {
          authorizationType: apigw.AuthorizationType.NONE,
        });
        acknowledge(created, PUBLIC_ROUTE_REASON, 'AwsSolutions-APIG4', 'AwsSolutions-COG4');
      }
    }
    // A token with any one of the scopes passes the gateway; the app checks scope and organization again.
    const guardedRoute = (resource: apigw.IResource, method: string, anyOf: ApiScope[]) =>
      resource.addMethod(method, integration, {
        authorizer,
        authorizationType: apigw.AuthorizationType.COGNITO,
        authorizationScopes: anyOf.map((scope) => `${RESOURCE_SERVER}/${scope}`),
      });

    const root = this.api.root;
    pagesRoute(root, 'GET');
    pagesRoute(root.addResource('healthz'), 'GET');
    // HEAD too: link-preview bots probe survey links, and opening a link never uses it up.
    pagesRoute(root.addResource('s').addResource('{proxy+}'), 'GET', 'HEAD', 'POST');
    // Open links and kiosks: their forms post back to the same path.
    for (const mode of ['f', 'k']) pagesRoute(root.addResource(mode).addResource('{proxy+}'), 'GET', 'POST');
    // Static assets and friendly pages; the app answers 404 for anything else.
    pagesRoute(root.addResource('{proxy+}'), 'GET');
    // The console's stylesheet is the people's function's (its name changes with its content).
    const assets = root.addResource('assets');
    pagesRoute(assets.addResource('{proxy+}'), 'GET');
    publicRoute(assets.addResource(CONSOLE_CSS_PATH.replace(/^\/assets\//, '')), 'GET');
    // The people's console: people have no gateway token; the app's signed session cookie, CSRF token
    // and scope checks guard every page and post (docs/console.md).
    const login = root.addResource('login');
    publicRoute(login, 'GET', 'POST');
    publicRoute(login.addResource('{proxy+}'), 'GET');
    publicRoute(root.addResource('logout'), 'POST');
    const consolePages = root.addResource('console');
    publicRoute(consolePages, 'GET', 'POST');
    publicRoute(consolePages.addResource('{proxy+}'), 'GET', 'POST');

    const api = root.addResource('api');
    // The API's reference (document, page, stylesheet) is for anyone deciding to integrate: no token.
    for (const path of API_REFERENCE_PUBLIC_PATHS) publicRoute(api.addResource(path), 'GET');
    // Any API path not listed below still needs an admin token at the gateway.
    guardedRoute(api.addResource('{proxy+}'), 'ANY', ['admin']);
    const v1 = api.addResource('v1');
    const organization = v1.addResource('organizations').addResource('{organizationId}');
    guardedRoute(organization, 'GET', ['admin', 'reports:read']);
    guardedRoute(organization, 'PUT', ['admin']);
    guardedRoute(organization, 'PATCH', ['admin']);
    guardedRoute(organization.addResource('history'), 'GET', ['admin', 'reports:read']);
    const units = v1.addResource('units');
    guardedRoute(units, 'GET', ['admin', 'reports:read']);
    const unit = units.addResource('{unitId}');
    guardedRoute(unit, 'GET', ['admin', 'reports:read']);
    guardedRoute(unit, 'PUT', ['admin']);
    guardedRoute(unit, 'PATCH', ['admin']);
    guardedRoute(unit.addResource('history'), 'GET', ['admin', 'reports:read']);
    guardedRoute(v1.addResource('reports').addResource('{proxy+}'), 'GET', ['reports:read']);
    // The report page for people: the same token and scope as the reporting API.
    const reportPage = root.addResource('reports');
    guardedRoute(reportPage, 'GET', ['reports:read']);
    guardedRoute(reportPage.addResource('{proxy+}'), 'GET', ['reports:read']);

    // --- AWS WAF: rate limit on the survey pages, and AWS's list of known-bad request patterns.
    const surveyPaths = ['/s/', `/${STAGE_NAME}/s/`].map((prefix) => ({
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: 'STARTS_WITH',
        searchString: prefix,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    }));
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      // Sampled requests would keep full URIs, and survey URIs hold link tokens.
      sampledRequestsEnabled: false,
    });
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: `palaute-${props.environmentName}`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`palaute-${props.environmentName}`),
      rules: [
        {
          name: 'SurveyPageRateLimit',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: props.surveyRequestsPerIpPer5Minutes,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              // The execute-api URL carries the stage in the path, a custom domain does not.
              scopeDownStatement: { orStatement: { statements: surveyPaths } },
            },
          },
          visibilityConfig: visibility('SurveyPageRateLimit'),
        },
        {
          name: 'KnownBadInputs',
          priority: 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesKnownBadInputsRuleSet' },
          },
          visibilityConfig: visibility('KnownBadInputs'),
        },
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', {
      resourceArn: this.api.deploymentStage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }

  private stageUrl(): string {
    const stack = Stack.of(this);
    return `https://${this.api.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}/${STAGE_NAME}`;
  }
}
