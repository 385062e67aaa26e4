import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Logger } from '@aws-lambda-powertools/logger';
import { DeleteTableCommand, waitUntilTableNotExists } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { serve } from '@hono/node-server';
import { z } from 'zod';
import { createDocumentClient } from '../shared/adapters/dynamo/client';
import { LOCAL_TABLE_NAMES } from '../shared/adapters/dynamo/tables';
import { powertoolsLog } from '../shared/adapters/log';
import { LocalUsersFileError } from '../shared/identity/localUsers';
import { type DynamoLocal, DynamoLocalStartError, ensureTables, startDynamoLocal } from './dynamo';
import { createLocalSystem } from './system';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DYNAMODB_ENDPOINT: z.url().optional(),
  DYNAMODB_LOCAL_PORT: z.coerce.number().int().min(1).max(65535).default(8000),
  PALAUTE_ADMIN_TOKEN: z.string().min(8).default('local-admin-token'),
  PALAUTE_REPORTS_TOKEN: z.string().min(8).default('local-reports-token'),
  PALAUTE_HMAC_KEY: z.string().min(16).default('local-development-hmac-key-not-a-secret'),
  PUBLIC_BASE_URL: z.url().optional(),
  PALAUTE_DATA_DIR: z.string().default('.data'),
  ACCESSIBILITY_FEEDBACK_EMAIL: z.email().optional(),
  PALAUTE_USERS_FILE: z.string().min(1).optional(),
  PALAUTE_SESSION_SECRET: z.string().min(32).optional(),
  /** How often due schedules are fired while the clock runs in real time. */
  SCHEDULER_TICK_SECONDS: z.coerce.number().min(1).default(5),
});

/** What local mode itself keeps in the data directory; `--fresh` deletes nothing else. */
const DATA_ENTRIES = new Set(['dynamodb', 'schedules.json', 'clock.json']);

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  fail(
    `Invalid environment:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
  );
}
const env = parsed.data;
let args: { fresh?: boolean };
try {
  args = parseArgs({ options: { fresh: { type: 'boolean' } } }).values;
} catch (error) {
  fail(`${(error as Error).message}\nUsage: npm start [-- --fresh]   (--fresh: start from empty data)`);
}
const log = powertoolsLog(new Logger({ serviceName: 'palaute-local', logLevel: 'INFO' }));

// Absolute from the start: DynamoDB Local runs in another directory, where a relative path means another place.
const dataDir = resolve(env.PALAUTE_DATA_DIR);
if (args.fresh) clearDataDir(dataDir);

let database: Pick<DynamoLocal, 'endpoint' | 'db' | 'stop'>;
try {
  database = env.DYNAMODB_ENDPOINT
    ? {
        endpoint: env.DYNAMODB_ENDPOINT,
        db: createDocumentClient(env.DYNAMODB_ENDPOINT),
        stop: async () => {},
      }
    : await startDynamoLocal({ port: env.DYNAMODB_LOCAL_PORT, path: join(dataDir, 'dynamodb') });
} catch (error) {
  if (error instanceof DynamoLocalStartError) fail(`Could not start DynamoDB Local.\n${error.message}`);
  throw error;
}
try {
  if (args.fresh && env.DYNAMODB_ENDPOINT) await dropTables(database.db);
  await ensureTables(database.db, LOCAL_TABLE_NAMES);
} catch (error) {
  await database.stop();
  fail(`Could not create the tables in DynamoDB at ${database.endpoint}: ${(error as Error).message}`);
}

const publicBaseUrl = env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`;
let system: ReturnType<typeof createLocalSystem>;
try {
  system = createLocalSystem({
    db: database.db,
    tables: LOCAL_TABLE_NAMES,
    publicBaseUrl,
    hmacKey: env.PALAUTE_HMAC_KEY,
    adminToken: env.PALAUTE_ADMIN_TOKEN,
    reportsToken: env.PALAUTE_REPORTS_TOKEN,
    log,
    accessibilityFeedbackEmail: env.ACCESSIBILITY_FEEDBACK_EMAIL,
    scheduleFile: join(dataDir, 'schedules.json'),
    clockFile: join(dataDir, 'clock.json'),
    usersFile: env.PALAUTE_USERS_FILE,
    sessionSecret: env.PALAUTE_SESSION_SECRET,
  });
} catch (error) {
  await database.stop();
  if (error instanceof LocalUsersFileError) fail(error.message);
  throw error;
}

const tick = setInterval(() => {
  system.tick().catch((error: Error) => log.warn('scheduler tick failed', { error: error.name }));
}, env.SCHEDULER_TICK_SECONDS * 1000);

const server = serve({ fetch: system.app.fetch, port: env.PORT }, () => {
  console.log(`Palaute is running: open ${publicBaseUrl}/ to begin (DynamoDB at ${database.endpoint})`);
  console.log(`  data in ${dataDir}${env.DYNAMODB_ENDPOINT ? ' (tables in DYNAMODB_ENDPOINT)' : ''}`);
  // Tokens are secrets: say only whether the well-known local defaults are in use.
  const defaults = envSchema.parse({});
  const usesDefaults =
    env.PALAUTE_ADMIN_TOKEN === defaults.PALAUTE_ADMIN_TOKEN ||
    env.PALAUTE_REPORTS_TOKEN === defaults.PALAUTE_REPORTS_TOKEN;
  if (usesDefaults)
    console.log(
      '  using the default local tokens (see docs/local-mode.md); set PALAUTE_*_TOKEN to change them',
    );
});
server.once('error', async (error: NodeJS.ErrnoException) => {
  clearInterval(tick);
  await database.stop();
  fail(
    error.code === 'EADDRINUSE'
      ? `Port ${env.PORT} is already in use. Stop what uses it, or choose another port with PORT.`
      : `The HTTP server could not start: ${error.message}`,
  );
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    clearInterval(tick);
    server.close();
    await database.stop();
    process.exit(0);
  });
}

/** Empties the data directory, refusing one that holds anything local mode did not put there. */
function clearDataDir(dir: string): void {
  if (!existsSync(dir)) return;
  const foreign = readdirSync(dir).filter((name) => !DATA_ENTRIES.has(name));
  if (foreign.length > 0) {
    fail(
      `--fresh would delete ${dir}, but it holds files local mode did not make (${foreign.join(', ')}). ` +
        'Check PALAUTE_DATA_DIR, or remove the directory yourself.',
    );
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(`Starting from empty data: deleted ${dir}`);
}

/** `--fresh` against another DynamoDB (DYNAMODB_ENDPOINT): its local-mode tables go too. */
async function dropTables(db: DynamoDBDocumentClient): Promise<void> {
  for (const TableName of Object.values(LOCAL_TABLE_NAMES)) {
    try {
      await db.send(new DeleteTableCommand({ TableName }));
    } catch (error) {
      if ((error as Error).name === 'ResourceNotFoundException') continue;
      throw error;
    }
    await waitUntilTableNotExists({ client: db, maxWaitTime: 60 }, { TableName });
  }
}
