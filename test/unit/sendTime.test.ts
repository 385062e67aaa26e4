import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addLocalDays,
  computeSendTime,
  earliestSendableInstant,
  isInsideSendWindow,
  localDateOf,
  type SendTimeInput,
  zonedWallTimeToInstant,
} from '../../shared/domain/sendTime';
import { type SendWindow, type Timing, WEEKDAYS, type Weekday } from '../../shared/schemas/config';

const HKI = 'Europe/Helsinki';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ALL_DAYS: Weekday[] = [...WEEKDAYS];
const MON_SAT: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DEFAULT_WINDOW: SendWindow = { start: '08:00', end: '21:00', days: MON_SAT };
const ALL_DAY: SendWindow = { start: '00:00', end: '23:59', days: ALL_DAYS };

const at = (iso: string) => new Date(iso);

function input(overrides: Partial<SendTimeInput> & { completedAt: Date }): SendTimeInput {
  return {
    now: overrides.completedAt,
    timeZone: HKI,
    timing: { mode: 'delay', delayMinutes: 0 },
    sendWindow: DEFAULT_WINDOW,
    blockedDates: [],
    maxLagHours: 72,
    ...overrides,
  };
}

function sendAtOf(i: SendTimeInput): string {
  const result = computeSendTime(i);
  if (!result.ok) throw new Error(`expected a send time, got ${result.reason}`);
  return result.sendAt.toISOString();
}

// An independent reading of wall-clock time, so the tests do not trust the module's own conversion.
const wallFormatters = new Map<string, Intl.DateTimeFormat>();
function wall(instant: Date | number, timeZone: string): { date: string; time: string; ms: number } {
  let f = wallFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  const date = `${p.year}-${p.month}-${p.day}`;
  const time = `${p.hour}:${p.minute}`;
  const ms = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return { date, time, ms };
}

/** The zone's offset at an instant, in ms (minute precision is enough for the zones used here). */
const offsetAt = (t: number, timeZone: string) => wall(t, timeZone).ms - Math.floor(t / MINUTE) * MINUTE;

const weekdayOfDate = (date: string) =>
  WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7] as Weekday;

describe('computeSendTime: delay mode', () => {
  it('sends after the delay when that is inside the window', () => {
    // Tue 2026-05-12 09:00 EEST + 2 h
    const i = input({
      completedAt: at('2026-05-12T06:00:00Z'),
      timing: { mode: 'delay', delayMinutes: 120 },
    });
    expect(sendAtOf(i)).toBe('2026-05-12T08:00:00.000Z');
  });

  it('keeps seconds when nothing has to move', () => {
    const i = input({ completedAt: at('2026-05-12T07:15:42.123Z') });
    expect(sendAtOf(i)).toBe('2026-05-12T07:15:42.123Z');
  });

  it('moves a time after the window end to the next day start', () => {
    // Tue 20:30 local + 2 h = 22:30 → Wed 08:00 EEST
    const i = input({
      completedAt: at('2026-05-12T17:30:00Z'),
      timing: { mode: 'delay', delayMinutes: 120 },
    });
    expect(sendAtOf(i)).toBe('2026-05-13T05:00:00.000Z');
  });

  it('moves a time before the window start to the same day start', () => {
    // Tue 03:30 local + 1 h = 04:30 → 08:00
    const i = input({ completedAt: at('2026-05-12T00:30:00Z'), timing: { mode: 'delay', delayMinutes: 60 } });
    expect(sendAtOf(i)).toBe('2026-05-12T05:00:00.000Z');
  });
});

