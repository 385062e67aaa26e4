/**
 * `POST /api/v1/events/validate`: checks a visit event against the event contract with the same
 * function ingest uses (`parseVisitEvent`), so an integrator sees exactly the paths and messages a
 * dead letter would carry. Stores nothing, sends nothing.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import {
  DETAIL_TYPE_APPOINTMENT_CANCELLED,
  DETAIL_TYPE_APPOINTMENT_COMPLETED,
  type EventIssue,
  parseVisitEvent,
} from '../schemas/events';
import { type Authenticator, type AuthVariables, requireScope } from './auth';
import { ApiError, requireJsonBody } from './errors';
import { documentedApp } from './openapi';

export interface EventsDeps {
  authenticate: Authenticator;
}

/** Envelope fields of a PutEvents entry, by the EventBridge event field they become. */
const ENTRY_FIELD: Readonly<Record<string, string>> = {
  source: 'Source',
  'detail-type': 'DetailType',
  detail: 'Detail',
};

const has = (body: Record<string, unknown>, ...keys: string[]) =>
  keys.some((key) => Object.hasOwn(body, key));

/**
 * The body as the EventBridge event ingest would receive, or the issues that stop it from being one.
 * - a PutEvents entry `{ Source, DetailType, Detail: "<JSON string>" }`: EventBridge would parse
 *   `Detail`; envelope problems are named by the entry's fields (`Source`, `DetailType`, `Detail`);
 * - an EventBridge event `{ source, "detail-type", detail }`: as it is;
 * - anything else is a bare `detail`: "Appointment Completed" when it has `completedAt` or `client`,
 *   otherwise "Appointment Cancelled".
 */
export function visitEventIssues(body: Record<string, unknown>): EventIssue[] {
  if (has(body, 'Source', 'DetailType', 'Detail')) {
    let detail: unknown = body.Detail;
    if (typeof body.Detail === 'string') {
      try {
        detail = JSON.parse(body.Detail);
      } catch {
        return [{ path: 'Detail', message: 'is not JSON' }];
      }
    } else if (body.Detail !== undefined) {
      return [{ path: 'Detail', message: 'must be a string of JSON, as in PutEvents' }];
    }
    const issues = issuesOf({ source: body.Source, 'detail-type': body.DetailType, detail });
    return issues.part === 'envelope'
      ? issues.list.map((issue) => ({ ...issue, path: entryPath(issue.path) }))
      : issues.list;
  }
  if (has(body, 'source', 'detail-type', 'detail')) return issuesOf(body).list;
  const detailType = has(body, 'completedAt', 'client')
    ? DETAIL_TYPE_APPOINTMENT_COMPLETED
    : DETAIL_TYPE_APPOINTMENT_CANCELLED;
  // The source is any non-empty string in the contract: a bare detail has none to check.
  return issuesOf({ source: 'events/validate', 'detail-type': detailType, detail: body }).list;
}

function issuesOf(event: unknown): { part?: 'envelope' | 'detail'; list: EventIssue[] } {
  const parsed = parseVisitEvent(event);
  return parsed.ok ? { list: [] } : { part: parsed.part, list: parsed.issues };
}

function entryPath(path: string): string {
  const [head = '', ...rest] = path.split('.');
  return [ENTRY_FIELD[head] ?? head, ...rest].join('.');
}

/** EventBridge takes entries up to 256 KB: nothing larger can be a real event. */
const MAX_EVENT_BYTES = 256 * 1024;
const eventSized = bodyLimit({
  maxSize: MAX_EVENT_BYTES,
  onError: () => {
    throw new ApiError(
      413,
      'BAD_REQUEST',
      'The body is larger than 256 KB, the size limit of an EventBridge entry.',
    );
  },
});

const issueSchema = z.object({
  path: z
    .string()
    .describe(
      'Dotted path inside the `detail` (`client.personRef`), or an envelope field (`source`, `detail-type`; `Source`, `DetailType`, `Detail` for a PutEvents entry); empty for the detail as a whole.',
    ),
  message: z.string(),
});

const validationResultSchema = z
  .union([
    z.object({ valid: z.literal(true) }),
    z.object({ valid: z.literal(false), errors: z.array(issueSchema).min(1) }),
  ])
  .openapi('EventValidationResult', {
    description:
      'Whether ingest would accept the event; if not, each problem as the dead letter would name it.',
  });

const validateBodySchema = z.record(z.string(), z.unknown()).openapi('EventValidationRequest', {
  description:
    'One of: a PutEvents entry `{ "Source", "DetailType", "Detail": "<JSON string>" }`; an EventBridge event `{ "source", "detail-type", "detail" }`; or a bare `detail` (then an object with `completedAt` or `client` is checked as "Appointment Completed", any other as "Appointment Cancelled").',
  example: {
    Source: 'fi.example.apotti',
    DetailType: 'Appointment Cancelled',
    Detail:
      '{"schemaVersion":1,"appointmentId":"A-2026-000123","organizationId":"org-pohde","unitId":"unit-tk-keskusta"}',
  },
});

/** The API's error body (`errors.ts`), described here for this route's 4xx answers. */
const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export function eventsApp(deps: EventsDeps) {
  const app = documentedApp<AuthVariables>();
  const route = createRoute({
    method: 'post',
    path: '/events/validate',
    tags: ['Events'],
    summary: 'Check a visit event against the event contract',
    description:
      'Answers 200 whether the event is valid or not. Checks the contract only (fields, types, schemaVersion), with the same function ingest uses; it does not look the organization or unit up. Stores and sends nothing.',
    security: [{ bearerAuth: [] }],
    middleware: [requireScope(deps.authenticate, 'admin'), eventSized, requireJsonBody] as const,
    request: {
      body: { required: true, content: { 'application/json': { schema: validateBodySchema } } },
    },
    responses: {
      200: {
        description: '`{ "valid": true }` or `{ "valid": false, "errors": [ { "path", "message" } ] }`',
        content: { 'application/json': { schema: validationResultSchema } },
      },
      400: {
        description: 'The body is not a JSON object.',
        content: { 'application/json': { schema: errorSchema } },
      },
      413: {
        description: 'The body is over 256 KB.',
        content: { 'application/json': { schema: errorSchema } },
      },
      401: {
        description: 'No valid bearer token.',
        content: { 'application/json': { schema: errorSchema } },
      },
      403: {
        description: 'The token lacks the admin scope.',
        content: { 'application/json': { schema: errorSchema } },
      },
    },
  });
  app.openapi(route, (c) => {
    const errors = visitEventIssues(c.req.valid('json'));
    return c.json(errors.length === 0 ? { valid: true as const } : { valid: false as const, errors }, 200);
  });
  return app;
}
