import * as z from 'zod';

/** Parses the environment once at start; a missing or malformed variable stops the function loudly. */
export function loadEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return result.data;
}

const name = z.string().min(1);
const arn = z.string().startsWith('arn:');

export const ingestEnvSchema = z.object({
  CONFIG_TABLE: name,
  VISITS_TABLE: name,
  HMAC_SECRET_ARN: arn,
  SEND_QUEUE_ARN: arn,
  SCHEDULER_ROLE_ARN: arn,
  SCHEDULE_GROUP_NAME: name,
  INGEST_DLQ_URL: z.url(),
});

export const sendEnvSchema = z.object({
  CONFIG_TABLE: name,
  VISITS_TABLE: name,
  SURVEYS_TABLE: name,
  PUBLIC_BASE_URL: z.url(),
  SEND_QUEUE_ARN: arn,
  SCHEDULER_ROLE_ARN: arn,
  SCHEDULE_GROUP_NAME: name,
  SMS_TYPE: z.enum(['Transactional', 'Promotional']).default('Transactional'),
  /** Longer than the send function's timeout: only then may a redelivery conclude an attempt died. */
  SENDING_LEASE_SECONDS: z.coerce.number().int().min(30).default(300),
  /** The account's SNS SMS rate (`smsPerSecond`): each invocation is paced by it (see sendRate.ts). */
  SMS_PER_SECOND: z.coerce.number().positive().max(1000).default(20),
});

/** The survey pages' function (`functions/pages`): the public side of the HTTP app. */
export const pagesEnvSchema = z.object({
  CONFIG_TABLE: name,
  SURVEYS_TABLE: name,
  PUBLIC_BASE_URL: z.url(),
  /** Where the accessibility statement sends feedback; a generic contact text when unset. */
  ACCESSIBILITY_FEEDBACK_EMAIL: z.email().optional(),
});

/** The API and console's function (`functions/http`): the people's side of the HTTP app. */
export const httpEnvSchema = z.object({
  CONFIG_TABLE: name,
  SURVEYS_TABLE: name,
  AGGREGATES_TABLE: name,
  PUBLIC_BASE_URL: z.url(),
  /** Cognito app client id → organization id it is limited to, or "*" for all. */
  API_CLIENTS: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string(), z.string())),
});

export const aggregateEnvSchema = z.object({
  CONFIG_TABLE: name,
  VISITS_TABLE: name,
  SURVEYS_TABLE: name,
  AGGREGATES_TABLE: name,
  EVENT_BUS_NAME: name,
});