describe('computeSendTime: nextDay mode', () => {
  it('sends the next local day at the given time (summer and winter offsets)', () => {
    const timing: Timing = { mode: 'nextDay', at: '12:00' };
    expect(sendAtOf(input({ completedAt: at('2026-05-12T12:00:00Z'), timing }))).toBe(
      '2026-05-13T09:00:00.000Z',
    );
    expect(sendAtOf(input({ completedAt: at('2026-01-13T10:00:00Z'), timing }))).toBe(
      '2026-01-14T10:00:00.000Z',
    );
  });

  it('takes "next day" from the local date, not the UTC date', () => {
    // 2026-05-12T22:30Z is already Wed 01:30 in Helsinki → Thu 12:00
    const i = input({ completedAt: at('2026-05-12T22:30:00Z'), timing: { mode: 'nextDay', at: '12:00' } });
    expect(sendAtOf(i)).toBe('2026-05-14T09:00:00.000Z');
  });

  it('moves an `at` before the window start to the window start', () => {
    const i = input({ completedAt: at('2026-05-12T10:00:00Z'), timing: { mode: 'nextDay', at: '07:00' } });
    expect(sendAtOf(i)).toBe('2026-05-13T05:00:00.000Z');
  });
});

describe('send window within a day', () => {
  it('is [start, end)', () => {
    const inside = (iso: string) => isInsideSendWindow(at(iso), HKI, DEFAULT_WINDOW, []);
    expect(inside('2026-05-12T04:59:59Z')).toBe(false); // Tue 07:59:59
    expect(inside('2026-05-12T05:00:00Z')).toBe(true); // 08:00
    expect(inside('2026-05-12T17:59:59Z')).toBe(true); // 20:59:59
    expect(inside('2026-05-12T18:00:00Z')).toBe(false); // 21:00
  });
});

describe('send window across midnight', () => {
  const FRIDAY_NIGHT: SendWindow = { start: '18:00', end: '02:00', days: ['fri'] };
  const inside = (iso: string, blocked: string[] = []) =>
    isInsideSendWindow(at(iso), HKI, FRIDAY_NIGHT, blocked);

  it('belongs to the day it starts on', () => {
    expect(inside('2026-05-15T14:59:00Z')).toBe(false); // Fri 17:59
    expect(inside('2026-05-15T15:00:00Z')).toBe(true); // Fri 18:00
    expect(inside('2026-05-15T21:00:00Z')).toBe(true); // Sat 00:00
    expect(inside('2026-05-15T22:59:00Z')).toBe(true); // Sat 01:59
    expect(inside('2026-05-15T23:00:00Z')).toBe(false); // Sat 02:00
    expect(inside('2026-05-14T22:00:00Z')).toBe(false); // Fri 01:00 belongs to Thursday's window
    expect(inside('2026-05-16T15:00:00Z')).toBe(false); // Sat 18:00
  });

  it('needs both the start date and the instant’s own date unblocked', () => {
    expect(inside('2026-05-15T20:30:00Z', ['2026-05-16'])).toBe(true); // Fri 23:30
    expect(inside('2026-05-15T21:30:00Z', ['2026-05-16'])).toBe(false); // Sat 00:30, Sat blocked
    expect(inside('2026-05-15T21:30:00Z', ['2026-05-15'])).toBe(false); // Sat 00:30, Fri blocked
    expect(inside('2026-05-15T17:00:00Z', ['2026-05-15'])).toBe(false); // Fri 20:00, Fri blocked
  });

  it('sends past midnight inside the window and otherwise waits for the next start', () => {
    const base = { sendWindow: FRIDAY_NIGHT, timing: { mode: 'delay', delayMinutes: 60 } as Timing };
    // Fri 23:00 + 1 h = Sat 00:00, still Friday's window
    expect(sendAtOf(input({ ...base, completedAt: at('2026-05-15T20:00:00Z') }))).toBe(
      '2026-05-15T21:00:00.000Z',
    );
    // Sat 01:30 + 1 h = Sat 02:30 → next Fri 18:00
    const late = input({ ...base, completedAt: at('2026-05-15T22:30:00Z'), maxLagHours: 200 });
    expect(sendAtOf(late)).toBe('2026-05-22T15:00:00.000Z');
    expect(computeSendTime({ ...late, maxLagHours: 72 })).toEqual({ ok: false, reason: 'STALE' });
  });

  it('skips the tail after a blocked midnight', () => {
    const from = at('2026-05-15T21:10:00Z'); // Sat 00:10, Sat blocked
    expect(earliestSendableInstant(from, HKI, FRIDAY_NIGHT, ['2026-05-16'])?.toISOString()).toBe(
      '2026-05-22T15:00:00.000Z',
    );
  });

  it('covers the early hours of every allowed day', () => {
    const nightly: SendWindow = { start: '22:00', end: '06:00', days: ALL_DAYS };
    expect(isInsideSendWindow(at('2026-05-12T00:00:00Z'), HKI, nightly, [])).toBe(true); // Tue 03:00
    expect(earliestSendableInstant(at('2026-05-12T09:00:00Z'), HKI, nightly, [])?.toISOString()).toBe(
      '2026-05-12T19:00:00.000Z',
    );
  });

  it('ends exactly at midnight when end is 00:00', () => {
    const evening: SendWindow = { start: '18:00', end: '00:00', days: ['fri'] };
    expect(isInsideSendWindow(at('2026-05-15T20:59:00Z'), HKI, evening, [])).toBe(true); // Fri 23:59
    expect(isInsideSendWindow(at('2026-05-15T21:00:00Z'), HKI, evening, [])).toBe(false); // Sat 00:00
  });
});

