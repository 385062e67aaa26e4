import type { EffectiveRules, Organization, Unit } from '../schemas/config';
import { surveyLanguage } from '../schemas/config';
import type { AppointmentCompleted } from '../schemas/events';
import type { DecisionOutcome } from '../schemas/records';
import { decideByRules } from './decision';
import type { KeyedHasher } from './keys';
import { normaliseMobilePhone } from './phone';
import { explainSendTime, formatLocalIso, type SendTimeShiftReason } from './sendTime';
import { renderSurveySms, type SmsEncoding, SURVEY_TOKEN_LENGTH, smsSize, surveyLink } from './sms';

export interface VisitPreviewInput {
  visit: AppointmentCompleted;
  unit: Unit;
  organization: Organization;
  /** The unit's rules (with any rules being tried merged over them) over the organization's defaults. */
  rules: EffectiveRules;
  /** The name the SMS would be signed with in the visit's language. */
  senderName: string;
  publicBaseUrl: string;
  now: Date;
}

export interface PreviewShift {
  reason: SendTimeShiftReason;
  from: string;
  to: string;
  fromLocal: string;
  toLocal: string;
}

export interface VisitPreview {
  /** The rule outcome: SCHEDULED when the visit passes every rule (see {@link PREVIEW_ASSUMPTIONS}). */
  outcome: DecisionOutcome;
  /** UTC; null unless SCHEDULED. */
  sendAt: string | null;
  /** The organization's wall time with its offset then; null unless SCHEDULED. */
  sendAtLocal: string | null;
  /** The timing rule's base time (UTC); null when the visit never reaches the timing rules. */
  baseAt: string | null;
  /** completedAt + maxLagHours (UTC): later than this, the visit is STALE. */
  sendBy: string | null;
  /** Every move from completedAt to the send time (for STALE: until past sendBy), in order. */
  shifts: PreviewShift[];
  sms: { text: string; characters: number; segments: number; encoding: SmsEncoding };
}

/** What the preview cannot know and so assumes; said in the API reference and the docs. */
export const PREVIEW_ASSUMPTIONS = [
  'the number is not on the opt-out list (the preview does not look it up)',
  'no other visit of the person was surveyed within recontactDays (RECENTLY_SURVEYED is never previewed)',
  "the unit's daily quota is not used up (QUOTA_REACHED is never previewed)",
  'the visit is in the sample whenever samplingRate is above 0 (the sampling key is not held by the API)',
] as const;

/** A link of the real length: tokens are always 22 characters. */
export const PREVIEW_TOKEN = 'x'.repeat(SURVEY_TOKEN_LENGTH);

/**
 * Sampling stands in as "always sampled unless the rate is 0": the real sampling hash needs the
 * ingest key, which the HTTP app does not hold. Nothing else of the hasher is used by the rules.
 */
const assumeSampled: KeyedHasher = {
  samplingPoint: () => 0,
  personHmac: () => {
    throw new Error('the preview computes no person hash');
  },
  phoneHmac: () => {
    throw new Error('the preview computes no phone hash');
  },
};

/**
 * What ingest would decide for this visit under these rules, when it would send, why the send time
 * moved, and the SMS the client would get. Pure: it stores, sends and looks up nothing.
 */
export function previewVisit(input: VisitPreviewInput): VisitPreview {
  const { visit, unit, organization, rules, now } = input;
  const phone = normaliseMobilePhone(visit.client.mobilePhone);
  const ruling = decideByRules(
    { visit, unit, organization, rules, phone, optedOut: false, now },
    assumeSampled,
  );
  const outcome: DecisionOutcome = ruling.outcome === 'ELIGIBLE' ? 'SCHEDULED' : ruling.outcome;
  const timeZone = organization.timeZone;
  const text = renderSurveySms(organization.smsTemplates[surveyLanguage(visit.client.language)], {
    link: surveyLink(input.publicBaseUrl, PREVIEW_TOKEN),
    senderName: input.senderName,
  });
  const sms = { text, ...smsSize(text) };
  if (outcome !== 'SCHEDULED' && outcome !== 'STALE') {
    return { outcome, sendAt: null, sendAtLocal: null, baseAt: null, sendBy: null, shifts: [], sms };
  }
  const explanation = explainSendTime({
    completedAt: new Date(visit.completedAt),
    now,
    timeZone,
    timing: rules.timing,
    sendWindow: rules.sendWindow,
    blockedDates: rules.blockedDates,
    maxLagHours: rules.maxLagHours,
  });
  const sendAt = ruling.outcome === 'ELIGIBLE' ? ruling.sendAt : undefined;
  return {
    outcome,
    sendAt: sendAt?.toISOString() ?? null,
    sendAtLocal: sendAt ? formatLocalIso(sendAt, timeZone) : null,
    baseAt: explanation.baseAt.toISOString(),
    sendBy: explanation.sendBy.toISOString(),
    shifts: explanation.shifts.map((shift) => ({
      reason: shift.reason,
      from: shift.from.toISOString(),
      to: shift.to.toISOString(),
      fromLocal: formatLocalIso(shift.from, timeZone),
      toLocal: formatLocalIso(shift.to, timeZone),
    })),
    sms,
  };
}
