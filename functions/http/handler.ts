import { handle } from 'hono/aws-lambda';
import { logger, systemClock } from '../../shared/adapters/aws/runtime';
import {
  createDynamoAggregateStore,
  createDynamoCommentSource,
} from '../../shared/adapters/dynamo/aggregateStore';
import { createDocumentClient } from '../../shared/adapters/dynamo/client';
import { createDynamoConfigStore } from '../../shared/adapters/dynamo/configStore';
import { createDynamoOpenLinkStore } from '../../shared/adapters/dynamo/openLinkStore';
import { createDynamoSurveyStore } from '../../shared/adapters/dynamo/surveyStore';
import { powertoolsLog } from '../../shared/adapters/log';
import { httpEnvSchema, loadEnv } from '../../shared/config/env';
import { createApp } from '../../shared/http/app';
import { cognitoClaimsAuthenticator } from '../../shared/http/auth';

const env = loadEnv(httpEnvSchema);
/** A changed organization (name, privacy notice) shows on the survey pages within a minute. */
const ORGANIZATION_CACHE_MS = 60_000;
const db = createDocumentClient();

export const handler = handle(
  createApp({
    clock: systemClock,
    config: createDynamoConfigStore(db, env.CONFIG_TABLE),
    surveys: createDynamoSurveyStore(db, env.SURVEYS_TABLE),
    aggregates: createDynamoAggregateStore(db, env.AGGREGATES_TABLE),
    comments: createDynamoCommentSource(db, env.SURVEYS_TABLE),
    log: powertoolsLog(logger),
    authenticate: cognitoClaimsAuthenticator(env.API_CLIENTS),
    publicBaseUrl: env.PUBLIC_BASE_URL,
    accessibilityFeedbackEmail: env.ACCESSIBILITY_FEEDBACK_EMAIL,
    organizationCacheMs: ORGANIZATION_CACHE_MS,
    openLinks: {
      store: createDynamoOpenLinkStore(db, { config: env.CONFIG_TABLE, surveys: env.SURVEYS_TABLE }),
    },
  }),
);
