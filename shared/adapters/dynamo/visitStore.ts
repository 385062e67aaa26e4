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
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { recontactAllows, recontactExpiry, sendsToKeep } from '../../domain/recontact';
import type {
  AlreadyDecided,
  PersonHistory,
  ScheduleVisitCommand,
  ScheduleVisitResult,
  VisitStore,
} from '../../ports';
import type { DecisionOutcome, DecisionRecord, DispatchRecord, VisitKey } from '../../schemas/records';
import { batchGetConsistent } from './batchGet';
import { DAY_MS, epochSeconds, keys, recordOf, TTL_ATTRIBUTE } from './tables';
import { changesFunnel, markTouched, type TouchedVisit } from './touchedRecord';

const VISIT_RETENTION_DAYS = 180;
const CANCELLATION_RETENTION_DAYS = 30;
const QUOTA_RETENTION_DAYS = 7;

const isConditionFailure = (error: unknown) =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** A string attribute of an item returned with an error: the document client leaves those marshalled. */
const stringAttribute = (value: AttributeValue | string | undefined): string | undefined =>
  typeof value === 'string' ? value : value?.S;

/** Where a record of a visit is counted: its unit's partition of the `byUnitDate` index, unless … */
function indexPartition(
  sk: 'DECISION' | 'DISPATCH',
  record: DecisionRecord | DispatchRecord,
  unknownOrganization: boolean,
): string {
  const unknownUnit = sk === 'DECISION' && 'outcome' in record && record.outcome === 'UNKNOWN_UNIT';
  // … the organization is not configured: no organization's nightly run would read it; the platform
  // figure does, by the visit date (Europe/Helsinki, as no organization gives a zone).
  if (unknownUnit && unknownOrganization) return keys.unknownOrganizationDate(record.visitDate);
  // … the unit does not exist: there is no unit to count it under; the nightly job folds the
  // organization's own partition into the organization row.
  if (unknownUnit) return keys.unknownUnitDate(record.organizationId, record.visitDate);
  return keys.unitDate(record.unitId, record.visitDate);
}

function visitItem(
  sk: 'DECISION' | 'DISPATCH',
  record: DecisionRecord | DispatchRecord,
  unknownOrganization = false,
) {
  return {
    pk: keys.visit(record.organizationId, record.appointmentId),
    sk,
    gsi1pk: indexPartition(sk, record, unknownOrganization),
    gsi1sk: keys.visitInIndex(record.appointmentId, sk),
    [TTL_ATTRIBUTE]: epochSeconds(new Date(Date.parse(record.completedAt) + VISIT_RETENTION_DAYS * DAY_MS)),
    ...record,
  };
}

/** The first decision's outcome, from the item a failed `attribute_not_exists` write returns (ALL_OLD). */
const alreadyDecided = (item: Record<string, AttributeValue> | undefined): AlreadyDecided => ({
  duplicateOf: stringAttribute(item?.outcome) as DecisionOutcome | undefined,
});

/** What the person's record says: the send times that still matter, and its version for the next write. */
function personHistoryOf(item: Record<string, unknown> | undefined): PersonHistory {
  if (!item) return { sends: [] };
  const sends = Array.isArray(item.sends) ? item.sends.filter((s) => typeof s === 'string') : [];
  // A record from before send times were kept has only the last visit's completion: keep it as a send.
  if (typeof item.lastCompletedAt === 'string') sends.push(item.lastCompletedAt);
  return { sends, version: typeof item.version === 'number' ? item.version : undefined };
}

/** A lost race for a person's record is retried this often (with a short random pause) before giving up. */
const MAX_SCHEDULE_ATTEMPTS = 10;
const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 10 * 2 ** attempt)));

/**
 * `optOutTableName`: the table of the opt-out list (the configuration table), read together with a
 * person's record before a visit is scheduled (`readBeforeScheduling`) and with a dispatch before it
 * is sent (`readDispatch`).
 */
