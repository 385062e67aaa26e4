/**
 * `POST /api/v1/units/{unitId}/preview`: what ingest would decide for a visit, when the SMS would go
 * and why, and the SMS itself, under the unit's rules or rules being tried. Stores and sends nothing.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { PREVIEW_ASSUMPTIONS } from '../domain/preview';
import { configIdSchema, rulesSchema } from '../schemas/config';
import { appointmentCompletedSchema, instantSchema } from '../schemas/events';
import { DECISION_OUTCOMES } from '../schemas/records';
import { type PreviewDeps, previewUnitVisit } from '../services/preview';
import {
  type Authenticator,
  type AuthVariables,
  assertOrganizationAccess,
  notFound,
  requireScope,
} from './auth';
import { ApiError, requireJsonBody } from './errors';
import { documentedApp } from './openapi';

export interface PreviewHttpDeps extends PreviewDeps {
  authenticate: Authenticator;
}

const problemSchema = z.object({ path: z.string(), message: z.string() });

const previewRequestSchema = z
  .object({
    visit: appointmentCompletedSchema.describe(
      'An "Appointment Completed" detail, checked exactly as ingest checks it; its unitId and organizationId must be this unit’s.',
    ),
    rules: rulesSchema
      .optional()
      .describe(
        'Rules to try, merged over the unit’s own rules (and those over the organization’s defaults).',
      ),
  })
  .strict()
  .openapi('UnitPreviewRequest');

const shiftSchema = z.object({
  reason: z
    .enum(['nextDay', 'late', 'window', 'weekday', 'blockedDate'])
    .describe(
      '`nextDay`: the timing rule’s next day at HH:MM; `late`: the event came after the base time, so from now; `window`: outside the day’s window hours, to the next window start; `weekday`: a day not in `days`; `blockedDate`: a blocked local date.',
    ),
  from: instantSchema,
  to: instantSchema,
  fromLocal: z.string(),
  toLocal: z.string(),
});

const previewResponseSchema = z
  .object({
    outcome: z.enum(DECISION_OUTCOMES),
    sendAt: instantSchema.nullable().describe('UTC; null unless SCHEDULED.'),
    sendAtLocal: z
      .string()
      .nullable()
      .describe('The organization’s local wall time with its offset, e.g. 2026-11-21T12:00:00+02:00.'),
    baseAt: instantSchema.nullable().describe('The timing rule’s base time (UTC).'),
    sendBy: instantSchema.nullable().describe('completedAt + maxLagHours: a later send is STALE.'),
    shifts: z.array(shiftSchema).describe('Every move from completedAt to the send time, in order.'),
    sms: z.object({
      text: z.string(),
      characters: z.number().int().describe('GSM-7 septets, or UTF-16 units for UCS-2.'),
      segments: z.number().int(),
      encoding: z.enum(['GSM-7', 'UCS-2']),
    }),
    warnings: z.array(problemSchema).describe('What a save of these rules would warn about.'),
    ruleErrors: z.array(problemSchema).describe('What a save of these rules would be refused for (400).'),
  })
  .openapi('UnitPreview');

const errorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.array(problemSchema).optional() }),
  })
  .openapi('Error');
const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});

const route = createRoute({
  method: 'post',
  path: '/units/{unitId}/preview',
  tags: ['Units'],
  summary: 'Preview the decision, send time and SMS of a visit',
  description: `Stores, schedules and sends nothing. \`outcome\` is the rule outcome, SCHEDULED for a visit that passes every rule; the preview assumes: ${PREVIEW_ASSUMPTIONS.join('; ')}.`,
  security: [{ bearerAuth: [] }],
  middleware: [requireJsonBody] as const,
  request: {
    params: z.object({ unitId: configIdSchema }),
    body: { required: true, content: { 'application/json': { schema: previewRequestSchema } } },
  },
  responses: {
    200: { description: 'The preview.', content: { 'application/json': { schema: previewResponseSchema } } },
    400: errorResponse('The body is not valid; `details` names each field.'),
    401: errorResponse('No valid bearer token.'),
    403: errorResponse('The token lacks the admin scope.'),
    404: errorResponse('No such unit, or one outside the token’s organization.'),
  },
});

export function previewApp(deps: PreviewHttpDeps) {
  const app = documentedApp<AuthVariables>();
  // Scope first: an unauthenticated caller learns nothing, not even whether the body was valid.
  app.use('/units/:unitId/preview', requireScope(deps.authenticate, 'admin'));
  app.openapi(route, async (c) => {
    const { unitId } = c.req.valid('param');
    const { visit, rules } = c.req.valid('json');
    const principal = c.get('principal');
    const result = await previewUnitVisit(deps, {
      unitId,
      visit,
      rules,
      authorize: (organizationId) => assertOrganizationAccess(principal, organizationId, 'unit'),
    });
    if (result.status === 'unknown-unit') throw notFound('unit');
    if (result.status === 'invalid') {
      throw new ApiError(
        400,
        'VALIDATION_FAILED',
        'The request is not valid; see details for each field.',
        result.problems,
      );
    }
    return c.json(result.preview, 200);
  });
  return app;
}
