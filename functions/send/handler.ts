import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger, metrics, powertoolsMetrics, systemClock } from '../../shared/adapters/aws/runtime';
import { sendSchedulerFromEnv } from '../../shared/adapters/aws/scheduler';
import { createSnsSmsGateway } from '../../shared/adapters/aws/sns';
import { createDocumentClient } from '../../shared/adapters/dynamo/client';
import { createDynamoConfigStore, withCachedConfigReads } from '../../shared/adapters/dynamo/configStore';
import { createDynamoSurveyStore } from '../../shared/adapters/dynamo/surveyStore';
import { createDynamoVisitStore } from '../../shared/adapters/dynamo/visitStore';
import { powertoolsLog } from '../../shared/adapters/log';
import { loadEnv, sendEnvSchema } from '../../shared/config/env';
import { sendPacing } from '../../shared/domain/sendRate';
import { sendPayloadSchema } from '../../shared/schemas/records';
import { type SendDeps, sendScheduledSurvey } from '../../shared/services/send';

const env = loadEnv(sendEnvSchema);
const db = createDocumentClient();
const log = powertoolsLog(logger);
const deps: SendDeps = {
  clock: systemClock,
  // Organizations and units are read once a minute per container, not once per SMS.
  config: withCachedConfigReads(createDynamoConfigStore(db, env.CONFIG_TABLE), Date.now),
  visits: createDynamoVisitStore(db, env.VISITS_TABLE, env.CONFIG_TABLE),
  surveys: createDynamoSurveyStore(db, env.SURVEYS_TABLE),
  // No SDK retries: a retry after a timeout could deliver the same SMS twice.
  sms: createSnsSmsGateway(new SNSClient({ maxAttempts: 1 }), env.SMS_TYPE),
  scheduler: sendSchedulerFromEnv(env, systemClock),
  publicBaseUrl: env.PUBLIC_BASE_URL,
  log,
  metrics,
  sendingLeaseMs: env.SENDING_LEASE_SECONDS * 1000,
};
const processor = new BatchProcessor(EventType.SQS);
const { minMillisPerSend } = sendPacing(env.SMS_PER_SECOND);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sendRecord(record: SQSRecord) {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    body = undefined;
  }
  const payload = sendPayloadSchema.safeParse(body);
  // Our own schedules put these messages here; a malformed one cannot become valid by retrying.
  if (!payload.success) {
    log.error('send message is not a send payload; dropped', { messageId: record.messageId });
    return 'DROPPED';
  }
  return sendScheduledSurvey(deps, payload.data);
}

/** One SQS message per due survey (from its EventBridge Scheduler schedule). */
export const handler = async (event: SQSEvent, context: Context) => {
  const started = Date.now();
  try {
    return await processPartialResponse(event, sendRecord, processor, {
      context,
      throwOnFullBatchFailure: false,
    });
  } finally {
    powertoolsMetrics.publishStoredMetrics();
    // Paced: with the event source's maximum concurrency, this keeps sending under SMS_PER_SECOND.
    await pause(started + minMillisPerSend * event.Records.length - Date.now());
  }
};
