import { bench, describe } from 'vitest';
import { decideByRules } from '../shared/domain/decision';
import { createKeyedHasher } from '../shared/domain/keys';
import { normaliseMobilePhone } from '../shared/domain/phone';
import { computeSendTime } from '../shared/domain/sendTime';
import { renderSurveySms } from '../shared/domain/sms';
import { mergeRules, type Organization, type Unit } from '../shared/schemas/config';
import { appointmentCompletedSchema } from '../shared/schemas/events';

// Target (2-core machine): the pure rules must stay far below one DynamoDB round trip (~5 ms), i.e.
// decideByRules and computeSendTime at 1,000+ operations per second each (seen: ~4,000 and ~8,000).
// computeSendTime is dominated by Intl time-zone lookups; a regression by an order of magnitude shows here.
const hasher = createKeyedHasher('bench-hmac-key-0123456789');
const organization: Organization = {
  organizationId: 'org',
  name: { fi: 'Pohde', sv: 'Pohde', en: 'Pohde' },
  smsSenderId: 'Pohde',
  timeZone: 'Europe/Helsinki',
  recontactDays: 30,
  minReportN: 5,
  smsTemplates: { fi: 'Hei {link} -{orgName}', sv: '{link}', en: '{link}' },
  defaults: { blockedDates: ['2026-12-24', '2026-12-25', '2026-12-26'] },
  version: 1,
  updatedAt: '2026-01-01T00:00:00Z',
};
const unit: Unit = {
  unitId: 'unit',
  organizationId: 'org',
  name: { fi: 'U' },
  enabled: true,
  rules: { samplingRate: 0.5 },
  version: 1,
  updatedAt: '2026-01-01T00:00:00Z',
};
const rules = mergeRules(unit.rules, organization.defaults);
const visit = appointmentCompletedSchema.parse({
  schemaVersion: 1,
  appointmentId: 'A-1',
  organizationId: 'org',
  unitId: 'unit',
  completedAt: '2026-12-23T20:40:00+02:00',
  client: { personRef: 'p', mobilePhone: '040 123 4567', age: 50 },
});

describe('pure rules', () => {
  let i = 0;
  bench('computeSendTime across blocked Christmas dates', () => {
    computeSendTime({
      completedAt: new Date(visit.completedAt),
      now: new Date('2026-12-23T19:00:00Z'),
      timeZone: 'Europe/Helsinki',
      timing: rules.timing,
      sendWindow: rules.sendWindow,
      blockedDates: rules.blockedDates,
      maxLagHours: 96,
    });
  });
  bench('decideByRules (full pass)', () => {
    i += 1;
    decideByRules(
      {
        visit: { ...visit, appointmentId: `A-${i}` },
        unit,
        organization,
        rules,
        phone: '+358401234567',
        optedOut: false,
        now: new Date('2026-12-23T19:00:00Z'),
      },
      hasher,
    );
  });
  bench('normaliseMobilePhone', () => {
    normaliseMobilePhone('040 123 4567');
  });
  bench('renderSurveySms', () => {
    renderSurveySms(organization.smsTemplates.fi, {
      link: 'https://p.fi/s/AAAAAAAAAAAAAAAAAAAAAA',
      senderName: 'Pohde',
    });
  });
});
