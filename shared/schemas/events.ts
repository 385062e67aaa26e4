import { z } from 'zod';

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
const wellFormed = (schema: z.ZodString) =>
  schema.regex(/^[^\p{Cs}]*$/u, 'must be well-formed Unicode text (no lone surrogates)');

const idSchema = wellFormed(z.string().trim().min(1).max(200));

/** ISO 8601 with an explicit offset or Z: a visit time without a zone would be ambiguous. */
export const instantSchema = z.iso.datetime({ offset: true });

const schemaVersionSchema = z.literal(1, { error: 'schemaVersion must be 1' });

export const appointmentCompletedSchema = z.object({
  schemaVersion: schemaVersionSchema,
  appointmentId: idSchema,
  organizationId: idSchema,
  unitId: idSchema,
  serviceCode: wellFormed(z.string().trim().min(1).max(50)).optional(),
  contactType: contactTypeSchema.default('visit'),
  completedAt: instantSchema,
  client: z.object({
    personRef: idSchema,
    mobilePhone: wellFormed(z.string().max(40)).optional(),
    language: wellFormed(z.string().max(35)).optional(),
    age: z.number().int().min(0).max(150).optional(),
    deceased: z.boolean().optional(),
    securityBan: z.boolean().optional(),
    smsConsent: z.boolean().optional(),
  }),
});
export type AppointmentCompleted = z.infer<typeof appointmentCompletedSchema>;

export const appointmentCancelledSchema = z.object({
  schemaVersion: schemaVersionSchema,
  appointmentId: idSchema,
  organizationId: idSchema,
  unitId: idSchema,
});
export type AppointmentCancelled = z.infer<typeof appointmentCancelledSchema>;

/** The EventBridge envelope as it arrives in SQS message bodies (only the fields we use). */
export const eventBridgeEnvelopeSchema = z.object({
  id: z.string().optional(),
  source: wellFormed(z.string().min(1).max(256)),
  'detail-type': z.string().min(1),
  detail: z.unknown(),
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

export type ParsedVisitEvent = { ok: true; event: VisitEvent } | { ok: false; reason: string };

/** Formats zod issues as `path: message; …` so a dead letter says exactly what was wrong. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Validates an EventBridge event (already JSON-parsed) against the visit event contract. */
export function parseVisitEvent(raw: unknown): ParsedVisitEvent {
  const envelope = eventBridgeEnvelopeSchema.safeParse(raw);
  if (!envelope.success) return { ok: false, reason: `invalid envelope: ${describeIssues(envelope.error)}` };
  // EventBridge ids are UUIDs; a longer one is cut rather than let a log line grow with the input.
  const origin: EventOrigin = { source: envelope.data.source, eventId: envelope.data.id?.slice(0, 100) };
  const detailType = envelope.data['detail-type'];
  if (detailType === DETAIL_TYPE_APPOINTMENT_COMPLETED) {
    const detail = appointmentCompletedSchema.safeParse(envelope.data.detail);
    if (!detail.success)
      return { ok: false, reason: `invalid ${detailType}: ${describeIssues(detail.error)}` };
    return { ok: true, event: { kind: 'completed', ...origin, detail: detail.data } };
  }
  if (detailType === DETAIL_TYPE_APPOINTMENT_CANCELLED) {
    const detail = appointmentCancelledSchema.safeParse(envelope.data.detail);
    if (!detail.success)
      return { ok: false, reason: `invalid ${detailType}: ${describeIssues(detail.error)}` };
    return { ok: true, event: { kind: 'cancelled', ...origin, detail: detail.data } };
  }
  return { ok: false, reason: `unsupported detail-type: ${detailType}` };
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
