import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKeyedHasher } from '../../shared/domain/keys';
import { PREVIEW_TOKEN, previewVisit, type VisitPreviewInput } from '../../shared/domain/preview';
import {
  addLocalDays,
  computeSendTime,
  explainSendTime,
  formatLocalIso,
  isInsideSendWindow,
  localDateOf,
  type SendTimeInput,
} from '../../shared/domain/sendTime';
import { EXAMPLE_SMS_TEMPLATES, smsSize } from '../../shared/domain/sms';
import {
  mergeRules,
  type Organization,
  type SendWindow,
  type Timing,
  type Unit,
  WEEKDAYS,
  type Weekday,
} from '../../shared/schemas/config';
import { type AppointmentCompleted, appointmentCompletedSchema } from '../../shared/schemas/events';

const HKI = 'Europe/Helsinki';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MON_SAT: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DEFAULT_WINDOW: SendWindow = { start: '08:00', end: '21:00', days: MON_SAT };

function input(overrides: Partial<SendTimeInput> & { completedAt: Date }): SendTimeInput {
  return {
    now: overrides.completedAt,
    timeZone: HKI,
    timing: { mode: 'nextDay', at: '12:00' },
    sendWindow: DEFAULT_WINDOW,
    blockedDates: [],
    maxLagHours: 72,
    ...overrides,
  };
}

const reasons = (i: SendTimeInput) => explainSendTime(i).shifts.map((s) => s.reason);
const moves = (i: SendTimeInput) =>
  explainSendTime(i).shifts.map((s) => `${s.reason} ${s.from.toISOString()} → ${s.to.toISOString()}`);

