import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { createEventBridgePublisher } from '../../shared/adapters/aws/eventBridge';
import { logger, systemClock } from '../../shared/adapters/aws/runtime';
import {
  createDynamoAggregateSources,
  createDynamoAggregateStore,
} from '../../shared/adapters/dynamo/aggregateStore';
import { createDocumentClient } from '../../shared/adapters/dynamo/client';
import { createDynamoConfigStore } from '../../shared/adapters/dynamo/configStore';
import { createDynamoTouchedRecord } from '../../shared/adapters/dynamo/touchedRecord';
import { powertoolsLog } from '../../shared/adapters/log';
import { aggregateEnvSchema, loadEnv } from '../../shared/config/env';
import {
  type AggregateRunSummary,
  parseAggregateInvocation,
  runNightlyAggregation,
} from '../../shared/services/aggregate';
import type { AggregateJobDeps } from '../../shared/services/aggregateOrganization';

const env = loadEnv(aggregateEnvSchema);
const db = createDocumentClient();
const deps: AggregateJobDeps = {
  config: createDynamoConfigStore(db, env.CONFIG_TABLE),
  // The visits table is read through its `byUnitDate` index only (the function may not query the table).
  sources: createDynamoAggregateSources(db, { visits: env.VISITS_TABLE, surveys: env.SURVEYS_TABLE }),
  aggregates: createDynamoAggregateStore(db, env.AGGREGATES_TABLE),
  events: createEventBridgePublisher(new EventBridgeClient({}), env.EVENT_BUS_NAME),
  log: powertoolsLog(logger),
  clock: systemClock,
  touched: createDynamoTouchedRecord(db, { visits: env.VISITS_TABLE, surveys: env.SURVEYS_TABLE }),
};

/** Thrown when an organization failed, so that Lambda's async retries (then the DLQ) rerun the night. */
export class AggregationFailedError extends Error {
  override readonly name = 'AggregationFailedError';
}

/**
 * Invoked by the EventBridge Scheduler cron at 02:00 Europe/Helsinki (payload ignored or
 * `{"scheduledTime": "<aws.scheduler.scheduled-time>"}`), or by hand with `{"date": "YYYY-MM-DD"}`
 * to rerun a night. Every run is idempotent.
 */
export const handler = async (event: unknown): Promise<AggregateRunSummary> => {
  const input = parseAggregateInvocation(event, systemClock.now());
  const summary = await runNightlyAggregation(deps, input);
  if (summary.failures.length > 0) {
    throw new AggregationFailedError(
      `aggregation failed for ${summary.failures.length} organization(s): ${summary.failures
        .map((f) => f.organizationId)
        .join(', ')}`,
    );
  }
  return summary;
};
