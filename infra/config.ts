import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { sendPacing } from '../shared/domain/sendRate';
import { GROUP_PATTERNS, parseGroup } from '../shared/identity/oidcGroups';

/**
 * Deployment configuration of one Palaute environment. It comes from CDK context: `-c config=FILE`
 * (a JSON file, path relative to the working directory) or the context key `palaute` (an object in
 * cdk.json / cdk.context.json, or a JSON string given with `-c palaute=...`). docs/deploy.md
 * documents every field.
 */

export const API_SCOPES = ['admin', 'reports:read'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** CloudWatch Logs accepts only these retention periods. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

const accountIdSchema = z.string().regex(/^\d{12}$/, 'an AWS account id is 12 digits');
const hostnameSchema = z
  .string()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'a lower-case DNS name, e.g. palaute.example.fi',
  );

const apiClientSchema = z.strictObject({
  /** Name of the Cognito app client, e.g. `reporting-pohde`. */
  name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and -'),
  scopes: z.array(z.enum(API_SCOPES)).min(1),
  /** Limits the client to one organization; without it the client sees every organization. */
  organizationId: z.string().min(1).max(200).optional(),
});
export type ApiClientConfig = z.infer<typeof apiClientSchema>;

// --- People's console sign-in (issue 10): the Cognito user pool for people, or the county's own provider.
const domainPrefixSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lower-case letters, digits and -')
  .refine((prefix) => !/aws|amazon|cognito/.test(prefix), 'must not contain aws, amazon or cognito');
const oidcScopesSchema = z
  .array(z.string().regex(/^\S+$/))
  .min(1)
  .refine((scopes) => scopes.includes('openid'), 'include openid')
  .default(['openid', 'email', 'profile']);
const secretNameSchema = z.string().regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, 'a Secrets Manager secret name');

const consoleConfigSchema = z
  .strictObject({
    /** Prefix of the hosted sign-in UI `https://{prefix}.auth.{region}.amazoncognito.com`; globally unique. */
    signInDomainPrefix: domainPrefixSchema.optional(),
    /** Cognito users' second factor (TOTP); federated people use their own provider's. */
    mfa: z.enum(['required', 'optional']).default('required'),
    /** Cognito groups to create beside `platform-admin`, e.g. `org-admin:org-pohde` (docs/console.md). */
    groups: z
      .array(
        z.string().refine((group) => parseGroup(group) !== undefined, `one of ${GROUP_PATTERNS.join(', ')}`),
      )
      .default([]),
    /** A county's OpenID Connect provider federated into the user pool (shown on the hosted UI). */
    federation: z
      .strictObject({
        /** The button's name on the hosted UI, e.g. `Entra`. */
        name: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ and -, at most 32'),
        issuer: z.url({ protocol: /^https$/, error: 'an https:// URL' }),
        clientId: z.string().min(1),
        /** Secrets Manager secret (created by hand) holding the client secret at the county's provider. */
        clientSecretName: secretNameSchema,
        scopes: oidcScopesSchema,
        /** The provider's claim with the Palaute group names, mapped to the pool's `custom:groups`. */
        groupsClaim: z.string().min(1).default('roles'),
      })
      .optional(),
    /** The console signs in at this provider directly instead of the user pool. */
    issuer: z
      .strictObject({
        url: z.url({ protocol: /^https$/, error: 'an https:// URL' }),
        clientId: z.string().min(1),
        /** Secrets Manager secret (created by hand) with the client secret; none for a public client. */
        clientSecretName: secretNameSchema.optional(),
        scopes: oidcScopesSchema,
        /** Comma-separated claim names with the Palaute group names. */
        groupsClaim: z.string().min(1).default('groups'),
        logoutUrl: z.url().optional(),
      })
      .optional(),
  })
  .refine((c) => c.federation === undefined || c.issuer === undefined, {
    message: 'federation (through the user pool) and issuer (directly) exclude each other',
  });
export type ConsoleConfig = z.infer<typeof consoleConfigSchema>;

