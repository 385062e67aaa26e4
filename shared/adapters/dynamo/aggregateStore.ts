import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { datesOfMonth, monthOf, monthsBetween } from '../../domain/aggregateDates';
import { cellSortKey } from '../../domain/aggregateDimensions';
import type {
  AggregateCell,
  AggregateSources,
  AggregateStore,
  AnswerFigures,
  CommentItem,
  CommentSource,
  FunnelItem,
  UnknownOrganizationDay,
} from '../../ports';
import {
  type AnswerValue,
  type Channel,
  channelSchema,
  type Respondent,
  respondentSchema,
} from '../../schemas/records';
import { GSI_BY_UNIT_DATE, keys, TTL_ATTRIBUTE } from './tables';

/** Aggregates are anonymous and kept 10 years after the end of their period. */
const AGGREGATE_RETENTION_YEARS = 10;

/**
 * Layout of the aggregates table: one partition per organization-month,
 * `pk = AGG#{organizationId}#{YYYY-MM}`, and in it
 * `sk = D#{unitId}#{YYYY-MM-DD}` (a unit's day), `D#*#{date}` (the organization's day),
 * `M#{unitId}` (a unit's month) and `M#*` (the organization's month); an area's cells are
 * `D#A:{areaId}#{date}` and `M#A:{areaId}` (configuration ids have no `:`, so no unit's key is one).
 * The nightly job reads and writes one partition per month it touches; a unit's report reads a key
 * range, an organization's report the partition.
 */
export const aggregateKeys = {
  partition: (organizationId: string, month: string) => `AGG#${organizationId}#${month}`,
  day: (unitId: string, date: string) => `D#${unitId}#${date}`,
  month: (unitId: string) => `M#${unitId}`,
  /**
   * The platform figure of visits of unknown organizations: one small partition, `sk` = the visit
   * date. Its organization ids are data (a map), never part of a key.
   */
  unknownOrganizations: 'PLATFORM#UNKNOWN_ORG',
};

/** See {@link cellSortKey}: a channel × respondent cell's key has its slice after the row and date. */
export const aggregateSortKey = cellSortKey;

function primaryKey(
  cell: Pick<
    AggregateCell,
    'organizationId' | 'unitId' | 'areaId' | 'granularity' | 'period' | 'channel' | 'respondent'
  >,
) {
  return {
    pk: aggregateKeys.partition(cell.organizationId, monthOf(cell.period)),
    sk: aggregateSortKey(cell),
  };
}

function expiry(cell: Pick<AggregateCell, 'period'>): number {
  const year = Number(cell.period.slice(0, 4)) + AGGREGATE_RETENTION_YEARS;
  return Math.floor(Date.UTC(year, Number(cell.period.slice(5, 7)), 1) / 1000);
}

function toCell(item: Record<string, unknown>): AggregateCell {
  const { pk, sk, [TTL_ATTRIBUTE]: ttl, ...cell } = item;
  return cell as unknown as AggregateCell;
}

/** Yields a query's pages one by one: callers fold them, so memory stays at one page. */
async function* pages(db: DynamoDBDocumentClient, input: QueryCommandInput) {
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey }));
    yield page.Items ?? [];
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

async function queryAll(db: DynamoDBDocumentClient, input: QueryCommandInput) {
  const items: Record<string, unknown>[] = [];
  for await (const page of pages(db, input)) items.push(...page);
  return items;
}

const BATCH = 25;

async function batchWrite(db: DynamoDBDocumentClient, tableName: string, requests: unknown[]) {
  for (let start = 0; start < requests.length; start += BATCH) {
    type WriteRequests = NonNullable<BatchWriteCommandInput['RequestItems']>[string];
    let pending: WriteRequests | undefined = requests.slice(start, start + BATCH) as WriteRequests;
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * 2 ** attempt)));
      if (attempt > 8) throw new Error('BatchWrite kept returning unprocessed items');
      const result: BatchWriteCommandOutput = await db.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
      );
      pending = result.UnprocessedItems?.[tableName];
    }
  }
}