describe('weekdays and blocked dates', () => {
  it('moves a Sunday send to Monday’s window start', () => {
    // Sat visit, nextDay 12:00 → Sunday is not in days → Mon 08:00 EEST
    const i = input({ completedAt: at('2026-05-16T10:00:00Z'), timing: { mode: 'nextDay', at: '12:00' } });
    expect(sendAtOf(i)).toBe('2026-05-18T05:00:00.000Z');
    expect(isInsideSendWindow(at('2026-05-17T09:00:00Z'), HKI, DEFAULT_WINDOW, [])).toBe(false);
  });

  it('skips a run of blocked dates (Christmas 24–26.12) and the Sunday after it', () => {
    const christmas = ['2026-12-24', '2026-12-25', '2026-12-26'];
    // Wed 2026-12-23 20:00 EET, nextDay 12:00 → Thu–Sat blocked, Sun not a send day → Mon 08:00 EET
    const i = input({
      completedAt: at('2026-12-23T18:00:00Z'),
      timing: { mode: 'nextDay', at: '12:00' },
      blockedDates: christmas,
      maxLagHours: 120,
    });
    expect(sendAtOf(i)).toBe('2026-12-28T06:00:00.000Z');
    expect(computeSendTime({ ...i, maxLagHours: 72 })).toEqual({ ok: false, reason: 'STALE' });
    expect(sendAtOf({ ...i, sendWindow: { ...DEFAULT_WINDOW, days: ALL_DAYS } })).toBe(
      '2026-12-27T06:00:00.000Z',
    );
    expect(sendAtOf({ ...i, timing: { mode: 'delay', delayMinutes: 90 } })).toBe('2026-12-28T06:00:00.000Z');
    expect(isInsideSendWindow(at('2026-12-25T10:00:00Z'), HKI, DEFAULT_WINDOW, christmas)).toBe(false);
  });

  it('gives up after searchDays when every date is blocked', () => {
    const start = '2026-01-01';
    const blocked = Array.from({ length: 410 }, (_, k) => addLocalDays(start, k - 1));
    expect(earliestSendableInstant(at('2026-01-01T10:00:00Z'), HKI, ALL_DAY, blocked)).toBeUndefined();
    expect(
      earliestSendableInstant(at('2026-01-01T10:00:00Z'), HKI, ALL_DAY, blocked.slice(0, 5))?.toISOString(),
    ).toBe('2026-01-04T22:00:00.000Z');
    expect(
      earliestSendableInstant(at('2026-01-01T10:00:00Z'), HKI, ALL_DAY, blocked.slice(0, 5), 2),
    ).toBeUndefined();
    const i = input({ completedAt: at('2026-01-01T10:00:00Z'), sendWindow: ALL_DAY, blockedDates: blocked });
    expect(computeSendTime({ ...i, maxLagHours: 720 })).toEqual({ ok: false, reason: 'STALE' });
  });
});

