import * as z from 'zod';

/** EventBridge `detail-type` values of the visit event contract (schema version 1). */
export const DETAIL_TYPE_APPOINTMENT_COMPLETED = 'Appointment Completed';
export const DETAIL_TYPE_APPOINTMENT_CANCELLED = 'Appointment Cancelled';
export const DETAIL_TYPE_AGGREGATES_READY = 'Aggregates Ready';
/** `source` of the events Palaute itself puts on the bus. */
export const PALAUTE_EVENT_SOURCE = 'palaute';

export const INGESTED_DETAIL_TYPES = [
  DETAIL_TYPE_APPOINTMENT_COMPLETED,
  DETAIL_TYPE_APPOINTMENT_CANCELLED,
] as const;

/**
 * The EventBridge rule pattern for visit events. The CDK rule and the local in-process bus both use
 * this object, so what is routed to ingest is the same everywhere. It deliberately does not filter on
 * `schemaVersion`: an event of another version must reach ingest to be dead-lettered with a reason,
 * not vanish at the rule.
 */
export const VISIT_EVENT_PATTERN = {
  'detail-type': [...INGESTED_DETAIL_TYPES],
} as const;

export function matchesVisitEventPattern(detailType: string): boolean {
  return (INGESTED_DETAIL_TYPES as readonly string[]).includes(detailType);
}

export const CONTACT_TYPES = ['visit', 'remote', 'phone', 'home'] as const;
export const contactTypeSchema = z.enum(CONTACT_TYPES);
export type ContactType = z.infer<typeof contactTypeSchema>;

/**
 * Text that can be stored and compared as it came: no lone UTF-16 surrogates, which no store keeps
 * faithfully (JSON can carry them, DynamoDB cannot).
 */
const WELL_FORMED = /^[^\p{Cs}]*$/u;
const WELL_FORMED_MESSAGE = 'must be well-formed Unicode text (no lone surrogates)';

/** A missing field says so, instead of zod's "expected string, received undefined". */
const requiredField = {
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'required' : undefined),
};

/**
 * An id as given by the sending system. Trimmed; the `\S` check comes first, on the raw value, so the
 * generated JSON Schema (which cannot trim) states the same rule: at least one non-space character.
 */
const idSchema = z
  .string(requiredField)
  .regex(/\S/, 'must not be blank')
  .regex(WELL_FORMED, WELL_FORMED_MESSAGE)
  .trim()
  .max(200);

/** ISO 8601 with an explicit offset or Z: a visit time without a zone would be ambiguous. */
export const instantSchema = z.iso.datetime({
  offset: true,
  error: (issue) =>
    issue.input === undefined ? 'required' : 'must be an ISO 8601 date-time with seconds and an offset or Z',
});

const schemaVersionSchema = z
  .literal(1, { error: (issue) => (issue.input === undefined ? 'required' : 'must be 1') })
  .describe('Version of the event contract. Only 1 exists; an event of another version is rejected.');

const organizationIdField = idSchema.describe(
  "The organization's id in Palaute (e.g. `org-pohde`). Part of the visit's deduplication key.",
);
const appointmentIdField = idSchema.describe(
  "The appointment's id in the sending system. `organizationId` + `appointmentId` identify a visit: the same event may arrive many times.",
);
const unitIdField = idSchema.describe("The care unit's id in Palaute (e.g. `unit-tk-keskusta`).");

