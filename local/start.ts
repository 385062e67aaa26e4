import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { serve } from '@hono/node-server';
import { z } from 'zod';
import { createDocumentClient } from '../shared/adapters/dynamo/client';
import { LOCAL_TABLE_NAMES } from '../shared/adapters/dynamo/tables';
import { powertoolsLog } from '../shared/adapters/log';
import { ensureTables, startDynamoLocal } from './dynamo';
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
  /** How often due schedules are fired while the clock runs in real time. */
  SCHEDULER_TICK_SECONDS: z.coerce.number().min(1).default(5),
});

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  console.error(
    `Invalid environment:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
  );
  process.exit(1);
}
const env = parsed.data;
const log = powertoolsLog(new Logger({ serviceName: 'palaute-local', logLevel: 'INFO' }));

const database = env.DYNAMODB_ENDPOINT
  ? { endpoint: env.DYNAMODB_ENDPOINT, db: createDocumentClient(env.DYNAMODB_ENDPOINT), stop: () => {} }
  : await startDynamoLocal({ port: env.DYNAMODB_LOCAL_PORT, path: join(env.PALAUTE_DATA_DIR, 'dynamodb') });
await ensureTables(database.db, LOCAL_TABLE_NAMES);

const publicBaseUrl = env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`;
const system = createLocalSystem({
  db: database.db,
  tables: LOCAL_TABLE_NAMES,
  publicBaseUrl,
  hmacKey: env.PALAUTE_HMAC_KEY,
  adminToken: env.PALAUTE_ADMIN_TOKEN,
  reportsToken: env.PALAUTE_REPORTS_TOKEN,
  log,
  accessibilityFeedbackEmail: env.ACCESSIBILITY_FEEDBACK_EMAIL,
  scheduleFile: join(env.PALAUTE_DATA_DIR, 'schedules.json'),
});

const tick = setInterval(
  () => void system.scheduler.runDue(system.clock.now()),
  env.SCHEDULER_TICK_SECONDS * 1000,
);
const server = serve({ fetch: system.app.fetch, port: env.PORT }, () => {
  console.log(`Palaute is running on ${publicBaseUrl} (DynamoDB at ${database.endpoint})`);
  // Tokens are secrets: say only whether the well-known local defaults are in use.
  const defaults = envSchema.parse({});
  const usesDefaults =
    env.PALAUTE_ADMIN_TOKEN === defaults.PALAUTE_ADMIN_TOKEN ||
    env.PALAUTE_REPORTS_TOKEN === defaults.PALAUTE_REPORTS_TOKEN;
  if (usesDefaults)
    console.log('  using the default local tokens (see README); set PALAUTE_*_TOKEN to change them');
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    clearInterval(tick);
    server.close();
    database.stop();
    process.exit(0);
  });
}
