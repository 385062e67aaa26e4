import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createDynamoConfigStore } from '../../shared/adapters/dynamo/configStore';
import { createDynamoVisitStore } from '../../shared/adapters/dynamo/visitStore';
import { scheduleNameFor } from '../../shared/services/ingest';
import { cancelledEvent, completedEvent, freshTables, organizationBody } from '../support/system';

// The Lambda entry points run for real against DynamoDB Local; only the cloud-only services are mocked.
const scheduler = mockClient(SchedulerClient);
const sqs = mockClient(SQSClient);
const secrets = mockClient(SecretsManagerClient);
const sns = mockClient(SNSClient);

const sqsEvent = (bodies: string[]): SQSEvent => ({
  Records: bodies.map((body, i) => ({
    messageId: `m-${i}`,
    receiptHandle: `r-${i}`,
    body,
    attributes: {} as never,
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-north-1:123456789012:q',
    awsRegion: 'eu-north-1',
  })),
});
const context = {
  functionName: 'test',
  awsRequestId: 'req',
  getRemainingTimeInMillis: () => 30_000,
} as Context;

let tables: Awaited<ReturnType<typeof freshTables>>;

beforeAll(async () => {
  tables = await freshTables();
  vi.stubEnv('AWS_REGION', 'eu-north-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', inject('dynamoEndpoint'));
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  vi.stubEnv('CONFIG_TABLE', tables.tables.config);
  vi.stubEnv('VISITS_TABLE', tables.tables.visits);
  vi.stubEnv('SURVEYS_TABLE', tables.tables.surveys);
  vi.stubEnv('HMAC_SECRET_ARN', 'arn:aws:secretsmanager:eu-north-1:123456789012:secret:hmac');
  vi.stubEnv('SEND_QUEUE_ARN', 'arn:aws:sqs:eu-north-1:123456789012:send');
  vi.stubEnv('SCHEDULER_ROLE_ARN', 'arn:aws:iam::123456789012:role/scheduler');
  vi.stubEnv('SCHEDULE_GROUP_NAME', 'palaute-sends');
  vi.stubEnv('INGEST_DLQ_URL', 'https://sqs.eu-north-1.amazonaws.com/123456789012/ingest-dlq');
  vi.stubEnv('PUBLIC_BASE_URL', 'https://palaute.example.fi');
  secrets.on(GetSecretValueCommand).resolves({ SecretString: 'cloud-hmac-key-0123456789' });
  const config = createDynamoConfigStore(tables.db, tables.tables.config);
  const organization = organizationBody();
  const created = { version: 1, at: '2026-01-01T00:00:00Z', by: 'test', changes: [] };
  await config.writeVersion(
    'organization',
    {
      ...organization,
      organizationId: 'org-pohde',
      timeZone: 'Europe/Helsinki',
      recontactDays: 30,
      minReportN: 5,
      defaults: {
        sendWindow: { start: '00:00', end: '23:59', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] },
      },
      version: 1,
      updatedAt: '2026-01-01T00:00:00Z',
    },
    undefined,
    created,
  );
  await config.writeVersion(
    'unit',
    {
      unitId: 'unit-tk-keskusta',
      organizationId: 'org-pohde',
      name: { fi: 'Keskusta' },
      enabled: true,
      rules: { timing: { mode: 'delay', delayMinutes: 0 }, maxLagHours: 24 * 30 },
      version: 1,
      updatedAt: '2026-01-01T00:00:00Z',
    },
    undefined,
    created,
  );
});

describe('ingest handler', () => {
  it('decides valid visits, dead-letters invalid ones and retries only the record that failed', async () => {
    const { handler } = await import('../../functions/ingest/handler');
    const now = new Date();
    const good = completedEvent({ completedAt: now.toISOString() });
    const failing = completedEvent({ completedAt: now.toISOString() });
    const invalid = completedEvent({ completedAt: 'not a time' });
    const failingName = scheduleNameFor({
      organizationId: 'org-pohde',
      appointmentId: failing.detail.appointmentId,
    });
    scheduler.on(CreateScheduleCommand).resolves({});
    scheduler.on(CreateScheduleCommand, { Name: failingName }).rejects(new Error('Scheduler unavailable'));
    sqs.on(SendMessageCommand).resolves({});

    const result = await handler(
      sqsEvent([
        JSON.stringify(good),
        JSON.stringify(invalid),
        JSON.stringify(failing),
        JSON.stringify(cancelledEvent(good.detail)),
      ]),
      context,
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-2' }] });
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, {
      MessageAttributes: expect.objectContaining({
        reason: expect.objectContaining({ StringValue: expect.stringMatching(/completedAt/) }),
      }),
    });
    const visits = createDynamoVisitStore(tables.db, tables.tables.visits, tables.tables.config);
    expect(
      (await visits.getDecision({ organizationId: 'org-pohde', appointmentId: good.detail.appointmentId }))
        ?.outcome,
    ).toBe('SCHEDULED');
    expect(
      (await visits.getDispatch({ organizationId: 'org-pohde', appointmentId: good.detail.appointmentId }))
        ?.state,
    ).toBe('CANCELLED');
    expect(
      scheduler.commandCalls(CreateScheduleCommand).some((c) => c.args[0].input.Name === failingName),
    ).toBe(true);
  });
});

describe('send handler', () => {
  it('sends through SNS once, and leaves a throttled message for SQS to retry', async () => {
    const { handler: ingest } = await import('../../functions/ingest/handler');
    const { handler: send } = await import('../../functions/send/handler');
    scheduler.on(CreateScheduleCommand).resolves({});
    const now = new Date().toISOString();
    const first = completedEvent({ completedAt: now });
    const second = completedEvent({ completedAt: now });
    await ingest(sqsEvent([JSON.stringify(first), JSON.stringify(second)]), context);

    sns.reset();
    sns
      .on(PublishCommand)
      .resolvesOnce({ MessageId: 'sns-1' })
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: {} }));
    const keys = [first, second].map((e) =>
      JSON.stringify({ organizationId: 'org-pohde', appointmentId: e.detail.appointmentId }),
    );
    // Records are processed concurrently: whichever reaches SNS second is throttled and left for SQS.
    const firstRun = await send(sqsEvent([...keys, 'garbage']), context);
    expect(firstRun.batchItemFailures).toHaveLength(1);
    expect(['m-0', 'm-1']).toContain(firstRun.batchItemFailures[0]?.itemIdentifier);
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 2);
    sns.on(PublishCommand).resolves({ MessageId: 'sns-2' });
    expect(await send(sqsEvent(keys), context)).toEqual({ batchItemFailures: [] });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 3);
    const visits = createDynamoVisitStore(tables.db, tables.tables.visits, tables.tables.config);
    for (const e of [first, second]) {
      const dispatch = await visits.getDispatch({
        organizationId: 'org-pohde',
        appointmentId: e.detail.appointmentId,
      });
      expect(dispatch?.state).toBe('SENT');
      expect(dispatch?.phone).toBeUndefined();
    }
  });
});