export const palauteConfigSchema = z
  .strictObject({
    /** Names the stack (`Palaute-{environmentName}`) and its resources. */
    environmentName: z
      .string()
      .regex(
        /^[a-z][a-z0-9-]{1,19}$/,
        'lower-case letters, digits and -, 2–20 characters, starting with a letter',
      ),
    /** Pins the stack to one account; without it the stack deploys to the account of the credentials. */
    account: accountIdSchema.optional(),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region, e.g. eu-north-1')
      .default('eu-north-1'),
    /** Custom domain of the survey pages and the API; needs `certificateArn`. */
    domainName: hostnameSchema.optional(),
    /** ACM certificate for `domainName`, in the stack's region (a regional API Gateway endpoint). */
    certificateArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/, 'an ACM certificate ARN')
      .optional(),
    /** Base of the survey links in SMS; default `https://{domainName}`, else the API Gateway stage URL. */
    publicBaseUrl: z
      .url({ protocol: /^https$/, error: 'an https:// URL' })
      .refine((url) => !url.endsWith('/'), 'no trailing slash')
      .optional(),
    /**
     * Removed: every SMS carries its organization's own `smsSenderId` (required on every organization),
     * so a stack-wide one would never be used. Named here so that an old file fails with this reason.
     */
    smsSenderId: z
      .never({
        error:
          "not a stack setting: every SMS carries its organization's own smsSenderId (set it with PUT /api/v1/organizations/{id}); remove this key",
      })
      .optional(),
    smsType: z.enum(['Transactional', 'Promotional']).default('Transactional'),
    /** The account's SNS SMS monthly spend limit (set with `aws sns set-sms-attributes`); the alarm fires at 80 %. */
    smsMonthlySpendLimitUsd: z.number().positive(),
    /**
     * SMS per second the account may send (its SNS SMS rate quota): the send function's concurrency
     * and the least time of each send are derived from it, so that sending never exceeds it.
     */
    smsPerSecond: z.number().positive().max(1000).default(20),
    alarmEmail: z.email(),
    /** Shown in the accessibility statement as the feedback address (a generic contact text if unset). */
    accessibilityFeedbackEmail: z.email().optional(),
    /** Machine clients of the admin and reporting API (OAuth 2.0 client credentials). */
    apiClients: z
      .array(apiClientSchema)
      .default([])
      .refine(
        (clients) => new Set(clients.map((c) => c.name)).size === clients.length,
        'client names must be unique',
      ),
    /** Accounts whose appointment systems may put events on the bus directly. */
    producerAccountIds: z.array(accountIdSchema).default([]),
    /** WAF: requests one IP address may make to `/s/*` in 5 minutes (mobile networks share IPs: keep it generous). */
    surveyRequestsPerIpPer5Minutes: z.number().int().min(10).max(2_000_000_000).default(500),
    /** How long the bus archive keeps visit events for replay; they hold phone numbers, so keep it short. */
    eventArchiveRetentionDays: z.number().int().min(1).max(90).default(7),
    logRetentionDays: z
      .number()
      .refine((days) => LOG_RETENTION_DAYS.includes(days), `one of ${LOG_RETENTION_DAYS.join(', ')}`)
      .default(90),
    /** Prefix of the Cognito token endpoint `https://{prefix}.auth.{region}.amazoncognito.com`; globally unique. */
    authDomainPrefix: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lower-case letters, digits and -')
      .refine((prefix) => !/aws|amazon|cognito/.test(prefix), 'must not contain aws, amazon or cognito')
      .optional(),
    /** Sign-in of the people's console (docs/console.md). */
    console: consoleConfigSchema.prefault({}),
  })
  .refine((config) => (config.domainName === undefined) === (config.certificateArn === undefined), {
    message: 'domainName and certificateArn go together',
    path: ['certificateArn'],
  });

export type PalauteConfig = z.infer<typeof palauteConfigSchema>;
export type PalauteConfigInput = z.input<typeof palauteConfigSchema>;

/**
 * Used when no configuration is given, so that `cdk synth` and the tests run out of the box. Deploying
 * it is never right (alarms would go to example.com): the app warns when it is used.
 */
export const EXAMPLE_CONFIG: PalauteConfigInput = {
  environmentName: 'dev',
  smsMonthlySpendLimitUsd: 1,
  alarmEmail: 'palaute-alarms@example.com',
  apiClients: [
    { name: 'admin', scopes: ['admin', 'reports:read'] },
    { name: 'reports-example', scopes: ['reports:read'], organizationId: 'org-example' },
  ],
};

/** Parses a configuration; a bad one fails with every problem and its path. */
export function parseConfig(input: unknown, origin: string): PalauteConfig {
  const result = palauteConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `  - ${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`,
  );
  throw new Error(`Invalid Palaute configuration (${origin}):\n${problems.join('\n')}`);
}

export interface LoadedConfig {
  config: PalauteConfig;
  /** Where it came from, for messages; `example` when nothing was given. */
  origin: string;
}

/** Reads the configuration from CDK context values (`node.tryGetContext`). */
export function loadConfig(tryGetContext: (key: string) => unknown, cwd = process.cwd()): LoadedConfig {
  const file = tryGetContext('config');
  if (file !== undefined) {
    if (typeof file !== 'string' || file === '')
      throw new Error('-c config=FILE needs the path of a JSON file');
    const fullPath = path.resolve(cwd, file);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(fullPath, 'utf8'));
    } catch (error) {
      throw new Error(`Cannot read Palaute configuration ${fullPath}: ${(error as Error).message}`);
    }
    return { config: parseConfig(json, fullPath), origin: fullPath };
  }
  const inline = tryGetContext('palaute');
  if (inline !== undefined) {
    // `-c palaute='{...}'` arrives as a string, a cdk.json entry as an object.
    let value = inline;
    if (typeof inline === 'string') {
      try {
        value = JSON.parse(inline);
      } catch (error) {
        throw new Error(`Context key palaute is not valid JSON: ${(error as Error).message}`);
      }
    }
    return { config: parseConfig(value, 'context key palaute'), origin: 'context key palaute' };
  }
  return { config: parseConfig(EXAMPLE_CONFIG, 'example'), origin: 'example' };
}

/** The send function's SQS maximum concurrency for `smsPerSecond` (see shared/domain/sendRate.ts). */
export function sendMaxConcurrency(smsPerSecond: number): number {
  return sendPacing(smsPerSecond).maxConcurrency;
}