describe('late and stale events', () => {
  const completedAt = at('2026-05-12T06:00:00Z'); // Tue 09:00 EEST

  it('sends a late event at now when now is inside the window', () => {
    const now = at('2026-05-13T10:00:30Z'); // Wed 13:00:30
    expect(sendAtOf(input({ completedAt, now, timing: { mode: 'delay', delayMinutes: 60 } }))).toBe(
      now.toISOString(),
    );
    expect(sendAtOf(input({ completedAt, now, timing: { mode: 'nextDay', at: '12:00' } }))).toBe(
      now.toISOString(),
    );
  });

  it('sends a late event at the next window start when now is outside', () => {
    const now = at('2026-05-13T19:30:00Z'); // Wed 22:30
    expect(sendAtOf(input({ completedAt, now }))).toBe('2026-05-14T05:00:00.000Z');
  });

  it('is STALE once maxLagHours have passed, and not a moment earlier', () => {
    expect(computeSendTime(input({ completedAt, now: at('2026-05-15T06:00:01Z') }))).toEqual({
      ok: false,
      reason: 'STALE',
    });
    expect(sendAtOf(input({ completedAt, now: at('2026-05-15T06:00:00Z') }))).toBe(
      '2026-05-15T06:00:00.000Z',
    );
  });

  it('is STALE when the window pushes the send beyond maxLagHours', () => {
    // Tue 21:30 → Wed 08:00 is 10.5 h later
    const evening = input({ completedAt: at('2026-05-12T18:30:00Z'), maxLagHours: 10 });
    expect(computeSendTime(evening)).toEqual({ ok: false, reason: 'STALE' });
    expect(sendAtOf({ ...evening, maxLagHours: 11 })).toBe('2026-05-13T05:00:00.000Z');
    // Tue 22:00 → Wed 08:00 is exactly 10 h: still in time
    expect(sendAtOf(input({ completedAt: at('2026-05-12T19:00:00Z'), maxLagHours: 10 }))).toBe(
      '2026-05-13T05:00:00.000Z',
    );
  });

  it('never sends before completedAt, even if now lags behind it', () => {
    const i = input({ completedAt, now: at('2026-05-12T05:00:00Z') });
    expect(sendAtOf(i)).toBe(completedAt.toISOString());
  });
});

