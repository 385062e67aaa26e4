import { describe, expect, it } from 'vitest';
import { decideByRules, type VisitFacts } from '../../shared/domain/decision';
import { createKeyedHasher } from '../../shared/domain/keys';
import { normaliseMobilePhone } from '../../shared/domain/phone';
import { mergeRules, type Organization, type Rules, type Unit } from '../../shared/schemas/config';
import { type AppointmentCompleted, appointmentCompletedSchema } from '../../shared/schemas/events';
import { DECISION_OUTCOMES } from '../../shared/schemas/records';

const hasher = createKeyedHasher('unit-test-hmac-key-123456');

const organization: Organization = {
  organizationId: 'org-pohde',
  name: { fi: 'Pohde', sv: 'Pohde', en: 'Pohde' },
  smsSenderId: 'Pohde',
  timeZone: 'Europe/Helsinki',
  recontactDays: 30,
  minReportN: 5,
  smsTemplates: { fi: '{link}', sv: '{link}', en: '{link}' },
  defaults: {},
  version: 1,
  updatedAt: '2026-01-01T00:00:00Z',
};
const unit = (rules: Rules = {}, enabled = true): Unit => ({
  unitId: 'unit-a',
  organizationId: 'org-pohde',
  name: { fi: 'A' },
  enabled,
  rules,
  version: 1,
  updatedAt: '2026-01-01T00:00:00Z',
});
const visit = (
  detail: Record<string, unknown> = {},
  client: Record<string, unknown> = {},
): AppointmentCompleted =>
  appointmentCompletedSchema.parse({
    schemaVersion: 1,
    appointmentId: 'A-1',
    organizationId: 'org-pohde',
    unitId: 'unit-a',
    serviceCode: 'T11',
    completedAt: '2026-11-20T09:40:00+02:00',
    ...detail,
    client: { personRef: 'p', mobilePhone: '+358401234567', age: 47, ...client },
  });

function decide(overrides: Partial<VisitFacts> = {}, unitOrMissing: Unit | 'missing' = unit()) {
  const u = unitOrMissing === 'missing' ? undefined : unitOrMissing;
  const v = overrides.visit ?? visit();
  return decideByRules(
    {
      visit: v,
      unit: u,
      organization,
      rules: mergeRules(u?.rules, organization.defaults),
      phone: normaliseMobilePhone(v.client.mobilePhone),
      optedOut: false,
      now: new Date('2026-11-20T08:00:00Z'),
      ...overrides,
    },
    hasher,
  ).outcome;
}

describe('decision per visit', () => {
  it('schedules an eligible visit', () => {
    expect(decide()).toBe('ELIGIBLE');
  });

  it.each([
    ['UNKNOWN_UNIT', () => decide({}, 'missing')],
    [
      'UNKNOWN_UNIT (unit of another organization)',
      () => decide({ visit: visit({ organizationId: 'org-other' }) }),
    ],
    ['UNIT_DISABLED', () => decide({}, unit({}, false))],
    [
      'CONTACT_TYPE',
      () => decide({ visit: visit({ contactType: 'phone' }) }, unit({ contactTypes: ['visit'] })),
    ],
    ['EXCLUDED_SERVICE', () => decide({}, unit({ excludedServiceCodes: ['T11'] }))],
    ['UNKNOWN_AGE', () => decide({ visit: visit({}, { age: undefined }) })],
    ['UNDER_AGE', () => decide({ visit: visit({}, { age: 17 }) })],
    ['DECEASED', () => decide({ visit: visit({}, { deceased: true }) })],
    ['SECURITY_BAN', () => decide({ visit: visit({}, { securityBan: true }) })],
    ['NO_CONSENT (refused)', () => decide({ visit: visit({}, { smsConsent: false }) })],
    ['NO_CONSENT (required, not given)', () => decide({}, unit({ requireSmsConsent: true }))],
    ['NO_MOBILE (missing)', () => decide({ visit: visit({}, { mobilePhone: undefined }) })],
    ['NO_MOBILE (landline)', () => decide({ visit: visit({}, { mobilePhone: '09 1234 567' }) })],
    ['NO_MOBILE (garbage)', () => decide({ visit: visit({}, { mobilePhone: 'soita äidille' }) })],
    ['OPTED_OUT', () => decide({ optedOut: true })],
    ['NOT_SAMPLED', () => decide({}, unit({ samplingRate: 0 }))],
    ['STALE', () => decide({ now: new Date('2026-11-25T08:00:00Z') })],
  ])('%s', (name, run) => {
    expect(run()).toBe(name.split(' ')[0]);
  });

  it('lets a unit with minAge 0 survey visits without an age', () => {
    expect(decide({ visit: visit({}, { age: undefined }) }, unit({ minAge: 0 }))).toBe('ELIGIBLE');
  });

  it('surveys a security-ban client only when the unit explicitly allows it', () => {
    expect(decide({ visit: visit({}, { securityBan: true }) }, unit({ excludeSecurityBan: false }))).toBe(
      'ELIGIBLE',
    );
  });

  it('applies the first failing check in the design order', () => {
    // A visit failing every rule check is decided by the first one.
    const everythingWrong = visit(
      { contactType: 'home' },
      { age: 3, deceased: true, securityBan: true, smsConsent: false, mobilePhone: undefined },
    );
    expect(decide({ visit: everythingWrong, optedOut: true }, unit({ contactTypes: ['visit'] }, false))).toBe(
      'UNIT_DISABLED',
    );
    expect(decide({ visit: everythingWrong }, unit({ contactTypes: ['visit'] }))).toBe('CONTACT_TYPE');
    expect(decide({ visit: everythingWrong })).toBe('UNDER_AGE');
    expect(decide({ visit: visit({}, { deceased: true, securityBan: true, smsConsent: false }) })).toBe(
      'DECEASED',
    );
    expect(decide({ visit: visit({}, { securityBan: true, smsConsent: false }) })).toBe('SECURITY_BAN');
    expect(decide({ visit: visit({}, { smsConsent: false, mobilePhone: undefined }) })).toBe('NO_CONSENT');
    expect(decide({ visit: visit({}, { mobilePhone: undefined }), optedOut: true })).toBe('NO_MOBILE');
    expect(decide({ optedOut: true }, unit({ samplingRate: 0 }))).toBe('OPTED_OUT');
    expect(decide({ now: new Date('2026-11-25T08:00:00Z') }, unit({ samplingRate: 0 }))).toBe('NOT_SAMPLED');
  });

  it('knows every outcome of the design, in its order', () => {
    expect(DECISION_OUTCOMES).toEqual([
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
    ]);
  });
});

describe('rules merge', () => {
  it('takes the unit, then the organization, then the system default', () => {
    const merged = mergeRules({ samplingRate: 0.5 }, { samplingRate: 0.2, maxLagHours: 48 });
    expect(merged.samplingRate).toBe(0.5);
    expect(merged.maxLagHours).toBe(48);
    expect(merged.linkTtlDays).toBe(14);
    expect(merged.minAge).toBe(18);
    expect(merged.excludeSecurityBan).toBe(true);
    expect(merged.timing).toEqual({ mode: 'nextDay', at: '12:00' });
    expect(merged.dailyQuota).toBeUndefined();
  });
});
