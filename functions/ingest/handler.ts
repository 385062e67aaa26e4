import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSEvent } from 'aws-lambda';
import { logger, metrics, powertoolsMetrics, systemClock } from '../../shared/adapters/aws/runtime';
import { sendSchedulerFromEnv } from '../../shared/adapters/aws/scheduler';
import { loadSecretOnce } from '../../shared/adapters/aws/secrets';
import { createSqsDeadLetterSink } from '../../shared/adapters/aws/sqsDeadLetters';
import { createDocumentClient } from '../../shared/adapters/dynamo/client';
import { createDynamoConfigStore, withCachedConfigReads } from '../../shared/adapters/dynamo/configStore';
import { createDynamoVisitStore } from '../../shared/adapters/dynamo/visitStore';
import { powertoolsLog } from '../../shared/adapters/log';
import { ingestEnvSchema, loadEnv } from '../../shared/config/env';
import { createKeyedHasher } from '../../shared/domain/keys';
import { type IngestDeps, ingestVisitEvent } from '../../shared/services/ingest';
import { ingestSqsBatch } from './batch';

const env = loadEnv(ingestEnvSchema);
const db = createDocumentClient();
const hmacKey = loadSecretOnce(new SecretsManagerClient({}), env.HMAC_SECRET_ARN);
const baseDeps: Omit<IngestDeps, 'hasher'> = {
  clock: systemClock,
  // Organizations and units are read once a minute per container, not once per event.
  config: withCachedConfigReads(createDynamoConfigStore(db, env.CONFIG_TABLE), Date.now),
  visits: createDynamoVisitStore(db, env.VISITS_TABLE, env.CONFIG_TABLE),
  scheduler: sendSchedulerFromEnv(env, systemClock),
  deadLetters: createSqsDeadLetterSink(new SQSClient({}), env.INGEST_DLQ_URL),
  log: powertoolsLog(logger),
  metrics,
};

/** SQS batch of EventBridge visit events: invalid ones are dead-lettered, storage failures retried alone. */
export const handler = async (event: SQSEvent, context: Context) => {
  const deps = { ...baseDeps, hasher: createKeyedHasher(await hmacKey()) };
  try {
    return await ingestSqsBatch(event, context, (body) => ingestVisitEvent(deps, body));
  } finally {
    powertoolsMetrics.publishStoredMetrics();
  }
};
