import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { handle } from 'hono/aws-lambda';
import { logger, systemClock } from '../../shared/adapters/aws/runtime';
import { loadSecretOnce } from '../../shared/adapters/aws/secrets';
import {
  createDynamoAggregateStore,
  createDynamoCommentSource,
} from '../../shared/adapters/dynamo/aggregateStore';
import { createDocumentClient } from '../../shared/adapters/dynamo/client';
import { createDynamoConfigStore } from '../../shared/adapters/dynamo/configStore';
import { createDynamoOpenLinkStore } from '../../shared/adapters/dynamo/openLinkStore';
import { createDynamoSurveyStore } from '../../shared/adapters/dynamo/surveyStore';
import { powertoolsLog } from '../../shared/adapters/log';
import { consoleEnvSchema, oidcSettingsOf } from '../../shared/config/console';
import { httpEnvSchema, loadEnv } from '../../shared/config/env';
import { cognitoClaimsAuthenticator } from '../../shared/http/auth';
import type { ConsoleOptions } from '../../shared/http/console';
import { createPeopleApp } from '../../shared/http/peopleApp';
import { createOidcClient } from '../../shared/identity/oidc';

const env = loadEnv(httpEnvSchema);
const consoleEnv = loadEnv(consoleEnvSchema);
const db = createDocumentClient();
const secrets = new SecretsManagerClient({});
const sessionSecret = consoleEnv.SESSION_SECRET_ARN
  ? loadSecretOnce(secrets, consoleEnv.SESSION_SECRET_ARN)
  : undefined;
const clientSecret = consoleEnv.OIDC_CLIENT_SECRET_ID
  ? loadSecretOnce(secrets, consoleEnv.OIDC_CLIENT_SECRET_ID)
  : undefined;

/** The console in the cloud: people sign in at the OpenID Connect provider only. */
async function consoleOptions(): Promise<ConsoleOptions | undefined> {
  if (!consoleEnv.OIDC_ISSUER || !sessionSecret) return undefined;
  return {
    sessionSecret: await sessionSecret(),
    oidc: createOidcClient({
      settings: oidcSettingsOf(consoleEnv, clientSecret ? await clientSecret() : undefined),
      fetch: (url, init) => fetch(url, init),
      clock: systemClock,
    }),
  };
}

async function buildHandler() {
  return handle(
    createPeopleApp({
      clock: systemClock,
      config: createDynamoConfigStore(db, env.CONFIG_TABLE),
      surveys: createDynamoSurveyStore(db, env.SURVEYS_TABLE),
      aggregates: createDynamoAggregateStore(db, env.AGGREGATES_TABLE),
      comments: createDynamoCommentSource(db, env.SURVEYS_TABLE),
      log: powertoolsLog(logger),
      authenticate: cognitoClaimsAuthenticator(env.API_CLIENTS),
      publicBaseUrl: env.PUBLIC_BASE_URL,
      openLinks: {
        store: createDynamoOpenLinkStore(db, { config: env.CONFIG_TABLE, surveys: env.SURVEYS_TABLE }),
      },
      console: await consoleOptions(),
    }),
  );
}

// Built once per container, after the secrets are read; a failed read is retried by the next request.
let built: ReturnType<typeof buildHandler> | undefined;
export const handler: Awaited<ReturnType<typeof buildHandler>> = async (event, context) => {
  built ??= buildHandler();
  built.catch(() => {
    built = undefined;
  });
  return (await built)(event, context);
};
