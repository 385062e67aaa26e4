import * as z from 'zod';
import { languageSchema } from './config';
import { contactTypeSchema } from './events';

/** Every visit ends with exactly one of these, evaluated in this order (first failing check wins). */
export const DECISION_OUTCOMES = [
  'UNKNOWN_UNIT',
  'UNIT_DISABLED',
  'CONTACT_TYPE',
  'EXCLUDED_SERVICE',
  'UNKNOWN_AGE',
  'UNDER_AGE',
  'DECEASED',
  'SECURITY_BAN',
  'NO_CONSENT',
  'NO_MOBILE',
  'OPTED_OUT',
  'NOT_SAMPLED',
  'STALE',
  'RECENTLY_SURVEYED',
  'QUOTA_REACHED',
  'SCHEDULED',
] as const;
export const decisionOutcomeSchema = z.enum(DECISION_OUTCOMES);
export type DecisionOutcome = z.infer<typeof decisionOutcomeSchema>;

/**
 * Where a scheduled survey is in its life. PENDING → SENDING → SENT, or one of the other ends.
 * `UNKNOWN`: an attempt died after its claim and nobody can know whether the provider was called, so
 * it is neither counted as sent nor ever sent again.
 */
export const DISPATCH_STATES = [
  'PENDING',
  'SENDING',
  'SENT',
  'CANCELLED',
  'EXPIRED',
  'FAILED',
  'OPTED_OUT',
  'UNKNOWN',
] as const;
export const dispatchStateSchema = z.enum(DISPATCH_STATES);
export type DispatchState = z.infer<typeof dispatchStateSchema>;
export const FINAL_DISPATCH_STATES: readonly DispatchState[] = [
  'SENT',
  'CANCELLED',
  'EXPIRED',
  'FAILED',
  'OPTED_OUT',
  'UNKNOWN',
];

/** Identifies one visit: the dedup key of the event contract. */
export const visitKeySchema = z.object({
  organizationId: z.string().min(1),
  appointmentId: z.string().min(1),
});
export type VisitKey = z.infer<typeof visitKeySchema>;

/**
 * What a send schedule puts on the send queue: the visit and the keyed HMAC of its phone (what
 * opt-out lists hold; never the phone itself), so that the send reads the dispatch, its cancellation
 * and the opt-out in one call. Schedules created before `phoneHmac` was carried have only the key.
 */
export const sendPayloadSchema = visitKeySchema.extend({ phoneHmac: z.string().min(1).optional() });
export type SendPayload = z.infer<typeof sendPayloadSchema>;

/**
 * What every record of a visit says about it, and all that an anonymous answer may: the unit, the
 * local visit date, how and in which language the client was served. Nothing that identifies anyone.
 */
export const visitContextSchema = z.object({
  organizationId: z.string(),
  unitId: z.string(),
  /** Local date (organization's time zone) of `completedAt`: the visit date reports group by. */
  visitDate: z.iso.date(),
  contactType: contactTypeSchema,
  serviceCode: z.string().optional(),
  language: languageSchema,
});
export type VisitContext = z.infer<typeof visitContextSchema>;

/** Only the visit context of a record: what is carried from one record of a visit to the next. */
export const visitContextOf = (record: VisitContext): VisitContext => ({
  organizationId: record.organizationId,
  unitId: record.unitId,
  visitDate: record.visitDate,
  contactType: record.contactType,
  serviceCode: record.serviceCode,
  language: record.language,
});

/** The once-only record of what was decided for a visit; the nightly funnel counts these. No PII. */
export const decisionRecordSchema = visitContextSchema.extend({
  appointmentId: z.string(),
  outcome: decisionOutcomeSchema,
  completedAt: z.string(),
  source: z.string(),
  decidedAt: z.string(),
});
export type DecisionRecord = z.infer<typeof decisionRecordSchema>;

/** A survey waiting to be sent or already ended. Holds the phone number only until it ends. */
export const dispatchRecordSchema = visitContextSchema.extend({
  appointmentId: z.string(),
  completedAt: z.string(),
  state: dispatchStateSchema,
  sendAt: z.string(),
  /**
   * `completedAt + maxLagHours` when decided. A send attempt that leaves the dispatch open creates a
   * closing schedule just after it, so that a dispatch whose sends all failed still ends (EXPIRED or
   * UNKNOWN) and its phone number is erased.
   */
  sendBy: z.string(),
  /** E.164; removed when the dispatch ends. */
  phone: z.string().optional(),
  /** Keyed HMAC of the phone: what opt-out lists hold. */
  phoneHmac: z.string(),
  scheduleName: z.string(),
  sendingSince: z.string().optional(),
  sentAt: z.string().optional(),
  messageId: z.string().optional(),
  endedAt: z.string().optional(),
  endReason: z.string().optional(),
  attempts: z.number().int().default(0),
  updatedAt: z.string(),
  /**
   * A fresh id written by every state change: a write retried after its response was lost recognises
   * its own earlier success by it (see `VisitStore.transitionDispatch`).
   */
  transitionId: z.string().optional(),
});
export type DispatchRecord = z.infer<typeof dispatchRecordSchema>;

/** What every schedule of this dispatch carries to the send (see `sendPayloadSchema`). */
export const sendPayloadOf = (dispatch: DispatchRecord): SendPayload => ({
  organizationId: dispatch.organizationId,
  appointmentId: dispatch.appointmentId,
  phoneHmac: dispatch.phoneHmac,
});

/** What the survey page needs to know about a sent link. Found by the token's hash; no phone. */
export const surveyRecordSchema = visitContextSchema.extend({
  tokenHash: z.string(),
  questionSetId: z.string(),
  /** Keyed HMAC of the phone, so that the page's opt-out can add it to the organization's list. */
  phoneHmac: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  answeredAt: z.string().optional(),
});
export type SurveyRecord = z.infer<typeof surveyRecordSchema>;

export const answerValueSchema = z.union([z.number().int(), z.literal('na')]);
export type AnswerValue = z.infer<typeof answerValueSchema>;

/** How an answer reached us: after an SMS, from a QR poster, a web link, a unit's tablet, or paper. */
export const CHANNELS = ['sms', 'qr', 'web', 'kiosk', 'paper'] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

/** Who answered: the client, a relative, or a child (7–12). */
export const RESPONDENTS = ['client', 'relative', 'child'] as const;
export const respondentSchema = z.enum(RESPONDENTS);
export type Respondent = z.infer<typeof respondentSchema>;

/** One anonymous answer: never the phone, personRef, appointmentId or token. */
export const answerRecordSchema = visitContextSchema.extend({
  answerId: z.string(),
  /** Answers stored before channels existed came by SMS from clients. */
  channel: channelSchema.default('sms'),
  respondent: respondentSchema.default('client'),
  questionSetId: z.string(),
  questionSetVersion: z.number().int(),
  answers: z.record(z.string(), answerValueSchema),
  comment: z.string().max(2000).optional(),
  /** Local date of answering; a timestamp would make answers easier to link to sends. */
  answeredDate: z.iso.date(),
});
export type AnswerRecord = z.infer<typeof answerRecordSchema>;

export const deadLetterSchema = z.object({ reason: z.string(), body: z.string(), at: z.string() });
export type DeadLetter = z.infer<typeof deadLetterSchema>;
