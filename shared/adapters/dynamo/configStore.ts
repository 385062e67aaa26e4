import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ConfigStore } from '../../ports';
import type { Organization, Unit } from '../../schemas/config';
import { DAY_MS, epochSeconds, GSI_BY_ORGANIZATION, keys, recordOf, TTL_ATTRIBUTE } from './tables';

const OPT_OUT_RETENTION_DAYS = 5 * 365;

/** Organizations share one index partition: there are a handful per deployment. */
const ALL_ORGANIZATIONS = 'ORGANIZATIONS';

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

  return {
    async getOrganization(organizationId) {
      const result = await db.send(
        new GetCommand({ TableName: tableName, Key: keys.organization(organizationId) }),
      );
      return recordOf<Organization>(result.Item);
    },
    async putOrganization(organization) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...keys.organization(organization.organizationId),
            gsi1pk: ALL_ORGANIZATIONS,
            gsi1sk: `ORG#${organization.organizationId}`,
            ...organization,
          },
        }),
      );
    },
    async getUnit(unitId) {
      const result = await db.send(new GetCommand({ TableName: tableName, Key: keys.unit(unitId) }));
      return recordOf<Unit>(result.Item);
    },
    async putUnit(unit) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...keys.unit(unit.unitId),
            gsi1pk: keys.unitsOfOrganization(unit.organizationId),
            gsi1sk: `UNIT#${unit.unitId}`,
            ...unit,
          },
        }),
      );
    },
    async listUnits(organizationId) {
      const items = await queryIndex(keys.unitsOfOrganization(organizationId), 'UNIT#');
      return items.map((item) => recordOf<Unit>(item) as Unit);
    },
    async listOrganizations() {
      const items = await queryIndex(ALL_ORGANIZATIONS, 'ORG#');
      return items.map((item) => recordOf<Organization>(item) as Organization);
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