export function createDynamoVisitStore(
  db: DynamoDBDocumentClient,
  tableName: string,
  optOutTableName: string,
): VisitStore {
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

  const recordDecision: VisitStore['recordDecision'] = async (decision, filing) => {
    if (filing?.unknownOrganization !== true) await markTouched(db, tableName, decision);
    try {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: visitItem('DECISION', decision, filing?.unknownOrganization === true),
          // Exactly one decision per visit: a duplicate never overwrites the first outcome, and learns
          // it from the failure itself rather than from a read after it.
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'recorded';
    } catch (error) {
      if (isConditionFailure(error)) return alreadyDecided((error as ConditionalCheckFailedException).Item);
      throw error;
    }
  };

  /**
   * One attempt: read the person's send times (consistently; `read` when the caller just did), decide
   * the recontact rule in code, then write the decision, the dispatch, the person's new send times
   * (only if the record is still the version read) and the quota in one transaction. 'RETRY' when
   * another visit's write came between.
   */
  async function trySchedule(
    command: ScheduleVisitCommand,
    knownCancelled: boolean,
    read: PersonHistory | undefined,
  ): Promise<ScheduleVisitResult | 'RETRY' | 'CANCELLED_MEANWHILE'> {
    const { decision, personHmac, recontactDays, dailyQuota } = command;
    // A visit cancelled before its completion arrived never needs the number at all.
    const dispatch: DispatchRecord = knownCancelled
      ? {
          ...command.dispatch,
          state: 'CANCELLED',
          phone: undefined,
          endedAt: command.dispatch.updatedAt,
          endReason: 'appointment cancelled',
        }
      : command.dispatch;
    const visitKey = keys.visit(decision.organizationId, decision.appointmentId);
    const person = keys.person(decision.organizationId, personHmac);
    const history =
      read ??
      personHistoryOf(
        (await db.send(new GetCommand({ TableName: tableName, Key: person, ConsistentRead: true }))).Item,
      );
    const record = async (outcome: 'RECENTLY_SURVEYED' | 'QUOTA_REACHED') => {
      const recorded = await recordDecision({ ...decision, outcome });
      return recorded === 'recorded' ? outcome : recorded;
    };
    if (!recontactAllows(history.sends, new Date(dispatch.sendAt), recontactDays)) {
      return record('RECENTLY_SURVEYED');
    }
    const sends = sendsToKeep(
      [...history.sends, dispatch.sendAt],
      new Date(decision.decidedAt),
      recontactDays,
    );
    const quota = keys.quota(decision.unitId, decision.visitDate);
    await markTouched(db, tableName, decision);
    // The cancellation is checked in the same transaction rather than read before it: a visit cancelled
    // before its completion arrived is written with its dispatch already ended (see the retry below).
    const cancellationCheck = knownCancelled
      ? []
      : [
          {
            ConditionCheck: {
              TableName: tableName,
              Key: { pk: visitKey, sk: 'CANCELLED' },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ];
    const quotaIndex = 3 + cancellationCheck.length;
    try {
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: visitItem('DECISION', decision),
                ConditionExpression: 'attribute_not_exists(pk)',
                // A duplicate learns the first outcome from the cancellation, without reading it.
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
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
              // Optimistic: written only over the version read, so a send time added meanwhile is seen.
              Put: {
                TableName: tableName,
                Item: {
                  ...person,
                  sends,
                  version: (history.version ?? 0) + 1,
                  [TTL_ATTRIBUTE]: epochSeconds(recontactExpiry(sends, recontactDays)),
                },
                ConditionExpression:
                  history.version === undefined ? 'attribute_not_exists(#version)' : '#version = :version',
                ExpressionAttributeNames: { '#version': 'version' },
                ...(history.version === undefined
                  ? {}
                  : { ExpressionAttributeValues: { ':version': history.version } }),
              },
            },
            ...cancellationCheck,
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
      return knownCancelled ? 'SCHEDULED_CANCELLED' : 'SCHEDULED';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const failed = (index: number) => error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';
      if (failed(0)) return alreadyDecided(error.CancellationReasons?.[0]?.Item);
      if (!knownCancelled && failed(3)) return 'CANCELLED_MEANWHILE';
      // The person's record changed since it was read, or a concurrent transaction touched the same
      // items: decide again on what is there now.
      if (failed(2) || dailyQuota === undefined || !failed(quotaIndex)) return 'RETRY';
      return record('QUOTA_REACHED');
    }
  }

  /**
   * The dispatch, the cancellation mark and the opt-out item in one BatchGetItem, consistent like the
   * Query and the GetItem it stands for. Keys DynamoDB leaves unprocessed (throttling) are asked again.
   */
  async function readWithOptOut(key: VisitKey, phoneHmac: string) {
    const pk = keys.visit(key.organizationId, key.appointmentId);
    const optOutKey = keys.optOut(key.organizationId, phoneHmac);
    const found = await batchGetConsistent(db, [
      { tableName, key: { pk, sk: 'DISPATCH' } },
      { tableName, key: { pk, sk: 'CANCELLED' } },
      { tableName: optOutTableName, key: optOutKey },
    ]);
    return {
      dispatch: recordOf<DispatchRecord>(found.find((item) => item.pk === pk && item.sk === 'DISPATCH')),
      cancelled: found.some((item) => item.pk === pk && item.sk === 'CANCELLED'),
      optedOut: found.some((item) => item.pk === optOutKey.pk && item.sk === optOutKey.sk),
    };
  }

  return {
    async getDecision(key) {
      return recordOf<DecisionRecord>(await get(key, 'DECISION'));
    },
    recordDecision,

    async readBeforeScheduling({ organizationId, phoneHmac, personHmac }) {
      const optOut = keys.optOut(organizationId, phoneHmac);
      const person = keys.person(organizationId, personHmac);
      // One BatchGetItem over both tables, consistent like the two GetItems it replaces.
      const items = await batchGetConsistent(db, [
        { tableName: optOutTableName, key: optOut },
        { tableName, key: person },
      ]);
      const find = (key: { pk: string; sk: string }) =>
        items.find((item) => item.pk === key.pk && item.sk === key.sk);
      return { optedOut: find(optOut) !== undefined, person: personHistoryOf(find(person)) };
    },

    async scheduleVisit(command): Promise<ScheduleVisitResult> {
      let knownCancelled = false;
      // The caller's read serves the first attempt; after a lost race the record is read anew.
      let person = command.person;
      for (let attempt = 1; ; attempt++) {
        const result = await trySchedule(command, knownCancelled, person);
        person = undefined;
        if (result === 'CANCELLED_MEANWHILE') {
          // Tombstones stay (until their TTL): the next attempt writes the ended dispatch instead.
          knownCancelled = true;
          continue;
        }
        if (result !== 'RETRY') return result;
        // Left to the message's own retry: storage errors are thrown.
        if (attempt >= MAX_SCHEDULE_ATTEMPTS) throw new Error('scheduleVisit kept losing races; retry later');
        await pause(attempt);
      }
    },

    async getDispatch(key) {
      return recordOf<DispatchRecord>(await get(key, 'DISPATCH'));
    },

    async readDispatch(key, optOutOf) {
      if (optOutOf) return readWithOptOut(key, optOutOf.phoneHmac);
      // The visit's partition holds its decision, dispatch and cancellation: one Query reads them all.
      const result = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.visit(key.organizationId, key.appointmentId) },
          ConsistentRead: true,
        }),
      );
      const items = result.Items ?? [];
      return {
        dispatch: recordOf<DispatchRecord>(items.find((item) => item.sk === 'DISPATCH')),
        cancelled: items.some((item) => item.sk === 'CANCELLED'),
      };
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
        const result = await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: keys.visit(key.organizationId, key.appointmentId), sk: 'DISPATCH' },
            UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
            ConditionExpression: '#state = :from',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            ReturnValues: changesFunnel(from, to) ? 'ALL_NEW' : 'NONE',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        if (changesFunnel(from, to)) await markTouched(db, tableName, result.Attributes as TouchedVisit);
        return true;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const current = (error as ConditionalCheckFailedException).Item;
        const ours = stringAttribute(current?.transitionId) === transitionId;
        if (ours && changesFunnel(from, to)) {
          const [unitId, visitDate] = [stringAttribute(current?.unitId), stringAttribute(current?.visitDate)];
          if (unitId && visitDate) await markTouched(db, tableName, { ...key, unitId, visitDate });
        }
        return ours;
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