export function createDynamoAggregateStore(db: DynamoDBDocumentClient, tableName: string): AggregateStore {
  return {
    async listMonth(organizationId, month) {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': aggregateKeys.partition(organizationId, month) },
        ConsistentRead: true,
      });
      return items.map(toCell);
    },

    async putCells(cells) {
      // Batches keep the caller's order: the job writes the cells that become hidden first.
      await batchWrite(
        db,
        tableName,
        cells.map((cell) => ({
          PutRequest: { Item: { ...primaryKey(cell), ...cell, [TTL_ATTRIBUTE]: expiry(cell) } },
        })),
      );
    },

    async deleteCells(cells) {
      await batchWrite(
        db,
        tableName,
        cells.map((cell) => ({ DeleteRequest: { Key: primaryKey(cell) } })),
      );
    },

    async dailyCells(organizationId, row, from, to, options) {
      const prefix = options?.slices ? 'DD#' : 'D#';
      const cells: AggregateCell[] = [];
      for (const month of monthsBetween(monthOf(from), monthOf(to))) {
        const dates = datesOfMonth(month);
        const first = from > (dates[0] as string) ? from : (dates[0] as string);
        const last = to < (dates[dates.length - 1] as string) ? to : (dates[dates.length - 1] as string);
        const pk = aggregateKeys.partition(organizationId, month);
        const items =
          row === undefined
            ? await queryAll(db, {
                TableName: tableName,
                KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
                ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
              })
            : await queryAll(db, {
                TableName: tableName,
                KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
                ExpressionAttributeValues: {
                  ':pk': pk,
                  ':first': `${prefix}${row}#${first}`,
                  // A slice's key goes on after the date ('#…'); '~' sorts after every key character.
                  ':last': `${prefix}${row}#${last}${options?.slices ? '#~' : ''}`,
                },
              });
        for (const item of items) {
          const cell = toCell(item);
          if (cell.period >= first && cell.period <= last) cells.push(cell);
        }
      }
      return cells;
    },

    async unknownOrganizationDays(from, to) {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': aggregateKeys.unknownOrganizations, ':from': from, ':to': to },
      });
      return items.map(
        (item): UnknownOrganizationDay => ({
          date: String(item.date),
          unknownOrganizations: (item.unknownOrganizations ?? {}) as Record<string, number>,
          unlistedVisits: Number(item.unlistedVisits ?? 0),
          updatedAt: String(item.updatedAt),
        }),
      );
    },

    async putUnknownOrganizationDays(days) {
      await batchWrite(
        db,
        tableName,
        days.map((day) => ({
          PutRequest: {
            Item: {
              pk: aggregateKeys.unknownOrganizations,
              sk: day.date,
              ...day,
              [TTL_ATTRIBUTE]: expiry({ period: day.date }),
            },
          },
        })),
      );
    },

    async deleteUnknownOrganizationDays(dates) {
      await batchWrite(
        db,
        tableName,
        dates.map((date) => ({
          DeleteRequest: { Key: { pk: aggregateKeys.unknownOrganizations, sk: date } },
        })),
      );
    },

    async monthlyCells(organizationId, row, from, to, options) {
      const months = monthsBetween(from, to);
      const perMonth = await Promise.all(
        months.map(async (month) => {
          const pk = aggregateKeys.partition(organizationId, month);
          if (options?.slices) {
            const items = await queryAll(db, {
              TableName: tableName,
              KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
              ExpressionAttributeValues: { ':pk': pk, ':prefix': row === undefined ? 'DM#' : `DM#${row}#` },
            });
            return items.map(toCell);
          }
          if (row !== undefined) {
            const result = await db.send(
              new GetCommand({ TableName: tableName, Key: { pk, sk: aggregateKeys.month(row) } }),
            );
            return result.Item ? [toCell(result.Item)] : [];
          }
          const items = await queryAll(db, {
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': pk, ':prefix': 'M#' },
          });
          return items.map(toCell);
        }),
      );
      return perMonth.flat();
    },
  };
}

/**
 * The nightly job's reads. Decisions and dispatches come from the `byUnitDate` index only (its
 * projection has nothing personal), answers from their partition; both page by page.
 */
