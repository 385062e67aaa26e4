import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** One document client per process; `endpoint` points at DynamoDB Local in local mode and tests. */
export function createDocumentClient(endpoint?: string): DynamoDBDocumentClient {
  const config: DynamoDBClientConfig = endpoint
    ? { endpoint, region: 'eu-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
    : {};
  const client = new DynamoDBClient(config);
  // The SDK's logger middleware builds a redacted copy of every request and response for its logger
  // even when that logger discards it (ours: none is given); a measurable share of a send's CPU.
  client.middlewareStack.remove('loggerMiddleware');
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
