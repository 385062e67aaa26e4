import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { CreateScheduleCommand, DeleteScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEventBridgePublisher } from '../../shared/adapters/aws/eventBridge';
import { atExpression, createEventBridgeSendScheduler } from '../../shared/adapters/aws/scheduler';
import { createSnsSmsGateway } from '../../shared/adapters/aws/sns';
import { createSqsDeadLetterSink } from '../../shared/adapters/aws/sqsDeadLetters';
import { SmsRejectedError, SmsThrottledError } from '../../shared/ports';

const awsError = (name: string) => Object.assign(new Error(name), { name, $metadata: {} });

describe('SNS SMS gateway', () => {
  const sns = mockClient(SNSClient);
  beforeEach(() => sns.reset());
  const gateway = createSnsSmsGateway(new SNSClient({ region: 'eu-north-1', maxAttempts: 1 }));

  it('publishes to the phone number as Transactional with the sender id', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    expect(await gateway.send({ to: '+358401234567', senderId: 'Pohde', body: 'Hei' })).toEqual({
      messageId: 'm-1',
    });
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      PhoneNumber: '+358401234567',
      Message: 'Hei',
      MessageAttributes: {
        'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'Pohde' },
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      },
    });
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.TopicArn).toBeUndefined();
  });

  it('tells throttling (retry) from refusal (final) from the unknown', async () => {
    sns
      .on(PublishCommand)
      .rejectsOnce(awsError('ThrottlingException'))
      .rejectsOnce(awsError('InvalidParameterException'))
      .rejectsOnce(awsError('TimeoutError'));
    await expect(gateway.send({ to: '+358401234567', senderId: 'P', body: 'x' })).rejects.toBeInstanceOf(
      SmsThrottledError,
    );
    await expect(gateway.send({ to: '+358401234567', senderId: 'P', body: 'x' })).rejects.toBeInstanceOf(
      SmsRejectedError,
    );
    const unknown = gateway.send({ to: '+358401234567', senderId: 'P', body: 'x' });
    await expect(unknown).rejects.not.toBeInstanceOf(SmsThrottledError);
    await expect(unknown).rejects.not.toBeInstanceOf(SmsRejectedError);
  });
});

describe('EventBridge Scheduler', () => {
  const scheduler = mockClient(SchedulerClient);
  beforeEach(() => scheduler.reset());
  const now = new Date('2026-11-20T08:00:00Z');
  const port = createEventBridgeSendScheduler(
    new SchedulerClient({ region: 'eu-north-1' }),
    {
      groupName: 'palaute-sends',
      queueArn: 'arn:aws:sqs:eu-north-1:1:send',
      roleArn: 'arn:aws:iam::1:role/scheduler',
    },
    { now: () => now },
  );
  const payload = { organizationId: 'org-pohde', appointmentId: 'A-1' };

  it('creates a one-time schedule in the organization time zone, deleted after completion', async () => {
    scheduler.on(CreateScheduleCommand).resolves({});
    await port.scheduleSend({
      name: 'visit-x',
      at: new Date('2026-11-21T10:00:00Z'),
      timeZone: 'Europe/Helsinki',
      payload,
    });
    expect(scheduler).toHaveReceivedCommandWith(CreateScheduleCommand, {
      Name: 'visit-x',
      GroupName: 'palaute-sends',
      ScheduleExpression: 'at(2026-11-21T12:00:00)',
      ScheduleExpressionTimezone: 'Europe/Helsinki',
      ActionAfterCompletion: 'DELETE',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: expect.objectContaining({
        Arn: 'arn:aws:sqs:eu-north-1:1:send',
        RoleArn: 'arn:aws:iam::1:role/scheduler',
        Input: JSON.stringify(payload),
      }),
    });
  });

  it('treats an existing schedule as done and a missing one as deleted', async () => {
    scheduler.on(CreateScheduleCommand).rejects(awsError('ConflictException'));
    scheduler.on(DeleteScheduleCommand).rejects(awsError('ResourceNotFoundException'));
    await expect(
      port.scheduleSend({
        name: 'visit-x',
        at: new Date('2026-11-21T10:00:00Z'),
        timeZone: 'Europe/Helsinki',
        payload,
      }),
    ).resolves.toBeUndefined();
    await expect(port.cancelSend('visit-x')).resolves.toBeUndefined();
    scheduler.on(DeleteScheduleCommand).rejects(awsError('AccessDeniedException'));
    await expect(port.cancelSend('visit-x')).rejects.toThrow('AccessDeniedException');
  });

  it('never asks for a time in the past', async () => {
    scheduler.on(CreateScheduleCommand).resolves({});
    await port.scheduleSend({
      name: 'late',
      at: new Date('2026-11-19T10:00:00Z'),
      timeZone: 'Europe/Helsinki',
      payload,
    });
    expect(scheduler).toHaveReceivedCommandWith(CreateScheduleCommand, {
      ScheduleExpression: 'at(2026-11-20T10:01:00)',
    });
  });

  it('gives the repeated fall-back hour in UTC so that it cannot fire an hour off', () => {
    // 2026-10-25 03:30 happens twice in Helsinki: 00:30Z (EEST) and 01:30Z (EET).
    expect(atExpression(new Date('2026-10-25T00:30:00Z'), 'Europe/Helsinki')).toEqual({
      expression: 'at(2026-10-25T03:30:00)',
      timeZone: 'Europe/Helsinki',
    });
    expect(atExpression(new Date('2026-10-25T01:30:00Z'), 'Europe/Helsinki')).toEqual({
      expression: 'at(2026-10-25T01:30:00)',
      timeZone: 'UTC',
    });
    expect(atExpression(new Date('2026-03-29T01:30:00Z'), 'Europe/Helsinki')).toEqual({
      expression: 'at(2026-03-29T04:30:00)',
      timeZone: 'Europe/Helsinki',
    });
  });
});

describe('EventBridge publisher and SQS dead letters', () => {
  const eventBridge = mockClient(EventBridgeClient);
  const sqs = mockClient(SQSClient);
  beforeEach(() => {
    eventBridge.reset();
    sqs.reset();
  });

  it('puts events on the bus and fails loudly on a failed entry', async () => {
    const publisher = createEventBridgePublisher(
      new EventBridgeClient({ region: 'eu-north-1' }),
      'palaute-bus',
    );
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] })
      .resolvesOnce({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] });
    await publisher.publish({
      source: 'palaute',
      detailType: 'Aggregates Ready',
      detail: { date: '2026-11-20' },
    });
    expect(eventBridge).toHaveReceivedCommandWith(PutEventsCommand, {
      Entries: [
        {
          EventBusName: 'palaute-bus',
          Source: 'palaute',
          DetailType: 'Aggregates Ready',
          Detail: '{"date":"2026-11-20"}',
        },
      ],
    });
    await expect(publisher.publish({ source: 'palaute', detailType: 'x', detail: {} })).rejects.toThrow(
      /InternalFailure/,
    );
  });

  it('sends the invalid event with its reason to the dead-letter queue', async () => {
    sqs.on(SendMessageCommand).resolves({});
    const sink = createSqsDeadLetterSink(new SQSClient({ region: 'eu-north-1' }), 'https://sqs/ingest-dlq');
    await sink.put({ reason: 'completedAt: invalid', body: '{"x":1}', at: '2026-11-20T08:00:00.000Z' });
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, {
      QueueUrl: 'https://sqs/ingest-dlq',
      MessageBody: '{"x":1}',
      MessageAttributes: expect.objectContaining({
        reason: { DataType: 'String', StringValue: 'completedAt: invalid' },
      }),
    });
  });
});