export const appointmentCompletedSchema = z
  .object({
    schemaVersion: schemaVersionSchema,
    appointmentId: appointmentIdField,
    organizationId: organizationIdField,
    unitId: unitIdField,
    serviceCode: z
      .string()
      .regex(WELL_FORMED, WELL_FORMED_MESSAGE)
      .regex(/\S/, 'must not be blank')
      .trim()
      .max(50)
      .optional()
      .describe(
        "The service's code in the sending system (e.g. `T11`); units may exclude codes from surveys.",
      ),
    contactType: contactTypeSchema
      .default('visit')
      .describe('How the client met the service: `visit` (default), `remote`, `phone` or `home`.'),
    completedAt: instantSchema.describe(
      "When the visit ended: ISO 8601 date-time with seconds and an explicit offset or `Z` (e.g. `2026-11-20T09:40:00+02:00`). Its local date in the organization's time zone is the reported visit date.",
    ),
    client: z
      .object(
        {
          personRef: idSchema.describe(
            'An opaque, stable reference to the person in the sending system. Never a personal identity code (henkilötunnus). Used only as a keyed hash, to avoid surveying one person too often.',
          ),
          mobilePhone: z
            .string()
            .regex(WELL_FORMED, WELL_FORMED_MESSAGE)
            .max(40)
            .optional()
            .describe(
              'Mobile number, international (`+358401234567`) or Finnish national (`040 123 4567`). Normalised to E.164. A missing, landline or unparseable number is not surveyed (decision `NO_MOBILE`); the event is still valid.',
            ),
          language: z
            .string()
            .regex(WELL_FORMED, WELL_FORMED_MESSAGE)
            .max(35)
            .optional()
            .describe(
              'BCP 47 language tag (e.g. `fi`, `sv-FI`, `en`). Finnish, Swedish and English are served; any other language gets English; none gets Finnish.',
            ),
          age: z
            .number()
            .int()
            .min(0)
            .max(150)
            .optional()
            .describe('Age in whole years at the visit. Units survey adults only by default (`minAge` 18).'),
          deceased: z.boolean().optional().describe('`true`: never surveyed.'),
          securityBan: z
            .boolean()
            .optional()
            .describe('`true` (turvakielto): never surveyed. Send it whenever it is known.'),
          smsConsent: z
            .boolean()
            .optional()
            .describe('`false`: never surveyed. Units may also require `true`.'),
        },
        requiredField,
      )
      .describe('The client. Palaute never stores the phone number or personRef with an answer.'),
  })
  .meta({
    title: 'Appointment Completed',
    description:
      'The `detail` of an EventBridge event with `detail-type` "Appointment Completed" (event contract, schema version 1): one visit ended. Unknown fields are ignored.',
  });
export type AppointmentCompleted = z.infer<typeof appointmentCompletedSchema>;

export const appointmentCancelledSchema = z
  .object({
    schemaVersion: schemaVersionSchema,
    appointmentId: appointmentIdField,
    organizationId: organizationIdField,
    unitId: unitIdField,
  })
  .meta({
    title: 'Appointment Cancelled',
    description:
      'The `detail` of an EventBridge event with `detail-type` "Appointment Cancelled" (event contract, schema version 1): a survey not yet sent for the appointment is cancelled; one already sent is left alone. Unknown fields are ignored.',
  });
export type AppointmentCancelled = z.infer<typeof appointmentCancelledSchema>;

/** The EventBridge envelope as it arrives in SQS message bodies (only the fields we use). */
export const eventBridgeEnvelopeSchema = z.object({
  id: z.string().optional(),
  source: z.string(requiredField).min(1).max(256).regex(WELL_FORMED, WELL_FORMED_MESSAGE),
  'detail-type': z.string(requiredField).min(1),
  detail: z.unknown().refine((detail) => detail !== undefined, 'required'),
});
export type EventBridgeEnvelope = z.infer<typeof eventBridgeEnvelopeSchema>;

/** What follows a visit event through ingest: its EventBridge `id`, the correlation id of its log lines. */
interface EventOrigin {
  source: string;
  /** The envelope's `id` (EventBridge's event id): not personal data. */
  eventId?: string;
}

export type VisitEvent =
  | ({ kind: 'completed'; detail: AppointmentCompleted } & EventOrigin)
  | ({ kind: 'cancelled'; detail: AppointmentCancelled } & EventOrigin);

/**
 * One thing wrong with an event. `path` is dotted (`client.personRef`), relative to the `detail` for
 * problems of the detail and to the EventBridge event for problems of the envelope (`source`,
 * `detail-type`); empty for the value as a whole.
 */
export interface EventIssue {
  path: string;
  message: string;
}

