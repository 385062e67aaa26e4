import { randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { OpenLinkStore } from '../../ports';
import { type OpenLink, REJECTION_REASONS, type RejectionReason } from '../../schemas/openLinks';
import { answerItem } from './surveyStore';
import { epochSeconds, GSI_BY_ORGANIZATION, keyPart, TTL_ATTRIBUTE } from './tables';
import { markTouched } from './touchedRecord';

export interface OpenLinkTables {
  /** Links and shared secrets: configuration, listed per unit on the `byOrganization` index. */
  config: string;
  /** Answers and the short-lived budget counters. */
  surveys: string;
}

/** Keys of open links and their counters (ids go through `keyPart` like every key). */
export const openLinkKeys = {
  link: (openLinkId: string) => ({ pk: `OPENLINK#${keyPart(openLinkId)}`, sk: 'OPENLINK' }),
  linksOfUnit: (unitId: string) => `OPENLINKS#${keyPart(unitId)}`,
  budget: (bucket: string) => ({ pk: `BUDGET#${keyPart(bucket)}`, sk: 'BUDGET' }),
  secret: (name: string) => ({ pk: `SECRET#${keyPart(name)}`, sk: 'SECRET' }),
};

/** Rejection counters are top-level attributes: `ADD` needs no map to exist first. */
const rejectedAttribute = (reason: RejectionReason) =>
  `rejected${reason[0]?.toUpperCase()}${reason.slice(1)}`;

function linkOf(item: Record<string, unknown> | undefined): OpenLink | undefined {
  if (!item) return undefined;
  const count = (name: string) => (typeof item[name] === 'number' ? (item[name] as number) : 0);
  return {
    openLinkId: item.openLinkId as string,
    organizationId: item.organizationId as string,
    unitId: item.unitId as string,
    channel: item.channel as OpenLink['channel'],
    respondent: item.respondent as OpenLink['respondent'],
    ...(item.questionSetId ? { questionSetId: item.questionSetId as string } : {}),
    createdAt: item.createdAt as string,
    createdBy: item.createdBy as string,
    ...(item.revokedAt ? { revokedAt: item.revokedAt as string } : {}),
    rejected: count('rejected'),
    rejectedBy: Object.fromEntries(
      REJECTION_REASONS.map((reason) => [reason, count(rejectedAttribute(reason))]),
    ) as OpenLink['rejectedBy'],
  };
}

export function createDynamoOpenLinkStore(db: DynamoDBDocumentClient, tables: OpenLinkTables): OpenLinkStore {
  // Secrets never change once written: one read per instance and name.
  const secrets = new Map<string, Promise<string>>();

  async function readSecret(name: string, expiresAt?: Date): Promise<string> {
    const candidate = randomBytes(32).toString('base64url');
    try {
      await db.send(
        new PutCommand({
          TableName: tables.config,
          Item: {
            ...openLinkKeys.secret(name),
            secret: candidate,
            ...(expiresAt ? { [TTL_ATTRIBUTE]: epochSeconds(expiresAt) } : {}),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return candidate;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const stored = await db.send(
      new GetCommand({ TableName: tables.config, Key: openLinkKeys.secret(name), ConsistentRead: true }),
    );
    const secret = stored.Item?.secret;
    if (typeof secret !== 'string') throw new Error(`shared secret ${name} could not be read`);
    return secret;
  }

  return {
    async createOpenLink(link) {
      const { rejected, rejectedBy, ...record } = link;
      await db.send(
        new PutCommand({
          TableName: tables.config,
          Item: {
            ...openLinkKeys.link(link.openLinkId),
            gsi1pk: openLinkKeys.linksOfUnit(link.unitId),
            gsi1sk: `${link.createdAt}#${link.openLinkId}`,
            ...record,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async getOpenLink(openLinkId) {
      const result = await db.send(
        new GetCommand({
          TableName: tables.config,
          Key: openLinkKeys.link(openLinkId),
          ConsistentRead: true,
        }),
      );
      return linkOf(result.Item);
    },

    async listOpenLinks(unitId) {
      const links: OpenLink[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: tables.config,
            IndexName: GSI_BY_ORGANIZATION,
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': openLinkKeys.linksOfUnit(unitId) },
            ExclusiveStartKey,
          }),
        );
        for (const item of page.Items ?? []) {
          const link = linkOf(item);
          if (link) links.push(link);
        }
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return links;
    },

    async revokeOpenLink(openLinkId, at) {
      try {
        const result = await db.send(
          new UpdateCommand({
            TableName: tables.config,
            Key: openLinkKeys.link(openLinkId),
            UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':at': at.toISOString() },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return linkOf(result.Attributes);
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return undefined;
        throw error;
      }
    },

    async countRejected(openLinkId, reason) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: tables.config,
            Key: openLinkKeys.link(openLinkId),
            UpdateExpression: 'ADD rejected :one, #reason :one',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#reason': rejectedAttribute(reason) },
            ExpressionAttributeValues: { ':one': 1 },
          }),
        );
      } catch (error) {
        // Never create a link item from a counter.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    async takeFromBudget(bucket, limit, windowEndsAt) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: tables.surveys,
            Key: openLinkKeys.budget(bucket),
            UpdateExpression: 'ADD used :one SET #ttl = if_not_exists(#ttl, :ttl)',
            ConditionExpression: 'attribute_not_exists(used) OR used < :limit',
            ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
            ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': epochSeconds(windowEndsAt) },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    sharedSecret(name, expiresAt) {
      let secret = secrets.get(name);
      if (!secret) {
        secret = readSecret(name, expiresAt);
        secrets.set(name, secret);
        // A failed read is not remembered: the next request tries again.
        secret.catch(() => secrets.delete(name));
      }
      return secret;
    },

    async storeAnswer(answer, at) {
      // Announced before it lands, as every answer is, so the night recounts its unit-date.
      await markTouched(db, tables.surveys, answer);
      await db.send(
        new PutCommand({
          TableName: tables.surveys,
          Item: answerItem(answer, at),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },
  };
}
