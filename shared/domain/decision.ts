import type { EffectiveRules, Organization, Unit } from '../schemas/config';
import type { AppointmentCompleted } from '../schemas/events';
import type { DecisionOutcome } from '../schemas/records';
import { isSampled, type KeyedHasher } from './keys';
import { computeSendTime } from './sendTime';

/** Outcomes that storage decides atomically (they depend on other visits). */
export type StoredOutcome = 'RECENTLY_SURVEYED' | 'QUOTA_REACHED' | 'SCHEDULED';
export type RuleOutcome = Exclude<DecisionOutcome, StoredOutcome>;

export interface VisitFacts {
  visit: AppointmentCompleted;
  unit: Unit | undefined;
  organization: Organization | undefined;
  /** The unit's rules merged over the organization's defaults and the system's. */
  rules: EffectiveRules;
  /** The client's number normalised to E.164 (see normaliseMobilePhone), if it is a mobile number. */
  phone: string | undefined;
  /** Whether that number is on the organization's opt-out list. */
  optedOut: boolean;
  now: Date;
}

export type RuleDecision =
  | { outcome: RuleOutcome }
  /** Passed every rule: the visit is scheduled unless recontact or quota say otherwise. */
  | { outcome: 'ELIGIBLE'; phone: string; sendAt: Date };

/**
 * The decision per visit, as far as it depends on this visit alone. Checks run in the order of the
 * design; the first failing check wins.
 */
export function decideByRules(facts: VisitFacts, hasher: KeyedHasher): RuleDecision {
  const { visit, unit, organization, rules } = facts;
  const client = visit.client;
  if (!unit || !organization || unit.organizationId !== visit.organizationId)
    return { outcome: 'UNKNOWN_UNIT' };
  if (!unit.enabled) return { outcome: 'UNIT_DISABLED' };
  if (!rules.contactTypes.includes(visit.contactType)) return { outcome: 'CONTACT_TYPE' };
  if (visit.serviceCode !== undefined && rules.excludedServiceCodes.includes(visit.serviceCode)) {
    return { outcome: 'EXCLUDED_SERVICE' };
  }
  if (rules.minAge > 0 && client.age === undefined) return { outcome: 'UNKNOWN_AGE' };
  if (client.age !== undefined && client.age < rules.minAge) return { outcome: 'UNDER_AGE' };
  if (client.deceased === true) return { outcome: 'DECEASED' };
  if (rules.excludeSecurityBan && client.securityBan === true) return { outcome: 'SECURITY_BAN' };
  // An explicit refusal is always respected; a missing answer only matters when consent is required.
  if (client.smsConsent === false || (rules.requireSmsConsent && client.smsConsent !== true)) {
    return { outcome: 'NO_CONSENT' };
  }
  const { phone } = facts;
  if (phone === undefined) return { outcome: 'NO_MOBILE' };
  if (facts.optedOut) return { outcome: 'OPTED_OUT' };
  if (!isSampled(hasher, unit.unitId, visit.appointmentId, rules.samplingRate))
    return { outcome: 'NOT_SAMPLED' };
  const sendTime = computeSendTime({
    completedAt: new Date(visit.completedAt),
    now: facts.now,
    timeZone: organization.timeZone,
    timing: rules.timing,
    sendWindow: rules.sendWindow,
    blockedDates: rules.blockedDates,
    maxLagHours: rules.maxLagHours,
  });
  if (!sendTime.ok) return { outcome: 'STALE' };
  return { outcome: 'ELIGIBLE', phone, sendAt: sendTime.sendAt };
}
