import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ConfigStore, VersionedKind, VersionedRecords } from '../../ports';
import type { Area, HistoryEntry, Organization, Unit } from '../../schemas/config';
import type { QuestionSetRecord } from '../../schemas/questionSets';
import { DAY_MS, epochSeconds, GSI_BY_ORGANIZATION, keyPart, keys, recordOf, TTL_ATTRIBUTE } from './tables';

const OPT_OUT_RETENTION_DAYS = 5 * 365;

/** Organizations share one index partition: there are a handful per deployment. */
const ALL_ORGANIZATIONS = 'ORGANIZATIONS';

/** History entries live in their record's partition, newest last in key order. */
const HISTORY_PREFIX = 'HISTORY#';
const historySortKey = (version: number) => `${HISTORY_PREFIX}${String(version).padStart(10, '0')}`;

/** Where each kind of versioned record lives: its key, its id and its index entry. */
const LAYOUT: {
  [K in VersionedKind]: {
    key: (id: string) => { pk: string; sk: string };
    idOf: (record: VersionedRecords[K]) => string;
    index: (record: VersionedRecords[K]) => { gsi1pk: string; gsi1sk: string };
  };
} = {
  organization: {
    key: keys.organization,
    idOf: (o) => o.organizationId,
    index: (o) => ({ gsi1pk: ALL_ORGANIZATIONS, gsi1sk: `ORG#${o.organizationId}` }),
  },
  unit: {
    key: keys.unit,
    idOf: (u) => u.unitId,
    index: (u) => ({ gsi1pk: keys.unitsOfOrganization(u.organizationId), gsi1sk: `UNIT#${u.unitId}` }),
  },
  // Own sets share the organization's index partition with its units, under their own prefix.
  questionSet: {
    key: (questionSetId) => ({ pk: `QSET#${keyPart(questionSetId)}`, sk: 'QSET' }),
    idOf: (q) => q.questionSetId,
    index: (q) => ({
      gsi1pk: keys.unitsOfOrganization(q.organizationId),
      gsi1sk: `QSET#${q.questionSetId}`,
    }),
  },
  // Areas share their organization's index partition with its units, under their own prefix.
  area: {
    key: keys.area,
    idOf: (a) => a.areaId,
    index: (a) => ({ gsi1pk: keys.unitsOfOrganization(a.organizationId), gsi1sk: `AREA#${a.areaId}` }),
  },
};

/** Records stored before versions existed read as version 1 (and are written as such below). */
function versioned<T>(item: Record<string, unknown> | undefined): T | undefined {
  const record = recordOf<T & { version?: number }>(item);
  return record && ({ ...record, version: record.version ?? 1 } as T);
}