export function createDynamoAggregateSources(
  db: DynamoDBDocumentClient,
  tables: { visits: string; surveys: string },
  /** Items per page (DynamoDB's own 1 MB pages when left out); tests use small pages. */
  options: { pageSize?: number } = {},
): AggregateSources {
  const Limit = options.pageSize;
  /** The decisions and dispatches of one `byUnitDate` partition, page by page. */
  async function* funnelPages(partition: string): AsyncIterable<FunnelItem[]> {
    for await (const page of pages(db, {
      TableName: tables.visits,
      IndexName: GSI_BY_UNIT_DATE,
      Limit,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      ProjectionExpression: '#sk, #org, #outcome, #state',
      ExpressionAttributeNames: {
        '#sk': 'sk',
        '#org': 'organizationId',
        '#outcome': 'outcome',
        '#state': 'state',
      },
    })) {
      const items: FunnelItem[] = [];
      for (const item of page) {
        if (item.sk !== 'DECISION' && item.sk !== 'DISPATCH') continue;
        items.push({
          kind: item.sk,
          organizationId: String(item.organizationId ?? ''),
          outcome: typeof item.outcome === 'string' ? item.outcome : undefined,
          state: typeof item.state === 'string' ? item.state : undefined,
        });
      }
      yield items;
    }
  }
  return {
    funnelItems: (unitId, visitDate) => funnelPages(keys.unitDate(unitId, visitDate)),
    unknownUnitItems: (organizationId, visitDate) =>
      funnelPages(keys.unknownUnitDate(organizationId, visitDate)),
    unknownOrganizationItems: (visitDate) => funnelPages(keys.unknownOrganizationDate(visitDate)),

    async *answerFigures(unitId, visitDate) {
      for await (const page of pages(db, {
        TableName: tables.surveys,
        Limit,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.answers(unitId, visitDate) },
        // Never the comment: the job has no use for free text.
        ProjectionExpression: '#org, #answers, #channel, #respondent',
        ExpressionAttributeNames: {
          '#org': 'organizationId',
          '#answers': 'answers',
          '#channel': 'channel',
          '#respondent': 'respondent',
        },
      })) {
        yield page.map(
          (item): AnswerFigures => ({
            organizationId: String(item.organizationId ?? ''),
            answers: (item.answers ?? {}) as Record<string, AnswerValue>,
            ...(channelSchema.safeParse(item.channel).success ? { channel: item.channel as Channel } : {}),
            ...(respondentSchema.safeParse(item.respondent).success
              ? { respondent: item.respondent as Respondent }
              : {}),
          }),
        );
      }
    },
  };
}

/** Comments of a unit and visit date, for the reporting API (which checks suppression first). */
export function createDynamoCommentSource(db: DynamoDBDocumentClient, surveysTable: string): CommentSource {
  return {
    async commentsOf(unitId, visitDate) {
      const items = await queryAll(db, {
        TableName: surveysTable,
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: 'attribute_exists(#comment)',
        ExpressionAttributeValues: { ':pk': keys.answers(unitId, visitDate) },
        ProjectionExpression:
          '#id, #org, #unit, #visitDate, #answeredDate, #language, #answers.#nps, #comment',
        ExpressionAttributeNames: {
          '#id': 'answerId',
          '#org': 'organizationId',
          '#unit': 'unitId',
          '#visitDate': 'visitDate',
          '#answeredDate': 'answeredDate',
          '#language': 'language',
          '#answers': 'answers',
          '#nps': 'nps',
          '#comment': 'comment',
        },
      });
      return items
        .filter((item) => typeof item.comment === 'string' && item.comment !== '')
        .map(
          (item): CommentItem => ({
            answerId: String(item.answerId),
            organizationId: String(item.organizationId),
            unitId: String(item.unitId),
            visitDate: String(item.visitDate),
            answeredDate: String(item.answeredDate ?? item.visitDate),
            language: String(item.language),
            nps:
              typeof (item.answers as { nps?: unknown } | undefined)?.nps === 'number'
                ? (item.answers as { nps: number }).nps
                : null,
            comment: String(item.comment),
          }),
        );
    },
  };
}
