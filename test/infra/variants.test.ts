import { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/build';
import type { PalauteConfigInput } from '../../infra/config';
import { type Synthesised, synth } from './synth';

/** A county's production configuration: custom domain, pinned account, a producer account, a higher SMS rate. */
const production: PalauteConfigInput = {
  environmentName: 'prod',
  account: '111122223333',
  region: 'eu-north-1',
  domainName: 'palaute.example.fi',
  certificateArn: 'arn:aws:acm:eu-north-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666',
  smsMonthlySpendLimitUsd: 3000,
  smsPerSecond: 100,
  alarmEmail: 'palaute-ops@example.fi',
  apiClients: [{ name: 'raportointi', scopes: ['reports:read'], organizationId: 'org-pohde' }],
  producerAccountIds: ['444455556666'],
  authDomainPrefix: 'palaute-pohde',
};

// Bundling is proven in stack.test.ts; here it would only cost time.
let s: Synthesised;
beforeAll(() => {
  s = synth({ config: production, bundle: false });
}, 60_000);

describe('a production configuration', () => {
  it('names the stack after the environment and pins account and region', () => {
    expect(s.stack.stackName).toBe('Palaute-prod');
    expect(s.stack.account).toBe('111122223333');
    expect(s.stack.region).toBe('eu-north-1');
  });

  it('serves the custom domain over TLS 1.2 only and closes the execute-api endpoint', () => {
    s.template.hasResourceProperties('AWS::ApiGateway::DomainName', {
      DomainName: 'palaute.example.fi',
      RegionalCertificateArn: production.certificateArn,
      SecurityPolicy: 'TLS_1_2',
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
    s.template.hasResourceProperties('AWS::ApiGateway::RestApi', { DisableExecuteApiEndpoint: true });
  });

  it('builds survey links on the custom domain', () => {
    for (const fn of [s.stack.functions.send, s.stack.functions.http]) {
      const env = s.template.toJSON().Resources[s.logicalId(fn)].Properties.Environment.Variables;
      expect(env.PUBLIC_BASE_URL).toBe('https://palaute.example.fi');
    }
  });

  it('lets the producer account put events on the bus, and nobody else', () => {
    const policies = Object.values(s.template.findResources('AWS::Events::EventBusPolicy'));
    expect(policies).toHaveLength(1);
    expect(policies[0]?.Properties.Statement).toMatchObject({
      Effect: 'Allow',
      Action: 'events:PutEvents',
      Principal: {
        AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::444455556666:root']] },
      },
    });
  });

  it('derives the send concurrency from the SMS rate and the spend alarm from the limit', () => {
    s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: s.logicalId(s.stack.functions.send) },
      ScalingConfig: { MaximumConcurrency: 25 },
    });
    s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'SMSMonthToDateSpentUSD',
      Threshold: 2400,
    });
  });

  it('limits the API client to its organization', () => {
    const env =
      s.template.toJSON().Resources[s.logicalId(s.stack.functions.http)].Properties.Environment.Variables;
    expect(env.API_CLIENTS).toEqual({
      'Fn::Join': ['', ['{"', { Ref: expect.stringMatching(/Clientraportointi/) }, '":"org-pohde"}']],
    });
    s.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'palaute-pohde' });
  });

  it('passes cdk-nag AwsSolutions', () => {
    const report = new AwsSolutionsChecks().validateScope(s.stack);
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
  });
});

describe('a bad configuration', () => {
  it('stops the synthesis with the path of each problem', () => {
    const app = new App({
      context: { palaute: { environmentName: 'Prod!', smsMonthlySpendLimitUsd: -1, alarmEmail: 'x' } },
    });
    expect(() => buildApp(app)).toThrowError(
      /environmentName: .*\n.*smsMonthlySpendLimitUsd: .*\n.*alarmEmail: /,
    );
  });
});