describe('daylight saving time in Europe/Helsinki', () => {
  it('spring forward: nextDay at 03:30 (in the gap) is sent at 04:30 EEST', () => {
    const i = input({
      completedAt: at('2026-03-28T10:00:00Z'),
      timing: { mode: 'nextDay', at: '03:30' },
      sendWindow: ALL_DAY,
    });
    expect(sendAtOf(i)).toBe('2026-03-29T01:30:00.000Z');
  });

  it('spring forward: a window start in the gap opens at 04:30 EEST', () => {
    const window: SendWindow = { start: '03:30', end: '21:00', days: ALL_DAYS };
    const i = input({
      completedAt: at('2026-03-28T10:00:00Z'),
      timing: { mode: 'nextDay', at: '02:00' }, // 02:00 EET = 00:00Z, before the window
      sendWindow: window,
    });
    expect(sendAtOf(i)).toBe('2026-03-29T01:30:00.000Z');
    expect(isInsideSendWindow(at('2026-03-29T01:00:00Z'), HKI, window, [])).toBe(false); // 04:00 EEST
    expect(isInsideSendWindow(at('2026-03-29T01:30:00Z'), HKI, window, [])).toBe(true);
    // The next day is an ordinary summer day: 03:30 EEST
    expect(earliestSendableInstant(at('2026-03-29T19:00:00Z'), HKI, window, [])?.toISOString()).toBe(
      '2026-03-30T00:30:00.000Z',
    );
  });

  it('spring forward: a delay keeps the elapsed minutes exact', () => {
    // 02:30 EET + 120 min = 05:30 EEST (only two real hours, three on the clock)
    const i = input({
      completedAt: at('2026-03-29T00:30:00Z'),
      timing: { mode: 'delay', delayMinutes: 120 },
      sendWindow: ALL_DAY,
    });
    expect(sendAtOf(i)).toBe('2026-03-29T02:30:00.000Z');
  });

  it('spring forward: nextDay 12:00 is 12:00 EEST', () => {
    const i = input({
      completedAt: at('2026-03-28T10:00:00Z'),
      timing: { mode: 'nextDay', at: '12:00' },
      sendWindow: { ...DEFAULT_WINDOW, days: ALL_DAYS },
    });
    expect(sendAtOf(i)).toBe('2026-03-29T09:00:00.000Z');
  });

  it('fall back: nextDay at 03:30 (ambiguous) takes the first occurrence, 03:30 EEST', () => {
    const i = input({
      completedAt: at('2026-10-24T10:00:00Z'),
      timing: { mode: 'nextDay', at: '03:30' },
      sendWindow: ALL_DAY,
    });
    expect(sendAtOf(i)).toBe('2026-10-25T00:30:00.000Z');
  });

  it('fall back: a delay keeps the elapsed minutes exact', () => {
    const timing: Timing = { mode: 'delay', delayMinutes: 60 };
    // 03:30 EEST + 60 min = the second 03:30 (EET)
    expect(sendAtOf(input({ completedAt: at('2026-10-25T00:30:00Z'), timing, sendWindow: ALL_DAY }))).toBe(
      '2026-10-25T01:30:00.000Z',
    );
    // 02:30 EEST + 60 min = the first 03:30
    expect(sendAtOf(input({ completedAt: at('2026-10-24T23:30:00Z'), timing, sendWindow: ALL_DAY }))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('fall back: window edges at an ambiguous time use the first occurrence', () => {
    const nightEndingInOverlap: SendWindow = { start: '22:00', end: '03:30', days: ['sat'] };
    expect(isInsideSendWindow(at('2026-10-25T00:29:00Z'), HKI, nightEndingInOverlap, [])).toBe(true); // 03:29 EEST
    expect(isInsideSendWindow(at('2026-10-25T00:30:00Z'), HKI, nightEndingInOverlap, [])).toBe(false); // 03:30 EEST
    expect(isInsideSendWindow(at('2026-10-25T01:15:00Z'), HKI, nightEndingInOverlap, [])).toBe(false); // 03:15 EET
    const dayStartingInOverlap: SendWindow = { start: '03:30', end: '21:00', days: ALL_DAYS };
    expect(
      earliestSendableInstant(at('2026-10-25T00:00:00Z'), HKI, dayStartingInOverlap, [])?.toISOString(),
    ).toBe('2026-10-25T00:30:00.000Z');
    // Once open the window stays open, also through the repeated 03:00–03:29 EET
    expect(isInsideSendWindow(at('2026-10-25T01:15:00Z'), HKI, dayStartingInOverlap, [])).toBe(true);
  });

  it('sends one nextDay survey a day at 12:00 local through both changes', () => {
    const weeks: Array<[string, string]> = [
      ['2026-03-25', '2026-04-02'],
      ['2026-10-21', '2026-10-29'],
    ];
    for (const [first, last] of weeks) {
      const sends: string[] = [];
      for (let day = first; day <= last; day = addLocalDays(day, 1)) {
        const result = computeSendTime(
          input({
            completedAt: zonedWallTimeToInstant(day, '15:00', HKI),
            timing: { mode: 'nextDay', at: '12:00' },
            sendWindow: { ...DEFAULT_WINDOW, days: ALL_DAYS },
          }),
        );
        if (!result.ok) throw new Error('expected ok');
        const local = wall(result.sendAt, HKI);
        expect(local.time).toBe('12:00');
        expect(local.date).toBe(addLocalDays(day, 1));
        sends.push(result.sendAt.toISOString());
      }
      expect(new Set(sends).size).toBe(sends.length);
    }
  });
});

describe('zonedWallTimeToInstant', () => {
  const cases: Array<[string, string, string, string]> = [
    ['2026-01-15', '12:00', HKI, '2026-01-15T10:00:00.000Z'],
    ['2026-07-15', '12:00', HKI, '2026-07-15T09:00:00.000Z'],
    // spring-forward gap 03:00–03:59 moves forward one hour
    ['2026-03-29', '02:59', HKI, '2026-03-29T00:59:00.000Z'],
    ['2026-03-29', '03:00', HKI, '2026-03-29T01:00:00.000Z'],
    ['2026-03-29', '03:30', HKI, '2026-03-29T01:30:00.000Z'],
    ['2026-03-29', '03:59', HKI, '2026-03-29T01:59:00.000Z'],
    ['2026-03-29', '04:00', HKI, '2026-03-29T01:00:00.000Z'],
    // fall-back overlap 03:00–03:59 takes the first (EEST) occurrence
    ['2026-10-25', '02:59', HKI, '2026-10-24T23:59:00.000Z'],
    ['2026-10-25', '03:00', HKI, '2026-10-25T00:00:00.000Z'],
    ['2026-10-25', '03:30', HKI, '2026-10-25T00:30:00.000Z'],
    ['2026-10-25', '03:59', HKI, '2026-10-25T00:59:00.000Z'],
    ['2026-10-25', '04:00', HKI, '2026-10-25T02:00:00.000Z'],
    ['2026-10-25', '00:00', HKI, '2026-10-24T21:00:00.000Z'],
    // other zones: US gap and overlap, a 30-minute DST, a half-hour offset, UTC
    ['2026-03-08', '02:30', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    ['2026-11-01', '01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'],
    ['2026-10-04', '02:15', 'Australia/Lord_Howe', '2026-10-03T15:45:00.000Z'],
    ['2026-06-01', '12:00', 'Asia/Kolkata', '2026-06-01T06:30:00.000Z'],
    ['2026-06-01', '12:00', 'UTC', '2026-06-01T12:00:00.000Z'],
  ];
  it.each(cases)('%s %s %s → %s', (date, time, timeZone, expected) => {
    expect(zonedWallTimeToInstant(date, time, timeZone).toISOString()).toBe(expected);
  });

  it('rejects malformed input and unknown zones', () => {
    expect(() => zonedWallTimeToInstant('2026-02-30', '12:00', HKI)).toThrow(RangeError);
    expect(() => zonedWallTimeToInstant('2026-2-3', '12:00', HKI)).toThrow(RangeError);
    expect(() => zonedWallTimeToInstant('2026-02-03', '24:00', HKI)).toThrow(RangeError);
    expect(() => zonedWallTimeToInstant('2026-02-03', '12:00', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('localDateOf and addLocalDays', () => {
  it('reads the date in the given zone', () => {
    expect(localDateOf(at('2026-05-12T21:30:00Z'), HKI)).toBe('2026-05-13');
    expect(localDateOf(at('2026-05-12T21:30:00Z'), 'UTC')).toBe('2026-05-12');
    expect(localDateOf(at('2026-05-13T02:00:00Z'), 'America/New_York')).toBe('2026-05-12');
  });

  it('does calendar arithmetic across months, years, leap days and DST', () => {
    expect(addLocalDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addLocalDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addLocalDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addLocalDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addLocalDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addLocalDays('2026-05-12', 400)).toBe('2027-06-16');
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties

const ZONES = [HKI, HKI, HKI, 'America/New_York', 'Australia/Lord_Howe', 'UTC'] as const;
// Helsinki changes in 2025–2028; random instants near them exercise gaps and overlaps far more often.
const HKI_TRANSITIONS = [
  '2025-03-30T01:00:00Z',
  '2025-10-26T01:00:00Z',
  '2026-03-29T01:00:00Z',
  '2026-10-25T01:00:00Z',
  '2027-03-28T01:00:00Z',
  '2027-10-31T01:00:00Z',
  '2028-03-26T01:00:00Z',
  '2028-10-29T01:00:00Z',
].map((iso) => Date.parse(iso));

const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
// Bias towards the full hour and the DST hours so that edges line up with transitions.
const windowTime = fc.oneof(
  hhmm,
  fc.constantFrom('00:00', '03:00', '03:30', '04:00', '08:00', '18:00', '21:00'),
);
const sendWindowArb: fc.Arbitrary<SendWindow> = fc
  .record({ start: windowTime, end: windowTime, days: fc.subarray([...WEEKDAYS], { minLength: 1 }) })
  .filter((w) => w.start !== w.end);
const timingArb: fc.Arbitrary<Timing> = fc.oneof(
  fc.record({ mode: fc.constant('delay' as const), delayMinutes: fc.integer({ min: 0, max: 600 }) }),
  fc.record({ mode: fc.constant('delay' as const), delayMinutes: fc.integer({ min: 0, max: 7 * 24 * 60 }) }),
  fc.record({ mode: fc.constant('nextDay' as const), at: windowTime }),
);
const instantArb = fc.oneof(
  fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 11, 31, 23, 59, 59) }),
  fc
    .tuple(fc.constantFrom(...HKI_TRANSITIONS), fc.integer({ min: -48 * 60, max: 48 * 60 }))
    .map(([t, minutes]) => t + minutes * MINUTE),
);
const scenarioArb = fc
  .record({
    completedMs: instantArb,
    nowDeltaMs: fc.integer({ min: 0, max: 100 * HOUR }),
    timeZone: fc.constantFrom(...ZONES),
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

/** The rule's candidate time, rebuilt from the stated rules rather than taken from the module. */
function candidateOf(i: SendTimeInput): number {
  const base =
    i.timing.mode === 'delay'
      ? i.completedAt.getTime() + i.timing.delayMinutes * MINUTE
      : zonedWallTimeToInstant(
          addLocalDays(localDateOf(i.completedAt, i.timeZone), 1),
          i.timing.at,
          i.timeZone,
        ).getTime();
  return Math.max(base, i.now.getTime(), i.completedAt.getTime());
}

const RUNS = { numRuns: 300 };

describe('properties', () => {
  it('an ok send time is inside the window, after completedAt and now, and within maxLagHours', () => {
    fc.assert(
      fc.property(scenarioArb, (i) => {
        const result = computeSendTime(i);
        if (!result.ok) return;
        const t = result.sendAt.getTime();
        expect(isInsideSendWindow(result.sendAt, i.timeZone, i.sendWindow, i.blockedDates)).toBe(true);
        expect(t).toBeGreaterThanOrEqual(i.completedAt.getTime());
        expect(t).toBeGreaterThanOrEqual(i.now.getTime());
        expect(t).toBeLessThanOrEqual(i.completedAt.getTime() + i.maxLagHours * HOUR);
      }),
      RUNS,
    );
  });

  it('an ok send time is the earliest sendable instant from the candidate', () => {
    fc.assert(
      fc.property(scenarioArb, (i) => {
        const result = computeSendTime(i);
        if (!result.ok) return;
        const t = result.sendAt.getTime();
        const candidate = candidateOf(i);
        expect(t).toBeGreaterThanOrEqual(candidate);
        if (t === candidate) return;
        // A moved time lands on a whole minute, and nothing between the candidate and it is sendable:
        // every sendable stretch begins at a window start or a midnight, so checking those suffices.
        expect(t % MINUTE).toBe(0);
        expect(isInsideSendWindow(new Date(candidate), i.timeZone, i.sendWindow, i.blockedDates)).toBe(false);
        expect(isInsideSendWindow(new Date(t - 1), i.timeZone, i.sendWindow, i.blockedDates)).toBe(false);
        const lastDate = localDateOf(result.sendAt, i.timeZone);
        for (
          let d = addLocalDays(localDateOf(new Date(candidate), i.timeZone), -1);
          d <= lastDate;
          d = addLocalDays(d, 1)
        ) {
          for (const time of [i.sendWindow.start, '00:00']) {
            const p = zonedWallTimeToInstant(d, time, i.timeZone);
            if (p.getTime() >= candidate && p.getTime() < t) {
              expect(isInsideSendWindow(p, i.timeZone, i.sendWindow, i.blockedDates)).toBe(false);
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('STALE exactly when no sendable instant exists by the deadline', () => {
    fc.assert(
      fc.property(scenarioArb, (i) => {
        const result = computeSendTime(i);
        const deadline = i.completedAt.getTime() + i.maxLagHours * HOUR;
        const earliest = earliestSendableInstant(
          new Date(candidateOf(i)),
          i.timeZone,
          i.sendWindow,
          i.blockedDates,
        );
        const sendable = earliest !== undefined && earliest.getTime() <= deadline;
        expect(result.ok).toBe(sendable);
        if (result.ok) expect(result.sendAt.getTime()).toBe(earliest?.getTime());
      }),
      RUNS,
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(scenarioArb, (i) => {
        expect(computeSendTime(structuredClone(i))).toEqual(computeSendTime(i));
      }),
      RUNS,
    );
  });

  it('isInsideSendWindow follows the wall clock on days without a DST change', () => {
    fc.assert(
      fc.property(
        instantArb,
        fc.constantFrom(...ZONES),
        sendWindowArb,
        fc.uniqueArray(fc.integer({ min: -2, max: 2 }), { maxLength: 3 }),
        (ms, timeZone, w, blockedOffsets) => {
          const { date, time } = wall(ms, timeZone);
          const dayLength =
            zonedWallTimeToInstant(addLocalDays(date, 1), '00:00', timeZone).getTime() -
            zonedWallTimeToInstant(date, '00:00', timeZone).getTime();
          fc.pre(dayLength === DAY);
          const blocked = blockedOffsets.map((k) => addLocalDays(date, k));
          const yesterday = addLocalDays(date, -1);
          const open = (d: string) => w.days.includes(weekdayOfDate(d)) && !blocked.includes(d);
          const expected =
            !blocked.includes(date) &&
            (w.start < w.end
              ? open(date) && w.start <= time && time < w.end
              : (open(date) && time >= w.start) || (open(yesterday) && time < w.end));
          expect(isInsideSendWindow(new Date(ms), timeZone, w, blocked)).toBe(expected);
        },
      ),
      RUNS,
    );
  });

  it('zonedWallTimeToInstant inverts the wall clock, preferring the earlier of two occurrences', () => {
    fc.assert(
      fc.property(instantArb, fc.constantFrom(...ZONES), (ms, timeZone) => {
        const t = Math.floor(ms / MINUTE) * MINUTE;
        const { date, time } = wall(t, timeZone);
        const back = zonedWallTimeToInstant(date, time, timeZone).getTime();
        expect(wall(back, timeZone)).toMatchObject({ date, time });
        expect(back).toBeLessThanOrEqual(t);
        // Only a fall-back overlap has a second occurrence, one DST shift later.
        if (back < t) expect(t - back).toBe(offsetAt(back, timeZone) - offsetAt(t, timeZone));
      }),
      RUNS,
    );
  });

  it('zonedWallTimeToInstant moves a wall time in a gap forward by the gap length', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc
            .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 11, 31) })
            .map((ms) => new Date(ms).toISOString().slice(0, 10)),
          // Helsinki, New York and Lord Howe change days
          fc.constantFrom(
            '2025-03-30',
            '2026-03-29',
            '2026-10-25',
            '2028-03-26',
            '2026-03-08',
            '2026-11-01',
            '2026-10-04',
          ),
        ),
        fc.oneof(hhmm, fc.constantFrom('03:00', '03:30', '03:59', '02:00', '02:30')),
        fc.constantFrom(...ZONES),
        (date, time, timeZone) => {
          const result = zonedWallTimeToInstant(date, time, timeZone).getTime();
          const [h, m] = time.split(':').map(Number) as [number, number];
          const asked = Date.UTC(
            Number(date.slice(0, 4)),
            Number(date.slice(5, 7)) - 1,
            Number(date.slice(8, 10)),
            h,
            m,
          );
          const got = wall(result, timeZone).ms;
          if (got === asked) return;
          const gap = offsetAt(result, timeZone) - offsetAt(result - DAY, timeZone);
          expect(gap).toBeGreaterThan(0);
          expect(got - asked).toBe(gap);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
