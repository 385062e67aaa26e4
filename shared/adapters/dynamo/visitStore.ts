import { randomUUID } from 'node:crypto';
import {
  type AttributeValue,
  type ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ScheduleVisitResult, VisitStore } from '../../ports';
import type { DecisionRecord, DispatchRecord, VisitKey } from '../../schemas/records';
import { DAY_MS, epochSeconds, keys, recordOf, TTL_ATTRIBUTE } from './tables';

const VISIT_RETENTION_DAYS = 180;
const CANCELLATION_RETENTION_DAYS = 30;
const QUOTA_RETENTION_DAYS = 7;

const isConditionFailure = (error: unknown) =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** A string attribute of an item returned with an error: the document client leaves those marshalled. */
const stringAttribute = (value: AttributeValue | string | undefined): string | undefined =>
  typeof value === 'string' ? value : value?.S;

function visitItem(sk: 'DECISION' | 'DISPATCH', record: DecisionRecord | DispatchRecord) {
  // A visit of an unknown unit has no unit to be counted under: its decision goes to the
  // organization's own partition, which the nightly job folds into the organization row.
  const unknownUnit = sk === 'DECISION' && 'outcome' in record && record.outcome === 'UNKNOWN_UNIT';
  return {
    pk: keys.visit(record.organizationId, record.appointmentId),
    sk,
    gsi1pk: unknownUnit
      ? keys.unknownUnitDate(record.organizationId, record.visitDate)
      : keys.unitDate(record.unitId, record.visitDate),
    gsi1sk: `${record.appointmentId}#${sk}`,
    [TTL_ATTRIBUTE]: epochSeconds(new Date(Date.parse(record.completedAt) + VISIT_RETENTION_DAYS * DAY_MS)),
    ...record,
  };
}

export function createDynamoVisitStore(db: DynamoDBDocumentClient, tableName: string): VisitStore {
  const get = async (key: VisitKey, sk: string) =>
    (
      await db.send(
        new GetCommand({
          TableName: tableName,
          Key: { pk: keys.visit(key.organizationId, key.appointmentId), sk },
          ConsistentRead: true,
        }),
      )
    ).Item;

  const recordDecision = async (decision: DecisionRecord): Promise<'recorded' | 'duplicate'> => {
    try {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: visitItem('DECISION', decision),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'recorded';
    } catch (error) {
      if (isConditionFailure(error)) return 'duplicate';
      throw error;
    }
  };

  return {
    async getDecision(key) {
      return recordOf<DecisionRecord>(await get(key, 'DECISION'));
    },
    recordDecision,

    async scheduleVisit({
      decision,
      dispatch,
      personHmac,
      recontactDays,
      dailyQuota,
    }): Promise<ScheduleVisitResult> {
      const completedAt = Date.parse(decision.completedAt);
      const window = recontactDays * DAY_MS;
      const person = keys.person(decision.organizationId, personHmac);
      const quota = keys.quota(decision.unitId, decision.visitDate);
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: visitItem('DECISION', decision),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: visitItem('DISPATCH', dispatch),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                // Another scheduled visit of this person within the window, on either side, blocks this one.
                Update: {
                  TableName: tableName,
                  Key: person,
                  UpdateExpression: 'SET lastCompletedAt = :at, #ttl = :ttl',
                  ConditionExpression:
                    'attribute_not_exists(pk) OR lastCompletedAt <= :low OR lastCompletedAt >= :high',
                  ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
                  ExpressionAttributeValues: {
                    ':at': new Date(completedAt).toISOString(),
                    ':low': new Date(completedAt - window).toISOString(),
                    ':high': new Date(completedAt + window).toISOString(),
                    ':ttl': epochSeconds(new Date(completedAt + window + DAY_MS)),
                  },
                },
              },
              ...(dailyQuota === undefined
                ? []
                : [
                    {
                      Update: {
                        TableName: tableName,
                        Key: quota,
                        UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
                        ConditionExpression: 'attribute_not_exists(#count) OR #count < :quota',
                        ExpressionAttributeNames: { '#count': 'count', '#ttl': TTL_ATTRIBUTE },
                        ExpressionAttributeValues: {
                          ':one': 1,
                          ':quota': dailyQuota,
                          ':ttl': epochSeconds(
                            new Date(Date.parse(decision.visitDate) + QUOTA_RETENTION_DAYS * DAY_MS),
                          ),
                        },
                      },
                    },
                  ]),
            ],
          }),
        );
        return 'SCHEDULED';
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const failed = (index: number) =>
          error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';
        // A conflict with a concurrent transaction is not a decision: let the caller retry.
        if (!failed(0) && !failed(2) && !failed(3)) throw error;
        if (failed(0)) return 'DUPLICATE';
        const outcome = failed(2) ? 'RECENTLY_SURVEYED' : 'QUOTA_REACHED';
        const recorded = await recordDecision({ ...decision, outcome });
        return recorded === 'recorded' ? outcome : 'DUPLICATE';
      }
    },

    async getDispatch(key) {
      return recordOf<DispatchRecord>(await get(key, 'DISPATCH'));
    },

    async transitionDispatch(key, from, to, changes, remove = []) {
      // The SDK retries a write whose response was lost (timeout, reset connection) with this same
      // request: the retry then fails its condition, and the id tells that the write was our own.
      const transitionId = randomUUID();
      const names: Record<string, string> = { '#state': 'state', '#transitionId': 'transitionId' };
      const values: Record<string, unknown> = { ':from': from, ':to': to, ':transitionId': transitionId };
      const sets = ['#state = :to', '#transitionId = :transitionId'];
      Object.entries(changes).forEach(([field, value], index) => {
        if (field === 'state' || field === 'transitionId' || value === undefined) return;
        names[`#f${index}`] = field;
        values[`:v${index}`] = value;
        sets.push(`#f${index} = :v${index}`);
      });
      const removes = remove.map((field, index) => {
        names[`#r${index}`] = field;
        return `#r${index}`;
      });
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: keys.visit(key.organizationId, key.appointmentId), sk: 'DISPATCH' },
            UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
            ConditionExpression: '#state = :from',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return true;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const current = (error as ConditionalCheckFailedException).Item;
        return stringAttribute(current?.transitionId) === transitionId;
      }
    },

    async markCancelled(key, at) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            pk: keys.visit(key.organizationId, key.appointmentId),
            sk: 'CANCELLED',
            cancelledAt: at.toISOString(),
            [TTL_ATTRIBUTE]: epochSeconds(new Date(at.getTime() + CANCELLATION_RETENTION_DAYS * DAY_MS)),
          },
        }),
      );
    },

    async isCancelled(key) {
      return (await get(key, 'CANCELLED')) !== undefined;
    },
  };
}
