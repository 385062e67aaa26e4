import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRules, type RulesCheckContext } from '../../shared/domain/rulesCheck';
import { addLocalDays, computeSendTime, zonedWallTimeToInstant } from '../../shared/domain/sendTime';
import { EXAMPLE_SMS_TEMPLATES } from '../../shared/domain/sms';
import {
  type EffectiveRules,
  mergeRules,
  type Rules,
  type SendWindow,
  type Timing,
  WEEKDAYS,
} from '../../shared/schemas/config';

const HKI = 'Europe/Helsinki';
const context: RulesCheckContext = {
  timeZone: HKI,
  enabled: true,
  publicBaseUrl: 'https://palaute.example.fi',
  today: '2026-01-05',
};
const rules = (overrides: Rules = {}): EffectiveRules => mergeRules(overrides, {});
const window = (overrides: Partial<SendWindow>): SendWindow => ({
  start: '08:00',
  end: '21:00',
  days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
  ...overrides,
});
const check = (overrides: Rules = {}, ctx: Partial<RulesCheckContext> = {}) =>
  checkRules(rules(overrides), { ...context, ...ctx });

describe('checkRules: the defaults', () => {
  it('the system defaults raise nothing', () => {
    expect(check()).toEqual({ errors: [], warnings: [] });
    expect(checkRules(rules(), { ...context, today: undefined })).toEqual({ errors: [], warnings: [] });
  });
});

describe('checkRules: the send window', () => {
  it('a window that ends before it starts is an error without allowNight', () => {
    expect(check({ sendWindow: window({ start: '21:00', end: '08:00' }) }).errors).toEqual([
      {
        path: 'sendWindow.end',
        message:
          'the window ends before it starts (21:00–08:00); a window across midnight needs "allowNight": true',
      },
    ]);
  });

  it('with allowNight a window across midnight is allowed', () => {
    expect(check({ sendWindow: window({ start: '18:00', end: '02:00', allowNight: true }) }).errors).toEqual(
      [],
    );
  });

  it('a start before 08:00 or an end after 21:00 allows night sends: an error at that field', () => {
    expect(check({ sendWindow: window({ start: '07:59' }) }).errors).toEqual([
      {
        path: 'sendWindow.start',
        message:
          'the window starts at 07:59, before 08:00: sends between 21:00 and 08:00 need "allowNight": true',
      },
    ]);
    expect(check({ sendWindow: window({ end: '21:01' }) }).errors).toEqual([
      {
        path: 'sendWindow.end',
        message:
          'the window ends at 21:01, after 21:00: sends between 21:00 and 08:00 need "allowNight": true',
      },
    ]);
    expect(check({ sendWindow: window({ start: '00:00', end: '23:59' }) }).errors.map((e) => e.path)).toEqual(
      ['sendWindow.start', 'sendWindow.end'],
    );
  });

  it('08:00–21:00 exactly is the widest day window (the end is exclusive)', () => {
    expect(check({ sendWindow: window({ start: '08:00', end: '21:00' }) }).errors).toEqual([]);
  });

  it('allowNight: true silences the night errors', () => {
    expect(check({ sendWindow: window({ start: '00:00', end: '23:59', allowNight: true }) })).toEqual({
      errors: [],
      warnings: [],
    });
  });

  it('property: without allowNight a window is accepted exactly when 08:00 <= start < end <= 21:00', () => {
    const hhmm = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(hhmm, hhmm, (start, end) => {
        fc.pre(start !== end);
        const windowPaths = check({ sendWindow: window({ start, end }), maxLagHours: 720 }).errors.filter(
          (e) => e.path.startsWith('sendWindow.'),
        );
        expect(windowPaths.length === 0).toBe(start >= '08:00' && start < end && end <= '21:00');
      }),
      { numRuns: 60 },
    );
  });
});

describe('checkRules: sampling', () => {
  it('sampling 0 on an enabled unit is a warning, not an error', () => {
    expect(check({ samplingRate: 0 })).toEqual({
      errors: [],
      warnings: [
        {
          path: 'samplingRate',
          message:
            'samplingRate is 0 on an enabled unit: no visit will be surveyed (every visit is NOT_SAMPLED)',
        },
      ],
    });
  });

  it('says nothing for a disabled unit or a rate above 0', () => {
    expect(check({ samplingRate: 0 }, { enabled: false }).warnings).toEqual([]);
    expect(check({ samplingRate: 0.01 }).warnings).toEqual([]);
  });
});