export function createDynamoConfigStore(db: DynamoDBDocumentClient, tableName: string): ConfigStore {
  async function queryIndex(partition: string, prefix: string) {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: GSI_BY_ORGANIZATION,
          KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
          ExpressionAttributeValues: { ':pk': partition, ':prefix': prefix },
          ExclusiveStartKey,
        }),
      );
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }

  async function read<K extends VersionedKind>(kind: K, id: string, consistent: boolean) {
    const result = await db.send(
      new GetCommand({ TableName: tableName, Key: LAYOUT[kind].key(id), ConsistentRead: consistent }),
    );
    return versioned<VersionedRecords[K]>(result.Item);
  }

  /** The condition that the stored version is still `expected`; a record without one counts as 1. */
  function versionCondition(expected: number | undefined) {
    if (expected === undefined) return { ConditionExpression: 'attribute_not_exists(pk)' };
    return {
      ConditionExpression:
        expected === 1
          ? 'attribute_exists(pk) AND (#version = :expected OR attribute_not_exists(#version))'
          : 'attribute_exists(pk) AND #version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': expected },
    };
  }

  return {
    getOrganization: (organizationId) => read('organization', organizationId, false),
    getUnit: (unitId) => read('unit', unitId, false),
    readVersioned: (kind, id) => read(kind, id, true),

    async writeVersion(kind, record, expectedVersion, entry: HistoryEntry) {
      const layout = LAYOUT[kind];
      const key = layout.key(layout.idOf(record));
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: { ...key, ...layout.index(record), ...record },
                  ...versionCondition(expectedVersion),
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: { pk: key.pk, sk: historySortKey(entry.version), ...entry },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
        return 'written';
      } catch (error) {
        // A failed condition or a concurrent transaction on the same item: nothing was written.
        if (error instanceof TransactionCanceledException) return 'conflict';
        throw error;
      }
    },

    async history(kind, id, page) {
      const { pk } = LAYOUT[kind].key(id);
      const result = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :low AND :high',
          ExpressionAttributeValues: {
            ':pk': pk,
            ':low': historySortKey(1),
            ':high': historySortKey(page.before === undefined ? 9_999_999_999 : page.before - 1),
          },
          ScanIndexForward: false,
          // One more than asked: tells whether another page exists without a dangling cursor.
          Limit: page.limit + 1,
          ConsistentRead: true,
        }),
      );
      const entries = (result.Items ?? []).map((item) => recordOf<HistoryEntry>(item) as HistoryEntry);
      const shown = entries.slice(0, page.limit);
      return entries.length > page.limit
        ? { entries: shown, nextBefore: shown.at(-1)?.version }
        : { entries };
    },

    async listUnits(organizationId) {
      const items = await queryIndex(keys.unitsOfOrganization(organizationId), 'UNIT#');
      return items.map((item) => versioned<Unit>(item) as Unit);
    },
    async listQuestionSets(organizationId) {
      const items = await queryIndex(keys.unitsOfOrganization(organizationId), 'QSET#');
      return items.map((item) => versioned<QuestionSetRecord>(item) as QuestionSetRecord);
    },
    getArea: (areaId) => read('area', areaId, false),
    async listAreas(organizationId) {
      const items = await queryIndex(keys.unitsOfOrganization(organizationId), 'AREA#');
      return items.map((item) => versioned<Area>(item) as Area);
    },
    async listOrganizations() {
      const items = await queryIndex(ALL_ORGANIZATIONS, 'ORG#');
      return items.map((item) => versioned<Organization>(item) as Organization);
    },
    async isOptedOut(organizationId, phoneHmac) {
      const result = await db.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.optOut(organizationId, phoneHmac),
          ConsistentRead: true,
        }),
      );
      return result.Item !== undefined;
    },
    async addOptOut(organizationId, phoneHmac, at) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...keys.optOut(organizationId, phoneHmac),
            optedOutAt: at.toISOString(),
            [TTL_ATTRIBUTE]: epochSeconds(new Date(at.getTime() + OPT_OUT_RETENTION_DAYS * DAY_MS)),
          },
        }),
      );
    },
  };
}

/** How long a container reuses an organization or unit it read: a configuration change applies within it. */
export const CONFIG_CACHE_TTL_MS = 60_000;

/**
 * The configuration reads of ingest and send, kept per container for `ttlMs`: every event of a batch
 * (and of the next batches) names the same few organizations and units, and reading them again for
 * each costs two of the handful of calls a visit needs. A miss (an unknown unit) is kept as well; a
 * failed read is not. Opt-outs are never cached: one must take effect at once.
 */
export function withCachedConfigReads(
  store: ConfigStore,
  now: () => number,
  ttlMs = CONFIG_CACHE_TTL_MS,
): ConfigStore {
  const cached = <T>(read: (id: string) => Promise<T>) => {
    const entries = new Map<string, { until: number; value: Promise<T> }>();
    return (id: string): Promise<T> => {
      const at = now();
      const entry = entries.get(id);
      if (entry && entry.until > at) return entry.value;
      const value = read(id);
      entries.set(id, { until: at + ttlMs, value });
      // A failure is not kept: the next event reads again.
      value.catch(() => {
        if (entries.get(id)?.value === value) entries.delete(id);
      });
      return value;
    };
  };
  return {
    ...store,
    getOrganization: cached((id) => store.getOrganization(id)),
    getUnit: cached((id) => store.getUnit(id)),
  };
}
