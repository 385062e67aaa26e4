import { DeleteCommand, type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { epochSeconds, TTL_ATTRIBUTE } from '../dynamo/tables';

/**
 * The local stand-in for DynamoDB's TTL: deletes the items whose `ttl` (epoch seconds) is before the
 * virtual clock's `now`. DynamoDB Local's own TTL sweeper follows the machine's clock, so with the
 * virtual clock in the past it would delete records the system still considers live (local tables
 * therefore have TTL switched off, see `local/dynamo.ts`).
 */
export class TtlSweeper {
  private running: Promise<number> = Promise.resolve(0);

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableNames: readonly string[],
  ) {}

  /** Deletes every item expired at `now`; returns how many. Sweeps never overlap. */
  sweep(now: Date): Promise<number> {
    const next = this.running.then(() => this.sweepAll(epochSeconds(now)));
    this.running = next.catch(() => 0);
    return next;
  }

  private async sweepAll(nowSeconds: number): Promise<number> {
    let deleted = 0;
    for (const TableName of this.tableNames) {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await this.db.send(
          new ScanCommand({
            TableName,
            FilterExpression: '#ttl < :now',
            ProjectionExpression: 'pk, sk',
            ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
            ExpressionAttributeValues: { ':now': nowSeconds },
            ExclusiveStartKey,
          }),
        );
        for (const key of page.Items ?? []) {
          try {
            // Conditional: an item written again since the scan (with a new ttl) stays.
            await this.db.send(
              new DeleteCommand({
                TableName,
                Key: { pk: key.pk, sk: key.sk },
                ConditionExpression: '#ttl < :now',
                ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
                ExpressionAttributeValues: { ':now': nowSeconds },
              }),
            );
            deleted += 1;
          } catch (error) {
            if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
          }
        }
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    }
    return deleted;
  }
}
