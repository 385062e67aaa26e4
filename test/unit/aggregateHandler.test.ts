import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { BatchWriteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GSI_BY_ORGANIZATION, GSI_BY_UNIT_DATE } from '../../shared/adapters/dynamo/tables';
import { organization, unit } from '../support/aggregateFakes';

const dynamo = mockClient(DynamoDBDocumentClient);
const eventBridge = mockClient(EventBridgeClient);

describe('the aggregate Lambda handler', () => {
  let handler: (event: unknown) => Promise<unknown>;

  beforeAll(async () => {
    vi.stubEnv('CONFIG_TABLE', 'config');
    vi.stubEnv('VISITS_TABLE', 'visits');
    vi.stubEnv('SURVEYS_TABLE', 'surveys');
    vi.stubEnv('AGGREGATES_TABLE', 'aggregates');
    vi.stubEnv('EVENT_BUS_NAME', 'palaute-bus');
    vi.stubEnv('AWS_REGION', 'eu-north-1');
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
    ({ handler } = await import('../../functions/aggregate/handler'));
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it('runs the night for the scheduled time and puts Aggregates Ready on the bus', async () => {
    dynamo.reset();
    eventBridge.reset();
    dynamo
      .on(QueryCommand, { TableName: 'config', IndexName: GSI_BY_ORGANIZATION })
      .callsFake((input: { ExpressionAttributeValues: Record<string, string> }) =>
        input.ExpressionAttributeValues[':pk'] === 'ORGANIZATIONS'
          ? { Items: [organization('org-a')] }
          : { Items: [unit('u1', 'org-a')] },
      );
    dynamo
      .on(QueryCommand, { TableName: 'visits', IndexName: GSI_BY_UNIT_DATE })
      .callsFake((input: { ExpressionAttributeValues: Record<string, string> }) =>
        input.ExpressionAttributeValues[':pk'] === 'u1#2026-11-20'
          ? {
              Items: [
                { sk: 'DECISION', organizationId: 'org-a', outcome: 'SCHEDULED' },
                { sk: 'DISPATCH', organizationId: 'org-a', state: 'SENT' },
              ],
            }
          : { Items: [] },
      );
    // The touched record (its first night: no RUN item, so every open date is read).
    dynamo
      .on(QueryCommand, { TableName: 'visits', KeyConditionExpression: 'pk = :pk' })
      .resolves({ Items: [] });
    dynamo.on(PutCommand).resolves({});
    dynamo.on(QueryCommand, { TableName: 'surveys' }).resolves({ Items: [] });
    dynamo.on(QueryCommand, { TableName: 'aggregates' }).resolves({ Items: [] });
    dynamo.on(BatchWriteCommand).resolves({});
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });

    const summary = await handler({ scheduledTime: '2026-11-21T00:00:00Z' });
    expect(summary).toMatchObject({
      organizations: [{ organizationId: 'org-a', date: '2026-11-20', units: ['u1'] }],
    });

    const puts = eventBridge.commandCalls(PutEventsCommand);
    expect(puts).toHaveLength(1);
    const entry = puts[0]?.args[0].input.Entries?.[0];
    expect(entry).toMatchObject({
      EventBusName: 'palaute-bus',
      Source: 'palaute',
      DetailType: 'Aggregates Ready',
    });
    expect(JSON.parse(entry?.Detail ?? '{}')).toEqual({
      date: '2026-11-20',
      organizationId: 'org-a',
      units: ['u1'],
    });
    const written = dynamo
      .commandCalls(BatchWriteCommand)
      .flatMap((c) => c.args[0].input.RequestItems?.aggregates ?? []);
    expect(written.map((w) => w.PutRequest?.Item?.sk)).toContain('D#u1#2026-11-20');
    // never the visits table itself: its index, and the touched record's own partition only
    for (const call of dynamo.commandCalls(QueryCommand)) {
      const input = call.args[0].input;
      if (input.TableName === 'visits' && input.IndexName !== GSI_BY_UNIT_DATE)
        expect(input.ExpressionAttributeValues?.[':pk']).toBe('TOUCHED#org-a');
    }
    expect(dynamo.commandCalls(PutCommand).map((c) => c.args[0].input.Item)).toEqual([
      { pk: 'TOUCHED#org-a', sk: 'RUN', lastRunAt: '2026-11-21T00:00:00.000Z' },
    ]);
  });

  it('throws when an organization failed, so that the invocation is retried', async () => {
    dynamo.reset();
    dynamo
      .on(QueryCommand, { TableName: 'config', IndexName: GSI_BY_ORGANIZATION })
      .callsFake((input: { ExpressionAttributeValues: Record<string, string> }) =>
        input.ExpressionAttributeValues[':pk'] === 'ORGANIZATIONS'
          ? { Items: [organization('org-a')] }
          : { Items: [] },
      );
    dynamo.on(QueryCommand, { TableName: 'aggregates' }).rejects(new Error('throttled'));
    await expect(handler({ date: '2026-11-20' })).rejects.toThrow(/aggregation failed for 1 organization/);
  });
});
