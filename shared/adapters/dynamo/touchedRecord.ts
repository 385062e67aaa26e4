import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ORGANIZATION_ROW } from '../../domain/aggregate';
import type { Touch, TouchedRecord } from '../../ports';
import { FINAL_DISPATCH_STATES } from '../../schemas/records';
import { DAY_MS, epochSeconds, keyPart, TTL_ATTRIBUTE } from './tables';

/**
 * The touched record: which unit-dates changed since the nightly job last read them, so that a night
 * reads what changed rather than every unit × every open date. One item per organization, unit and
 * visit date, in the table whose records changed (decisions and dispatches: the visits table;
 * answers: the surveys table), under `pk = TOUCHED#{organizationId}`, `sk = {unitId}#{visitDate}`
 * (the unit `*`, the organization row: its visits of units that do not exist). It names ids and dates only, never a
 * person. See docs/data-model.md.
 */
export const touchedKeys = {
  partition: (organizationId: string) => `TOUCHED#${keyPart(organizationId)}`,
  unitDate: (unitId: string, visitDate: string) => `${keyPart(unitId)}#${visitDate}`,
  /** The item saying the nightly job has run for the organization with this record (it has no `#`). */
  run: 'RUN',
};

/**
 * How long after its last write a touch counts as settled. Writes announce themselves before they
 * land (see {@link markTouched}); a Lambda invocation lasts at most 15 minutes, so 20 minutes after a
 * touch its write has landed (or never will) and the `byUnitDate` index has caught up.
 */
export const DEFAULT_SETTLE_MS = 20 * 60 * 1000;

/** A touch outlives the longest window in which its date could still be recomputed (170 days). */
const TOUCH_RETENTION_DAYS = 200;

export interface TouchedVisit {
  organizationId: string;
  unitId: string;
  visitDate: string;
  /** A decision's outcome: `UNKNOWN_UNIT` is filed under the organization row. */
  outcome?: string;
}

/**
 * Marks a visit's unit-date as changed: one small write. Stores call it just BEFORE the write it
 * announces where they can (decisions, answers), so that a crash in between costs a needless
 * recount, never a lost one; the job forgets a touch only once it has settled.
 * The time is the machine's own (not the injected Clock): it is compared with the job's own reading
 * time to know when a write has settled, whatever virtual date the domain runs on.
 */
export async function markTouched(
  db: DynamoDBDocumentClient,
  tableName: string,
  visit: TouchedVisit,
): Promise<void> {
  const unitId = visit.outcome === 'UNKNOWN_UNIT' ? ORGANIZATION_ROW : visit.unitId;
  const now = Date.now();
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: {
        pk: touchedKeys.partition(visit.organizationId),
        sk: touchedKeys.unitDate(unitId, visit.visitDate),
      },
      UpdateExpression: 'ADD #version :one SET #unit = :unit, #date = :date, #at = :at, #ttl = :ttl',
      ExpressionAttributeNames: {
        '#version': 'version',
        '#unit': 'unitId',
        '#date': 'visitDate',
        '#at': 'touchedAt',
        '#ttl': TTL_ATTRIBUTE,
      },
      ExpressionAttributeValues: {
        ':one': 1,
        ':unit': unitId,
        ':date': visit.visitDate,
        ':at': now,
        ':ttl': epochSeconds(new Date(now + TOUCH_RETENTION_DAYS * DAY_MS)),
      },
    }),
  );
}

/** Whether a dispatch moving `from` → `to` changes what the funnel counts (final states only). */
export const changesFunnel = (from: string, to: string) =>
  from !== to && [from, to].some((state) => (FINAL_DISPATCH_STATES as readonly string[]).includes(state));

/** The touched record's reads and clean-up, for the nightly job. */
export function createDynamoTouchedRecord(
  db: DynamoDBDocumentClient,
  tables: { visits: string; surveys: string },
  /** Local mode runs on one DynamoDB Local, whose indexes are never behind: it settles at once. */
  options: { settleMs?: number } = {},
): TouchedRecord {
  const settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
  const sources = [tables.visits, tables.surveys];
  return {
    async pending(organizationId) {
      const readAt = Date.now();
      const touches: Touch[] = [];
      let hasRun = false;
      for (const [index, tableName] of sources.entries()) {
        let ExclusiveStartKey: Record<string, unknown> | undefined;
        do {
          const page = await db.send(
            new QueryCommand({
              TableName: tableName,
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: { ':pk': touchedKeys.partition(organizationId) },
              ConsistentRead: true,
              ExclusiveStartKey,
            }),
          );
          for (const item of page.Items ?? []) {
            if (item.sk === touchedKeys.run) {
              hasRun = true;
              continue;
            }
            touches.push({
              organizationId,
              unitId: String(item.unitId),
              visitDate: String(item.visitDate),
              settled: Number(item.touchedAt) <= readAt - settleMs,
              source: index,
              version: Number(item.version),
            });
          }
          ExclusiveStartKey = page.LastEvaluatedKey;
        } while (ExclusiveStartKey);
      }
      return { hasRun, touches };
    },

    async clear(touches) {
      let next = 0;
      const worker = async () => {
        while (next < touches.length) {
          const touch = touches[next++] as Touch;
          try {
            await db.send(
              new DeleteCommand({
                TableName: sources[touch.source],
                Key: {
                  pk: touchedKeys.partition(touch.organizationId),
                  sk: touchedKeys.unitDate(touch.unitId, touch.visitDate),
                },
                // Touched again since it was read: it stays for the next night.
                ConditionExpression: '#version = :version',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':version': touch.version },
              }),
            );
          } catch (error) {
            if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(16, touches.length) }, worker));
    },

    async markRun(organizationId, at) {
      await db.send(
        new PutCommand({
          TableName: tables.visits,
          Item: {
            pk: touchedKeys.partition(organizationId),
            sk: touchedKeys.run,
            lastRunAt: at.toISOString(),
          },
        }),
      );
    },
  };
}
