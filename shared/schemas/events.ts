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

const idSchema = z.string().trim().min(1).max(200);

/** ISO 8601 with an explicit offset or Z: a visit time without a zone would be ambiguous. */
export const instantSchema = z.iso.datetime({ offset: true });

const schemaVersionSchema = z.literal(1, { error: 'schemaVersion must be 1' });

export const appointmentCompletedSchema = z.object({
  schemaVersion: schemaVersionSchema,
  appointmentId: idSchema,
  organizationId: idSchema,
  unitId: idSchema,
  serviceCode: z.string().trim().min(1).max(50).optional(),
  contactType: contactTypeSchema.default('visit'),
  completedAt: instantSchema,
  client: z.object({
    personRef: idSchema,
    mobilePhone: z.string().max(40).optional(),
    language: z.string().max(35).optional(),
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
  source: z.string().min(1),
  'detail-type': z.string().min(1),
  detail: z.unknown(),
});
export type EventBridgeEnvelope = z.infer<typeof eventBridgeEnvelopeSchema>;

export type VisitEvent =
  | { kind: 'completed'; source: string; detail: AppointmentCompleted }
  | { kind: 'cancelled'; source: string; detail: AppointmentCancelled };

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
  const { source } = envelope.data;
  const detailType = envelope.data['detail-type'];
  if (detailType === DETAIL_TYPE_APPOINTMENT_COMPLETED) {
    const detail = appointmentCompletedSchema.safeParse(envelope.data.detail);
    if (!detail.success)
      return { ok: false, reason: `invalid ${detailType}: ${describeIssues(detail.error)}` };
    return { ok: true, event: { kind: 'completed', source, detail: detail.data } };
  }
  if (detailType === DETAIL_TYPE_APPOINTMENT_CANCELLED) {
    const detail = appointmentCancelledSchema.safeParse(envelope.data.detail);
    if (!detail.success)
      return { ok: false, reason: `invalid ${detailType}: ${describeIssues(detail.error)}` };
    return { ok: true, event: { kind: 'cancelled', source, detail: detail.data } };
  }
  return { ok: false, reason: `unsupported detail-type: ${detailType}` };
}

export const aggregatesReadyDetailSchema = z.object({
  date: z.iso.date(),
  organizationId: z.string(),
  units: z.array(z.string()),
});
export type AggregatesReadyDetail = z.infer<typeof aggregatesReadyDetailSchema>;
