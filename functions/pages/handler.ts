import { handle } from 'hono/aws-lambda';
import { logger, systemClock } from '../../shared/adapters/aws/runtime';
import { createDocumentClient } from '../../shared/adapters/dynamo/client';
import { createDynamoConfigStore, withCachedConfigReads } from '../../shared/adapters/dynamo/configStore';
import { createDynamoOpenLinkStore } from '../../shared/adapters/dynamo/openLinkStore';
import { createDynamoSurveyStore } from '../../shared/adapters/dynamo/surveyStore';
import { powertoolsLog } from '../../shared/adapters/log';
import { loadEnv, pagesEnvSchema } from '../../shared/config/env';
import { createPublicApp } from '../../shared/http/publicApp';

const env = loadEnv(pagesEnvSchema);
const db = createDocumentClient();
const config = createDynamoConfigStore(db, env.CONFIG_TABLE);

/**
 * The pages clients' phones and kiosks open (`/s/`, `/f/`, `/k/`, the stylesheet, the accessibility
 * statement): its own function, without the API and the console, so that its cold start is short.
 */
export const handler = handle(
  createPublicApp({
    clock: systemClock,
    config,
    // A changed organization (name, privacy notice) shows on the survey pages within a minute.
    publicPagesConfig: withCachedConfigReads(config, Date.now),
    surveys: createDynamoSurveyStore(db, env.SURVEYS_TABLE),
    log: powertoolsLog(logger),
    publicBaseUrl: env.PUBLIC_BASE_URL,
    accessibilityFeedbackEmail: env.ACCESSIBILITY_FEEDBACK_EMAIL,
    openLinks: {
      store: createDynamoOpenLinkStore(db, { config: env.CONFIG_TABLE, surveys: env.SURVEYS_TABLE }),
    },
  }),
);
