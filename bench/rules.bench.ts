import { createHmac } from 'node:crypto';
import { bench, describe, expect } from 'vitest';
import { decideByRules } from '../shared/domain/decision';
import { createKeyedHasher } from '../shared/domain/keys';
import { normaliseMobilePhone } from '../shared/domain/phone';
import { computeSendTime } from '../shared/domain/sendTime';
import { renderSurveySms } from '../shared/domain/sms';
import { mergeRules, type Organization, type Unit } from '../shared/schemas/config';
import { appointmentCompletedSchema } from '../shared/schemas/events';
import { describeRatio, ratioToFloor } from './floor';

// The pure rules must stay far below one DynamoDB round trip (~5 ms). Each is judged against a floor
// measured in the same run (see bench/floor.ts and docs/benchmarks.md), never as an absolute speed:
// - computeSendTime: at most SEND_TIME_TARGET times one time-zone lookup (formatToParts of a cached
//   Intl.DateTimeFormat for Europe/Helsinki), which dominates it [seen ~4.5]; a regression by an
//   order of magnitude shows here.
// - decideByRules: at most DECISION_TARGET times one HMAC-SHA256 of a short input (it computes a few) [seen ~5].
const SEND_TIME_TARGET = 15;
const DECISION_TARGET = 15;

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

const sendTimeAcrossChristmas = () =>
  computeSendTime({
    completedAt: new Date(visit.completedAt),
    now: new Date('2026-12-23T19:00:00Z'),
    timeZone: 'Europe/Helsinki',
    timing: rules.timing,
    sendWindow: rules.sendWindow,
    blockedDates: rules.blockedDates,
    maxLagHours: 96,
  });

let appointments = 0;
const decideFullPass = () => {
  appointments += 1;
  return decideByRules(
    {
      visit: { ...visit, appointmentId: `A-${appointments}` },
      unit,
      organization,
      rules,
      phone: '+358401234567',
      optedOut: false,
      now: new Date('2026-12-23T19:00:00Z'),
    },
    hasher,
  );
};

const helsinki = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Helsinki',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
let lookups = 0;

const sendTime = await ratioToFloor(
  sendTimeAcrossChristmas,
  () => helsinki.formatToParts(Date.UTC(2026, 11, 23, 19, 0, lookups++ % 60)),
  { oursPasses: 2000, floorPasses: 10_000 },
);
console.log(describeRatio('computeSendTime', sendTime, SEND_TIME_TARGET));
expect(sendTime.ratio).toBeLessThanOrEqual(SEND_TIME_TARGET);
const decision = await ratioToFloor(
  decideFullPass,
  () =>
    createHmac('sha256', 'bench-hmac-key-0123456789').update(`sample\u0000unit\u0000A-${lookups++}`).digest(),
  { oursPasses: 2000, floorPasses: 10_000 },
);
console.log(describeRatio('decideByRules', decision, DECISION_TARGET));
expect(decision.ratio).toBeLessThanOrEqual(DECISION_TARGET);

describe('pure rules', () => {
  bench('computeSendTime across blocked Christmas dates', () => {
    sendTimeAcrossChristmas();
  });
  bench('decideByRules (full pass)', () => {
    decideFullPass();
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
