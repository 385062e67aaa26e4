import type { SendWindow, Timing, Weekday } from '../schemas/config';

export interface SendTimeInput {
  /** When the visit was completed. */
  completedAt: Date;
  /** Current time: ingest time, or send time when re-checking. */
  now: Date;
  /** IANA zone, e.g. 'Europe/Helsinki'. */
  timeZone: string;
  timing: Timing;
  sendWindow: SendWindow;
  /** Local dates 'YYYY-MM-DD' on which nothing is sent. */
  blockedDates: string[];
  maxLagHours: number;
}

export type SendTimeResult = { ok: true; sendAt: Date } | { ok: false; reason: 'STALE' };

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
const DEFAULT_SEARCH_DAYS = 400;

// Indexed like Date#getUTCDay(): Sunday first.
const WEEKDAY_BY_UTC_DAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The send time of a visit: the timing rule's base time, or `now` if that is later, moved to the
 * earliest instant inside the send window. STALE when that instant is later than
 * `completedAt + maxLagHours` (or none exists).
 */
export function computeSendTime(input: SendTimeInput): SendTimeResult {
  const { completedAt, now, timeZone, timing, sendWindow, blockedDates, maxLagHours } = input;
  const completedMs = validInstantMs(completedAt, 'completedAt');
  const nowMs = validInstantMs(now, 'now');
  const base = baseSendMs(completedAt, timeZone, timing);
  // The base is already >= completedAt; keeping completedAt here makes "never before the visit" hold by itself.
  const candidate = Math.max(base, nowMs, completedMs);
  const deadline = completedMs + maxLagHours * HOUR_MS;
  if (!(candidate <= deadline)) return { ok: false, reason: 'STALE' };
  // Anything found beyond the deadline is STALE anyway; a short search keeps ingest cheap
  // when most dates are blocked. +2 covers the day-boundary rounding on both ends.
  const searchDays = Math.ceil((deadline - candidate) / DAY_MS) + 2;
  const sendAt = earliestSendableInstant(new Date(candidate), timeZone, sendWindow, blockedDates, searchDays);
  if (sendAt === undefined || sendAt.getTime() > deadline) return { ok: false, reason: 'STALE' };
  return { ok: true, sendAt };
}

/**
 * Why the send time moved: `nextDay` (the timing rule's next day at HH:MM), `late` (the event came
 * after the base time, so it goes from "now"), `window` (outside the day's window hours, to the next
 * window start), `weekday` (a day not in `days`), `blockedDate` (a blocked local date).
 */
export type SendTimeShiftReason = 'nextDay' | 'late' | 'window' | 'weekday' | 'blockedDate';

export interface SendTimeShift {
  reason: SendTimeShiftReason;
  from: Date;
  to: Date;
}

export interface SendTimeExplanation {
  /** Exactly what {@link computeSendTime} answers for the same input. */
  result: SendTimeResult;
  /** The timing rule's base time: completedAt + delay, or the next local day at `at`. */
  baseAt: Date;
  /** completedAt + maxLagHours: a send after this is STALE. */
  sendBy: Date;
  /**
   * Every move from completedAt to the send time, in order, each from where the previous one ended.
   * For a STALE visit, the moves until the deadline was passed.
   */
  shifts: SendTimeShift[];
}

/**
 * {@link computeSendTime} with its reasons: walks from the base time through the days, one move per
 * reason. It finds the same instant by a different route (day by day rather than the earliest of all
 * windows); a property test holds the two equal, across DST changes too.
 */