export type ParsedVisitEvent =
  | { ok: true; event: VisitEvent }
  | {
      ok: false;
      /** Where it failed: the envelope (incl. an unsupported `detail-type`) or the detail. */
      part: 'envelope' | 'detail';
      issues: EventIssue[];
      /** The dead letter's reason: `invalid <part>: path: message; …`, made from `issues`. */
      reason: string;
    };

export function eventIssues(error: z.ZodError): EventIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Formats issues as `path: message; …` so a dead letter says exactly what was wrong. */
export function describeIssues(issues: readonly EventIssue[]): string {
  return issues.map((issue) => `${issue.path === '' ? '(root)' : issue.path}: ${issue.message}`).join('; ');
}

function rejected(part: 'envelope' | 'detail', heading: string, issues: EventIssue[]): ParsedVisitEvent {
  return { ok: false, part, issues, reason: `${heading}: ${describeIssues(issues)}` };
}

/**
 * Validates an EventBridge event (already JSON-parsed) against the visit event contract. Ingest
 * dead-letters with `reason`; `POST /api/v1/events/validate` answers with `issues`: one function, so
 * both say the same.
 */
export function parseVisitEvent(raw: unknown): ParsedVisitEvent {
  const envelope = eventBridgeEnvelopeSchema.safeParse(raw);
  if (!envelope.success) return rejected('envelope', 'invalid envelope', eventIssues(envelope.error));
  // EventBridge ids are UUIDs; a longer one is cut rather than let a log line grow with the input.
  const origin: EventOrigin = { source: envelope.data.source, eventId: envelope.data.id?.slice(0, 100) };
  const detailType = envelope.data['detail-type'];
  if (detailType === DETAIL_TYPE_APPOINTMENT_COMPLETED) {
    const detail = appointmentCompletedSchema.safeParse(envelope.data.detail);
    if (!detail.success) return rejected('detail', `invalid ${detailType}`, eventIssues(detail.error));
    return { ok: true, event: { kind: 'completed', ...origin, detail: detail.data } };
  }
  if (detailType === DETAIL_TYPE_APPOINTMENT_CANCELLED) {
    const detail = appointmentCancelledSchema.safeParse(envelope.data.detail);
    if (!detail.success) return rejected('detail', `invalid ${detailType}`, eventIssues(detail.error));
    return { ok: true, event: { kind: 'cancelled', ...origin, detail: detail.data } };
  }
  return rejected('envelope', 'unsupported detail-type', [
    {
      path: 'detail-type',
      message: `"${detailType}" is not one of ${INGESTED_DETAIL_TYPES.map((t) => `"${t}"`).join(', ')}`,
    },
  ]);
}

/** Visits before this are not believed: no appointment system of the platform's time sends them. */
export const EARLIEST_COMPLETED_AT = '2000-01-01T00:00:00Z';
/** How far ahead of the receiving clock `completedAt` may be (clocks of senders drift; visits do not). */
export const COMPLETED_AT_MAX_AHEAD_MS = 24 * 60 * 60 * 1000;

/**
 * Why a visit's `completedAt` cannot be true when it arrives at `now`, or undefined. A visit dated far
 * ahead would otherwise be kept (with its phone number) until that date, or break the time arithmetic.
 */
export function completedAtProblem(completedAt: string, now: Date): string | undefined {
  const at = Date.parse(completedAt);
  if (Number.isNaN(at)) return 'completedAt: not a valid instant';
  if (at < Date.parse(EARLIEST_COMPLETED_AT))
    return `completedAt: before ${EARLIEST_COMPLETED_AT.slice(0, 10)}`;
  if (at > now.getTime() + COMPLETED_AT_MAX_AHEAD_MS)
    return 'completedAt: more than a day after the event was received';
  return undefined;
}

export const aggregatesReadyDetailSchema = z.object({
  date: z.iso.date(),
  organizationId: z.string(),
  units: z.array(z.string()),
});
export type AggregatesReadyDetail = z.infer<typeof aggregatesReadyDetailSchema>;