describe('explainSendTime: every move with its reason', () => {
  it('nextDay inside the window: one move, and the send time of computeSendTime', () => {
    const i = input({ completedAt: new Date('2026-11-20T09:40:00+02:00') });
    const explained = explainSendTime(i);
    expect(moves(i)).toEqual(['nextDay 2026-11-20T07:40:00.000Z → 2026-11-21T10:00:00.000Z']);
    expect(explained.result).toEqual({ ok: true, sendAt: new Date('2026-11-21T10:00:00Z') });
    expect(explained.baseAt.toISOString()).toBe('2026-11-21T10:00:00.000Z');
    expect(explained.sendBy.toISOString()).toBe('2026-11-23T07:40:00.000Z');
  });

  it('a delay is the base, not a move: inside the window there is nothing to explain', () => {
    const i = input({
      completedAt: new Date('2026-11-20T09:40:00+02:00'),
      timing: { mode: 'delay', delayMinutes: 120 },
    });
    expect(explainSendTime(i).shifts).toEqual([]);
    expect(explainSendTime(i).result).toEqual({ ok: true, sendAt: new Date('2026-11-20T11:40:00+02:00') });
  });

  it('after the window: to the next window start (window), then past Sunday (weekday)', () => {
    // Saturday 20:00 + 2 h = 22:00, after 21:00; Sunday is not a send day.
    const i = input({
      completedAt: new Date('2026-11-21T20:00:00+02:00'),
      timing: { mode: 'delay', delayMinutes: 120 },
    });
    expect(moves(i)).toEqual([
      'window 2026-11-21T20:00:00.000Z → 2026-11-22T06:00:00.000Z',
      'weekday 2026-11-22T06:00:00.000Z → 2026-11-23T06:00:00.000Z',
    ]);
  });

  it('before the window: to the same day’s window start', () => {
    const i = input({
      completedAt: new Date('2026-11-19T17:00:00+02:00'),
      timing: { mode: 'nextDay', at: '06:30' },
    });
    expect(reasons(i)).toEqual(['nextDay', 'window']);
    expect(explainSendTime(i).result).toEqual({ ok: true, sendAt: new Date('2026-11-20T08:00:00+02:00') });
  });

  it('a blocked date, then a day not in days, then the window', () => {
    // Friday 2026-12-25 blocked (Christmas), Saturday 26th blocked, Sunday not a send day.
    const i = input({
      completedAt: new Date('2026-12-24T10:00:00+02:00'),
      blockedDates: ['2026-12-25', '2026-12-26'],
    });
    expect(moves(i)).toEqual([
      'nextDay 2026-12-24T08:00:00.000Z → 2026-12-25T10:00:00.000Z',
      'blockedDate 2026-12-25T10:00:00.000Z → 2026-12-26T06:00:00.000Z',
      'blockedDate 2026-12-26T06:00:00.000Z → 2026-12-27T06:00:00.000Z',
      'weekday 2026-12-27T06:00:00.000Z → 2026-12-28T06:00:00.000Z',
    ]);
    expect(explainSendTime(i).result).toEqual(computeSendTime(i));
  });

  it('a late event moves from the base time to now (late)', () => {
    const i = input({
      completedAt: new Date('2026-11-20T09:40:00+02:00'),
      now: new Date('2026-11-21T15:00:00+02:00'),
    });
    expect(moves(i)).toEqual([
      'nextDay 2026-11-20T07:40:00.000Z → 2026-11-21T10:00:00.000Z',
      'late 2026-11-21T10:00:00.000Z → 2026-11-21T13:00:00.000Z',
    ]);
  });

  it('STALE keeps the moves that led past the deadline', () => {
    const i = input({ completedAt: new Date('2026-11-21T09:00:00+02:00'), maxLagHours: 30 });
    const explained = explainSendTime(i);
    expect(explained.result).toEqual({ ok: false, reason: 'STALE' });
    expect(computeSendTime(i)).toEqual({ ok: false, reason: 'STALE' });
    expect(explained.shifts.map((s) => s.reason)).toEqual(['nextDay', 'weekday']);
    expect(explained.shifts.at(-1)?.to.getTime()).toBeGreaterThan(explained.sendBy.getTime());
  });

  it('a window across midnight: the tail after midnight is cut by a blocked next day', () => {
    const night: SendWindow = { start: '18:00', end: '02:00', days: [...WEEKDAYS], allowNight: true };
    const i = input({
      completedAt: new Date('2026-11-20T23:30:00+02:00'),
      timing: { mode: 'delay', delayMinutes: 60 },
      sendWindow: night,
      blockedDates: ['2026-11-21'],
    });
    // 00:30 on the blocked 21st: nothing that day, not even the tail of the 20th's window.
    expect(moves(i)).toEqual(['blockedDate 2026-11-20T22:30:00.000Z → 2026-11-22T16:00:00.000Z']);
    expect(explainSendTime(i).result).toEqual(computeSendTime(i));
  });

  it('October DST change: Saturday 25 h after a Friday visit, the Sunday is 25 hours long', () => {
    // Fri 2026-10-23 20:30 → nextDay Sat 12:00 (+03:00)... Saturday is a send day: no weekday move.
    const i = input({
      completedAt: new Date('2026-10-24T20:30:00+03:00'),
      timing: { mode: 'delay', delayMinutes: 60 },
    });
    // Sat 21:30 after the window → Sun 08:00 (+02:00 now) → Mon 08:00.
    expect(moves(i)).toEqual([
      'window 2026-10-24T18:30:00.000Z → 2026-10-25T06:00:00.000Z',
      'weekday 2026-10-25T06:00:00.000Z → 2026-10-26T06:00:00.000Z',
    ]);
    const result = explainSendTime(i).result;
    expect(result.ok && formatLocalIso(result.sendAt, HKI)).toBe('2026-10-26T08:00:00+02:00');
  });
});