export function explainSendTime(input: SendTimeInput): SendTimeExplanation {
  const { completedAt, now, timeZone, timing, sendWindow, blockedDates, maxLagHours } = input;
  const completedMs = validInstantMs(completedAt, 'completedAt');
  const nowMs = validInstantMs(now, 'now');
  const baseMs = baseSendMs(completedAt, timeZone, timing);
  const deadline = completedMs + maxLagHours * HOUR_MS;
  const shifts: SendTimeShift[] = [];
  let t = completedMs;
  const move = (reason: SendTimeShiftReason, to: number) => {
    if (to <= t) return;
    shifts.push({ reason, from: new Date(t), to: new Date(to) });
    t = to;
  };
  if (timing.mode === 'nextDay') move('nextDay', baseMs);
  // A delay is the base itself, not a move.
  t = Math.max(t, baseMs);
  move('late', nowMs);
  const explained = (result: SendTimeResult): SendTimeExplanation => ({
    result,
    baseAt: new Date(baseMs),
    sendBy: new Date(deadline),
    shifts,
  });
  if (!(t <= deadline)) return explained({ ok: false, reason: 'STALE' });

  const blocked = new Set(blockedDates);
  const crossesMidnight = sendWindow.start > sendWindow.end;
  const startOf = (day: string) => zonedWallTimeToInstant(day, sendWindow.start, timeZone).getTime();
  const endOf = (day: string) =>
    zonedWallTimeToInstant(crossesMidnight ? addLocalDays(day, 1) : day, sendWindow.end, timeZone).getTime();
  // The day whose window is looked at: a window across midnight that started yesterday may still be open.
  let day = addLocalDays(localDateOf(new Date(t), timeZone), crossesMidnight ? -1 : 0);
  const maxSteps = 4 * (Math.ceil((deadline - t) / DAY_MS) + 4);
  for (let step = 0; step < maxSteps && t <= deadline; step++) {
    if (isInsideSendWindow(new Date(t), timeZone, sendWindow, blockedDates)) {
      return explained({ ok: true, sendAt: new Date(t) });
    }
    const next = addLocalDays(day, 1);
    if (endOf(day) <= t) {
      // Only today's window closing is a move of its own; yesterday's ending is no reason.
      if (day >= localDateOf(new Date(t), timeZone)) move('window', startOf(next));
      day = next;
    } else if (blocked.has(day)) {
      move('blockedDate', startOf(next));
      day = next;
    } else if (!sendWindow.days.includes(weekdayOf(day))) {
      move('weekday', startOf(next));
      day = next;
    } else if (t < startOf(day)) {
      move('window', startOf(day));
    } else {
      // Inside the day's hours yet not sendable: the tail after midnight on a blocked next day.
      day = next;
    }
  }
  return explained({ ok: false, reason: 'STALE' });
}