describe('checkRules: waits longer than maxLagHours', () => {
  it('a delay longer than maxLagHours: every visit STALE, said at timing.delayMinutes', () => {
    expect(check({ timing: { mode: 'delay', delayMinutes: 24 * 60 + 1 }, maxLagHours: 24 }).errors).toEqual([
      {
        path: 'timing.delayMinutes',
        message: 'a delay of 1441 minutes is longer than maxLagHours (24 h): every visit would be STALE',
      },
    ]);
    // Equal is still in time for a visit whose delay ends inside the window.
    expect(
      check({
        timing: { mode: 'delay', delayMinutes: 24 * 60 },
        maxLagHours: 24,
        sendWindow: window({ days: [...WEEKDAYS] }),
      }).errors,
    ).toEqual([]);
  });

  it('nextDay 12:00 with maxLagHours 12: even the last visit of a day waits 12 h, so every visit is STALE', () => {
    expect(check({ maxLagHours: 12 })).toEqual({
      errors: [
        {
          path: 'maxLagHours',
          message:
            'every visit would be STALE: even a visit completed just before midnight (Mon 2026-01-05 23:59) is sent Tue 2026-01-06 12:00, 12 h later, and maxLagHours (12 h) allows less',
        },
      ],
      warnings: [],
    });
  });

  it('nextDay 12:00 with maxLagHours 13: only some visits (early in the day) are STALE: a warning', () => {
    const { errors, warnings } = check({ maxLagHours: 13 });
    expect(errors).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.path).toBe('maxLagHours');
    expect(warnings[0]?.message).toMatch(
      /^some visits would be STALE: a visit completed Sat \S+ 00:00 is sent Mon \S+ 08:00/,
    );
  });

  it('counts the October DST change honestly: Saturday 00:00 → Monday 08:00 is 57 h that week, 56 h otherwise', () => {
    expect(check({ maxLagHours: 57 }).warnings).toEqual([]);
    expect(check({ maxLagHours: 56 }).warnings).toEqual([
      {
        path: 'maxLagHours',
        message:
          'some visits would be STALE: a visit completed Sat 2026-10-24 00:00 is sent Mon 2026-10-26 08:00, 57 h later, longer than maxLagHours (56 h)',
      },
    ]);
  });

  it('delay: the longest wait is a delay that ends just as Saturday’s window closes', () => {
    expect(check({ timing: { mode: 'delay', delayMinutes: 120 }, maxLagHours: 24 }).warnings).toEqual([
      {
        path: 'maxLagHours',
        message:
          'some visits would be STALE: a visit completed Sat 2026-10-24 19:00 is sent Mon 2026-10-26 08:00, 38 h later, longer than maxLagHours (24 h)',
      },
    ]);
    expect(check({ timing: { mode: 'delay', delayMinutes: 120 }, maxLagHours: 38 }).warnings).toEqual([]);
  });

  it('a run of blocked dates makes the visits before it wait longer', () => {
    const christmas = ['2026-12-24', '2026-12-25', '2026-12-26'];
    expect(check({ blockedDates: christmas }).warnings).toEqual([
      {
        path: 'maxLagHours',
        message:
          'some visits would be STALE: a visit completed Wed 2026-12-23 00:00 is sent Mon 2026-12-28 08:00, 128 h later, longer than maxLagHours (72 h)',
      },
    ]);
  });

  it('blocked dates beyond the year ahead are looked at too; blocked dates before today are not', () => {
    const later = ['2029-12-24', '2029-12-25', '2029-12-26'];
    expect(check({ blockedDates: later }).warnings[0]?.message).toMatch(
      /a visit completed Sat 2029-12-22 00:00 is sent Thu 2029-12-27 08:00, 128 h later/,
    );
    expect(check({ blockedDates: ['2025-12-24', '2025-12-25', '2025-12-26'] }).warnings).toEqual([]);
    // Without `today` every blocked date counts.
    expect(
      check({ blockedDates: ['2025-12-24', '2025-12-25', '2025-12-26'] }, { today: undefined }).warnings,
    ).toHaveLength(1);
  });

  it('a send day blocked every week for years: every visit is STALE, an error', () => {
    // Every Monday for over four years: the only send day never comes within maxLagHours.
    const mondays = Array.from({ length: 215 }, (_, k) => addLocalDays('2026-01-05', 7 * k));
    const { errors } = check({ sendWindow: window({ days: ['mon'] }), blockedDates: mondays });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('maxLagHours');
    expect(errors[0]?.message).toMatch(
      /^every visit would be STALE: even a visit completed just before midnight/,
    );
  });

  it('delay: a single short window a week still lets the visits just before it through', () => {
    const { errors, warnings } = check({
      timing: { mode: 'delay', delayMinutes: 60 },
      sendWindow: window({ start: '10:00', end: '11:00', days: ['wed'] }),
      maxLagHours: 24,
    });
    // The visit whose hour ends as the window closes waits a week (an hour more across the DST change).
    expect(errors).toEqual([]);
    expect(warnings[0]?.message).toMatch(
      /^some visits would be STALE: a visit completed Wed 2026-10-21 10:00 is sent Wed 2026-10-28 10:00, 169 h later/,
    );
  });

  it('property: no lag problem means no visit of the year is STALE; an error means every one is', () => {
    const hhmm = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    const timingArb: fc.Arbitrary<Timing> = fc.oneof(
      fc.record({
        mode: fc.constant('delay' as const),
        delayMinutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
      }),
      fc.record({ mode: fc.constant('nextDay' as const), at: hhmm }),
    );
    const rulesArb = fc.record({
      timing: timingArb,
      sendWindow: fc
        .record({
          start: hhmm,
          end: hhmm,
          days: fc.subarray([...WEEKDAYS], { minLength: 1 }),
          allowNight: fc.constant(true),
        })
        .filter((w) => w.start !== w.end),
      maxLagHours: fc.integer({ min: 1, max: 120 }),
      blockedDates: fc
        .uniqueArray(fc.integer({ min: 0, max: 360 }), { maxLength: 4 })
        .map((ks) => ks.map((k) => addLocalDays('2026-01-05', k))),
    });
    const visitsArb = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 360 }), fc.integer({ min: 0, max: 24 * 60 - 1 })),
      { minLength: 20, maxLength: 20 },
    );
    fc.assert(
      fc.property(rulesArb, visitsArb, (overrides, visits) => {
        const effective = rules(overrides);
        const result = checkRules(effective, context);
        const lag = [...result.errors, ...result.warnings].filter(
          (p) => p.path === 'maxLagHours' || p.path === 'timing.delayMinutes' || p.path === 'sendWindow',
        );
        const errored = result.errors.some((p) => lag.includes(p));
        for (const [day, minute] of visits) {
          const midnight = zonedWallTimeToInstant(addLocalDays('2026-01-05', day), '00:00', HKI).getTime();
          const completedAt = new Date(midnight + minute * 60_000);
          const sent = computeSendTime({ ...effective, completedAt, now: completedAt, timeZone: HKI });
          if (lag.length === 0) expect(sent.ok).toBe(true);
          if (errored) expect(sent.ok).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('checkRules: SMS templates', () => {
  const long = `${'a'.repeat(100)} {link} -{orgName}`;

  it('a template is checked with the longest of the given names', () => {
    // 100 + 1 + 51 (link) + 2 + name: fits with a 5-character name, not with a 13-character one.
    expect(check({}, { templates: { fi: long }, names: ['Pohde'] }).errors).toEqual([]);
    expect(check({}, { templates: { fi: long }, names: ['Pohde', 'Keski-Uusimaa'] }).errors).toEqual([
      {
        path: 'smsTemplates.fi',
        message: 'can be 167 GSM-7 characters with the longest name (13) and the link; one SMS holds 160',
      },
    ]);
  });

  it('without names, the longest name allowed (40) is assumed', () => {
    expect(check({}, { templates: EXAMPLE_SMS_TEMPLATES }).errors).toEqual([]);
    expect(check({}, { templates: { sv: long } }).errors.map((e) => e.path)).toEqual(['smsTemplates.sv']);
  });

  it('characters outside GSM-7 and a missing link are errors', () => {
    expect(check({}, { templates: { en: 'Hi “there” {link}' } }).errors).toEqual([
      { path: 'smsTemplates.en', message: 'characters outside GSM-7: "“" "”"' },
    ]);
    expect(check({}, { templates: { en: 'Hi -{orgName}' } }).errors).toEqual([
      { path: 'smsTemplates.en', message: 'must contain {link} exactly once' },
    ]);
  });
});