describe('formatLocalIso', () => {
  it('is the wall time with the offset in force then', () => {
    expect(formatLocalIso(new Date('2026-11-21T10:00:00Z'), HKI)).toBe('2026-11-21T12:00:00+02:00');
    expect(formatLocalIso(new Date('2026-07-01T09:00:00Z'), HKI)).toBe('2026-07-01T12:00:00+03:00');
    // The repeated hour of the October change: the same wall time, two offsets.
    expect(formatLocalIso(new Date('2026-10-25T00:30:00Z'), HKI)).toBe('2026-10-25T03:30:00+03:00');
    expect(formatLocalIso(new Date('2026-10-25T01:30:00Z'), HKI)).toBe('2026-10-25T03:30:00+02:00');
    expect(formatLocalIso(new Date('2026-11-21T10:00:00Z'), 'America/St_Johns')).toBe(
      '2026-11-21T06:30:00-03:30',
    );
    expect(formatLocalIso(new Date('2026-11-21T10:00:00Z'), 'UTC')).toBe('2026-11-21T10:00:00+00:00');
  });

  it('reads back as the same instant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2029, 0, 1) }),
        fc.constantFrom(HKI, 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata'),
        (ms, zone) => {
          const instant = new Date(Math.floor(ms / 1000) * 1000);
          expect(new Date(formatLocalIso(instant, zone)).getTime()).toBe(instant.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// The explained result agrees with computeSendTime, above all across Helsinki's DST changes.

const HKI_TRANSITIONS = [
  '2025-03-30T01:00:00Z',
  '2025-10-26T01:00:00Z',
  '2026-03-29T01:00:00Z',
  '2026-10-25T01:00:00Z',
  '2027-03-28T01:00:00Z',
  '2027-10-31T01:00:00Z',
].map((iso) => Date.parse(iso));
const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const windowTime = fc.oneof(
  hhmm,
  fc.constantFrom('00:00', '02:30', '03:00', '03:30', '04:00', '08:00', '21:00'),
);
const sendWindowArb: fc.Arbitrary<SendWindow> = fc
  .record({ start: windowTime, end: windowTime, days: fc.subarray([...WEEKDAYS], { minLength: 1 }) })
  .filter((w) => w.start !== w.end);
const timingArb: fc.Arbitrary<Timing> = fc.oneof(
  fc.record({ mode: fc.constant('delay' as const), delayMinutes: fc.integer({ min: 0, max: 600 }) }),
  fc.record({ mode: fc.constant('delay' as const), delayMinutes: fc.integer({ min: 0, max: 7 * 24 * 60 }) }),
  fc.record({ mode: fc.constant('nextDay' as const), at: windowTime }),
);
const scenarioArb = fc
  .record({
    completedMs: fc.oneof(
      fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) }),
      fc
        .tuple(fc.constantFrom(...HKI_TRANSITIONS), fc.integer({ min: -72 * 60, max: 48 * 60 }))
        .map(([t, minutes]) => t + minutes * MINUTE),
    ),
    nowDeltaMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100 * HOUR })),
    timeZone: fc.constantFrom(HKI, HKI, HKI, 'America/New_York', 'Australia/Lord_Howe', 'UTC'),
    timing: timingArb,
    sendWindow: sendWindowArb,
    blockedOffsets: fc.uniqueArray(fc.integer({ min: -2, max: 12 }), { maxLength: 8 }),
    maxLagHours: fc.integer({ min: 1, max: 720 }),
  })
  .map(({ completedMs, nowDeltaMs, timeZone, blockedOffsets, ...rest }): SendTimeInput => {
    const completedAt = new Date(completedMs);
    const firstDate = localDateOf(completedAt, timeZone);
    return {
      ...rest,
      completedAt,
      now: new Date(completedMs + nowDeltaMs),
      timeZone,
      blockedDates: blockedOffsets.map((k) => addLocalDays(firstDate, k)),
    };
  });

