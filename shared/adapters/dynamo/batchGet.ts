import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type ItemKey = Record<string, unknown>;

/** Keys that DynamoDB leaves unprocessed (throttling, size) are asked again this often before giving up. */
const MAX_ATTEMPTS = 8;
const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 10 * 2 ** attempt)));

/**
 * Reads items of one or more tables in one BatchGetItem, strongly consistent in every table (as the
 * GetItems it stands for). BatchGetItem may answer with some keys unprocessed rather than fail: those
 * are asked again after a short random pause, and a read that still has some left after
 * {@link MAX_ATTEMPTS} throws, like any storage error, so that the message is retried. The items come
 * back in no particular order; a key without an item has none in the answer.
 */
export async function batchGetConsistent(
  db: DynamoDBDocumentClient,
  wanted: readonly { tableName: string; key: ItemKey }[],
): Promise<Record<string, unknown>[]> {
  let keysByTable = new Map<string, ItemKey[]>();
  for (const { tableName, key } of wanted)
    keysByTable.set(tableName, [...(keysByTable.get(tableName) ?? []), key]);
  const items: Record<string, unknown>[] = [];
  for (let attempt = 1; ; attempt++) {
    const result = await db.send(
      new BatchGetCommand({
        RequestItems: Object.fromEntries(
          [...keysByTable].map(([tableName, Keys]) => [tableName, { Keys, ConsistentRead: true }]),
        ),
      }),
    );
    for (const found of Object.values(result.Responses ?? {})) items.push(...found);
    keysByTable = new Map(
      Object.entries(result.UnprocessedKeys ?? {})
        .map(([tableName, request]): [string, ItemKey[]] => [tableName, request.Keys ?? []])
        .filter(([, keys]) => keys.length > 0),
    );
    if (keysByTable.size === 0) return items;
    if (attempt >= MAX_ATTEMPTS) throw new Error('BatchGetItem kept keys unprocessed; retry later');
    await pause(attempt);
  }
}