/** `instant` as local wall time with the zone's offset then, e.g. `2026-11-21T12:00:00+02:00`. */
export function formatLocalIso(instant: Date, timeZone: string): string {
  const ms = validInstantMs(instant, 'instant');
  const p = localParts(ms, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const offsetMinutes = Math.round(offsetMs(ms, timeZone) / MINUTE_MS);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${formatDate(p.year, p.month, p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * Each allowed day's window is the instant range [start, end) with both ends converted by
 * {@link zonedWallTimeToInstant}, so the DST rules for a wall time in a gap or an overlap apply to the
 * window's edges too. A window across midnight also needs its own start date to be unblocked.
 */
export function isInsideSendWindow(
  instant: Date,
  timeZone: string,
  sendWindow: SendWindow,
  blockedDates: readonly string[],
): boolean {
  const t = validInstantMs(instant, 'instant');
  const blocked = new Set(blockedDates);
  const today = localDateOf(instant, timeZone);
  if (blocked.has(today)) return false;
  // The window that started yesterday can still be open today when it crosses midnight.
  for (const day of [addLocalDays(today, -1), today]) {
    for (const [from, to] of windowIntervals(day, timeZone, sendWindow, blocked)) {
      if (from <= t && t < to) return true;
    }
  }
  return false;
}

/**
 * Earliest instant >= `from` inside the window (`from` itself if inside), or undefined if none within
 * `searchDays` local days after `from`'s local date.
 */
export function earliestSendableInstant(
  from: Date,
  timeZone: string,
  sendWindow: SendWindow,
  blockedDates: readonly string[],
  searchDays: number = DEFAULT_SEARCH_DAYS,
): Date | undefined {
  const t = validInstantMs(from, 'from');
  const blocked = new Set(blockedDates);
  const firstDay = localDateOf(from, timeZone);
  let best: number | undefined;
  // Starts a day early for a cross-midnight window that is still open at `from`.
  for (let offset = -1; offset <= searchDays; offset++) {
    const day = addLocalDays(firstDay, offset);
    for (const [start, end] of windowIntervals(day, timeZone, sendWindow, blocked)) {
      if (t < end) {
        const hit = Math.max(start, t);
        if (best === undefined || hit < best) best = hit;
      }
    }
    // Consecutive days' windows can overlap only around a DST gap, so one more day after the first
    // hit is enough to be sure of the earliest one.
    if (best !== undefined) {
      const next = addLocalDays(day, 1);
      for (const [start, end] of windowIntervals(next, timeZone, sendWindow, blocked)) {
        if (t < end) best = Math.min(best, Math.max(start, t));
      }
      return new Date(best);
    }
  }
  return undefined;
}

/** The local calendar date of `instant` in `timeZone`, 'YYYY-MM-DD'. */
export function localDateOf(instant: Date, timeZone: string): string {
  const p = localParts(validInstantMs(instant, 'instant'), timeZone);
  return formatDate(p.year, p.month, p.day);
}

/** The wall-clock reading of `instant` in `timeZone`: local date, 'HH:MM' and seconds. */
export function localWallTime(
  instant: Date,
  timeZone: string,
): { date: string; time: string; second: number } {
  const p = localParts(validInstantMs(instant, 'instant'), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: formatDate(p.year, p.month, p.day),
    time: `${pad(p.hour)}:${pad(p.minute)}`,
    second: p.second,
  };
}

/** Calendar arithmetic on a local date; no time zone is involved. */
export function addLocalDays(localDate: string, days: number): string {
  const { year, month, day } = parseLocalDate(localDate);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * Wall-clock local date + time in `timeZone` → instant. A time in a spring-forward gap moves forward
 * by the gap length (03:30 → 04:30 in Helsinki); an ambiguous fall-back time takes the earlier
 * occurrence.
 */
export function zonedWallTimeToInstant(localDate: string, time: string, timeZone: string): Date {
  const key = `${timeZone} ${localDate} ${time}`;
  let ms = wallTimeInstants.get(key);
  if (ms === undefined) {
    ms = wallTimeToInstantMs(localDate, time, timeZone);
    // Bounded: the window edges of the days in use are what repeats.
    if (wallTimeInstants.size >= WALL_TIME_CACHE_SIZE) wallTimeInstants.clear();
    wallTimeInstants.set(key, ms);
  }
  return new Date(ms);
}

const WALL_TIME_CACHE_SIZE = 20_000;
const wallTimeInstants = new Map<string, number>();

function wallTimeToInstantMs(localDate: string, time: string, timeZone: string): number {
  const { year, month, day } = parseLocalDate(localDate);
  const { hour, minute } = parseLocalTime(time);
  // The wall time read as if it were UTC; the real instant is this minus the zone's offset then.
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The real instant lies within ±14 h of `wall`, so offsets a day either side are the ones in force
  // before and after any transition near it (zones never change offset twice within two days).
  const before = offsetMs(wall - DAY_MS, timeZone);
  const after = offsetMs(wall + DAY_MS, timeZone);
  const valid = [before, offsetMs(wall, timeZone), after]
    .map((offset) => wall - offset)
    .filter((t) => wall - t === offsetMs(t, timeZone));
  if (valid.length > 0) return Math.min(...valid);
  // A gap: reading the wall time with the pre-transition offset lands exactly gap-length later.
  return wall - before;
}

/** Weekday of a local date; pure calendar arithmetic, so the machine's zone cannot leak in. */
function weekdayOf(localDate: string): Weekday {
  const { year, month, day } = parseLocalDate(localDate);
  return WEEKDAY_BY_UTC_DAY[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] as Weekday;
}

/**
 * The instant ranges [from, to) of the window that starts on `day`, empty when the day is not allowed.
 * A cross-midnight window is split at midnight so that a blocked next day cuts off its tail.
 */
function windowIntervals(
  day: string,
  timeZone: string,
  sendWindow: SendWindow,
  blocked: ReadonlySet<string>,
): Array<[number, number]> {
  if (blocked.has(day) || !sendWindow.days.includes(weekdayOf(day))) return [];
  const start = zonedWallTimeToInstant(day, sendWindow.start, timeZone).getTime();
  if (sendWindow.start < sendWindow.end) {
    const end = zonedWallTimeToInstant(day, sendWindow.end, timeZone).getTime();
    return start < end ? [[start, end]] : [];
  }
  const nextDay = addLocalDays(day, 1);
  const midnight = zonedWallTimeToInstant(nextDay, '00:00', timeZone).getTime();
  const intervals: Array<[number, number]> = [];
  if (start < midnight) intervals.push([start, midnight]);
  if (!blocked.has(nextDay)) {
    const end = zonedWallTimeToInstant(nextDay, sendWindow.end, timeZone).getTime();
    if (midnight < end) intervals.push([midnight, end]);
  }
  return intervals;
}

function baseSendMs(completedAt: Date, timeZone: string, timing: Timing): number {
  if (timing.mode === 'delay') return completedAt.getTime() + timing.delayMinutes * MINUTE_MS;
  const nextDay = addLocalDays(localDateOf(completedAt, timeZone), 1);
  return zonedWallTimeToInstant(nextDay, timing.at, timeZone).getTime();
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws a RangeError for an unknown zone, which is what callers should see.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function localParts(ms: number, timeZone: string): LocalParts {
  const parts: LocalParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type in parts) parts[part.type as keyof LocalParts] = Number(part.value);
  }
  return parts;
}

/** The zone's UTC offset at `ms`, whole seconds (historic offsets are not whole minutes). */
function offsetMs(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

function parseLocalDate(localDate: string): { year: number; month: number; day: number } {
  const match = LOCAL_DATE.exec(localDate);
  if (!match) throw new RangeError(`expected a local date YYYY-MM-DD, got ${JSON.stringify(localDate)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    throw new RangeError(`no such date: ${localDate}`);
  }
  return { year, month, day };
}

function parseLocalTime(time: string): { hour: number; minute: number } {
  const match = LOCAL_TIME.exec(time);
  if (!match) throw new RangeError(`expected a local time HH:MM, got ${JSON.stringify(time)}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function validInstantMs(instant: Date, name: string): number {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
}