describe('properties of the explanation', () => {
  it('ends exactly at computeSendTime’s send time, or both are STALE', () => {
    fc.assert(
      fc.property(scenarioArb, (i) => {
        expect(explainSendTime(i).result).toEqual(computeSendTime(i));
      }),
      { numRuns: 2000 },
    );
  });

  it('is a chain from the visit: each move starts where the last ended, goes forward, and only the last lands in the window', () => {
    fc.assert(
      fc.property(scenarioArb, (i) => {
        const { shifts, result } = explainSendTime(i);
        // A delay is the base time itself; nextDay starts from completedAt with its own move.
        let t = i.completedAt.getTime() + (i.timing.mode === 'delay' ? i.timing.delayMinutes * MINUTE : 0);
        for (const [index, shift] of shifts.entries()) {
          expect(shift.from.getTime()).toBe(t);
          expect(shift.to.getTime()).toBeGreaterThan(t);
          if (shift.reason === 'nextDay') expect(index).toBe(0);
          if (shift.reason === 'late') expect(shift.to.getTime()).toBe(i.now.getTime());
          if (index < shifts.length - 1 && shift.reason !== 'nextDay' && shift.reason !== 'late') {
            expect(isInsideSendWindow(shift.to, i.timeZone, i.sendWindow, i.blockedDates)).toBe(false);
          }
          t = shift.to.getTime();
        }
        if (result.ok) expect(result.sendAt.getTime()).toBe(t);
      }),
      { numRuns: 1000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------

describe('smsSize', () => {
  it('GSM-7: 160 septets are one segment, 161 are two parts of up to 153', () => {
    expect(smsSize('a'.repeat(160))).toEqual({ encoding: 'GSM-7', characters: 160, segments: 1 });
    expect(smsSize('a'.repeat(161))).toEqual({ encoding: 'GSM-7', characters: 161, segments: 2 });
    expect(smsSize('a'.repeat(306))).toEqual({ encoding: 'GSM-7', characters: 306, segments: 2 });
    expect(smsSize('a'.repeat(307))).toEqual({ encoding: 'GSM-7', characters: 307, segments: 3 });
  });

  it('äöåÄÖÅ are GSM-7; € takes two septets and is never split between parts', () => {
    expect(smsSize('äöåÄÖÅ')).toEqual({ encoding: 'GSM-7', characters: 6, segments: 1 });
    expect(smsSize('€')).toEqual({ encoding: 'GSM-7', characters: 2, segments: 1 });
    // 152 + € (2) = 154 septets: the euro sign does not fit the first part's last septet.
    expect(smsSize(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toEqual({
      encoding: 'GSM-7',
      characters: 306,
      segments: 3,
    });
  });

  it('curly quotes and emoji make UCS-2: 70 units in one segment, parts of 67, surrogates kept whole', () => {
    expect(smsSize('“a”')).toEqual({ encoding: 'UCS-2', characters: 3, segments: 1 });
    expect(smsSize('😀')).toEqual({ encoding: 'UCS-2', characters: 2, segments: 1 });
    expect(smsSize('’'.repeat(70))).toEqual({ encoding: 'UCS-2', characters: 70, segments: 1 });
    expect(smsSize('’'.repeat(71))).toEqual({ encoding: 'UCS-2', characters: 71, segments: 2 });
    expect(smsSize('’'.repeat(134))).toEqual({ encoding: 'UCS-2', characters: 134, segments: 2 });
    // 66 units then an emoji (2): it moves whole to the second part.
    expect(smsSize(`${'’'.repeat(66)}😀${'’'.repeat(66)}`)).toEqual({
      encoding: 'UCS-2',
      characters: 134,
      segments: 3,
    });
  });
});

// ---------------------------------------------------------------------------------------------------

const organization: Organization = {
  organizationId: 'org-pohde',
  name: { fi: 'Pohde', sv: 'Pohde', en: 'Pohde' },
  smsSenderId: 'Pohde',
  timeZone: HKI,
  recontactDays: 30,
  minReportN: 5,
  smsTemplates: EXAMPLE_SMS_TEMPLATES,
  defaults: {},
  version: 1,
  updatedAt: '2026-01-01T00:00:00Z',
};
const unit: Unit = {
  unitId: 'unit-tk-keskusta',
  organizationId: 'org-pohde',
  name: { fi: 'Keskustan terveysasema' },
  enabled: true,
  rules: {},
  version: 1,
  updatedAt: '2026-01-01T00:00:00Z',
};
const visitOf = (overrides: Record<string, unknown> = {}, client: Record<string, unknown> = {}) =>
  appointmentCompletedSchema.parse({
    schemaVersion: 1,
    appointmentId: 'A-1',
    organizationId: 'org-pohde',
    unitId: 'unit-tk-keskusta',
    completedAt: '2026-11-20T09:40:00+02:00',
    ...overrides,
    client: { personRef: 'p-1', mobilePhone: '+358401234567', language: 'fi', age: 47, ...client },
  }) as AppointmentCompleted;
const previewInput = (overrides: Partial<VisitPreviewInput> = {}): VisitPreviewInput => ({
  visit: visitOf(),
  unit,
  organization,
  rules: mergeRules(unit.rules, organization.defaults),
  senderName: 'Pohde',
  publicBaseUrl: 'https://palaute.example.fi',
  now: new Date('2026-11-20T09:45:00+02:00'),
  ...overrides,
});

describe('previewVisit', () => {
  it('a visit that passes every rule is SCHEDULED with its send time, reasons and SMS', () => {
    const preview = previewVisit(previewInput());
    expect(preview).toMatchObject({
      outcome: 'SCHEDULED',
      sendAt: '2026-11-21T10:00:00.000Z',
      sendAtLocal: '2026-11-21T12:00:00+02:00',
      shifts: [
        {
          reason: 'nextDay',
          from: '2026-11-20T07:40:00.000Z',
          to: '2026-11-21T10:00:00.000Z',
          fromLocal: '2026-11-20T09:40:00+02:00',
          toLocal: '2026-11-21T12:00:00+02:00',
        },
      ],
    });
    const text = `Hei! Kiitos asioinnistasi. Kerro kokemuksestasi, se vie minuutin: https://palaute.example.fi/s/${PREVIEW_TOKEN} -Pohde`;
    expect(preview.sms).toEqual({ text, characters: text.length, segments: 1, encoding: 'GSM-7' });
    expect(PREVIEW_TOKEN).toHaveLength(22);
  });

  it('the SMS is in the visit’s language; another language gets English', () => {
    expect(previewVisit(previewInput({ visit: visitOf({}, { language: 'sv-FI' }) })).sms.text).toMatch(
      /^Hej!/,
    );
    expect(previewVisit(previewInput({ visit: visitOf({}, { language: 'de' }) })).sms.text).toMatch(/^Hi!/);
  });

  it('an ineligible visit gets its rule outcome and no send time', () => {
    const preview = previewVisit(previewInput({ visit: visitOf({}, { age: 15 }) }));
    expect(preview).toMatchObject({ outcome: 'UNDER_AGE', sendAt: null, sendAtLocal: null, shifts: [] });
    expect(previewVisit(previewInput({ visit: visitOf({}, { mobilePhone: '09 310 1691' }) })).outcome).toBe(
      'NO_MOBILE',
    );
  });

  it('uses the injected now: a visit completed long ago is STALE, with the moves that made it so', () => {
    const preview = previewVisit(previewInput({ now: new Date('2026-11-25T10:00:00+02:00') }));
    expect(preview.outcome).toBe('STALE');
    expect(preview.sendAt).toBeNull();
    expect(preview.sendBy).toBe('2026-11-23T07:40:00.000Z');
    expect(preview.shifts.map((s) => s.reason)).toEqual(['nextDay', 'late']);
  });

  it('sampling: 0 is NOT_SAMPLED for every visit; anything above counts as sampled', () => {
    const rules = mergeRules({ samplingRate: 0 }, {});
    expect(previewVisit(previewInput({ rules })).outcome).toBe('NOT_SAMPLED');
    // A rate and appointment that the real key would leave out: the preview still says SCHEDULED.
    const hasher = createKeyedHasher('test-hmac-key-0123456789');
    const rate = 0.01;
    const outOfSample = Array.from({ length: 50 }, (_, k) => `A-${k}`).find(
      (id) => hasher.samplingPoint(unit.unitId, id) >= rate,
    );
    expect(outOfSample).toBeDefined();
    expect(
      previewVisit(
        previewInput({
          rules: mergeRules({ samplingRate: rate }, {}),
          visit: visitOf({ appointmentId: outOfSample }),
        }),
      ).outcome,
    ).toBe('SCHEDULED');
  });

  it('the send time agrees with computeSendTime for any completion time around the October change', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -72 * 60, max: 48 * 60 }),
        fc.integer({ min: 0, max: 6 * 60 }),
        (m, late) => {
          const completedAt = new Date(Date.parse('2026-10-25T01:00:00Z') + m * MINUTE);
          const now = new Date(completedAt.getTime() + late * MINUTE);
          const preview = previewVisit(
            previewInput({ visit: visitOf({ completedAt: completedAt.toISOString() }), now }),
          );
          const expected = computeSendTime({
            completedAt,
            now,
            timeZone: HKI,
            timing: { mode: 'nextDay', at: '12:00' },
            sendWindow: DEFAULT_WINDOW,
            blockedDates: [],
            maxLagHours: 72,
          });
          expect(preview.sendAt).toBe(expected.ok ? expected.sendAt.toISOString() : null);
          expect(preview.outcome).toBe(expected.ok ? 'SCHEDULED' : 'STALE');
          if (preview.sendAt !== null) expect(preview.shifts.at(-1)?.to).toBe(preview.sendAt);
        },
      ),
      { numRuns: 300 },
    );
  });
});
