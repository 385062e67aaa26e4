/** Which visit dates a night recomputes, and the month arithmetic of the aggregates' keys. Pure. */
import { addLocalDays } from './sendTime';

export interface WindowRules {
  linkTtlDays: number;
  maxLagHours: number;
}

/**
 * How many days before the run date a visit date can still change. A visit on day D is sent at the
 * latest `maxLagHours` after it was completed, and its link answers for `linkTtlDays` after that, so
 * its last answer falls on D + ceil(maxLagHours / 24) + linkTtlDays at the latest; one more day covers
 * daylight-saving shifts and answers stored while the job runs.
 */
export function lookbackDays(rules: WindowRules): number {
  return rules.linkTtlDays + Math.ceil(rules.maxLagHours / 24) + 1;
}

/** The visit dates still open on `runDate` (normally yesterday): oldest first, `runDate` last. */
export function openVisitDates(runDate: string, rules: readonly WindowRules[]): string[] {
  const days = Math.max(0, ...rules.map(lookbackDays));
  return Array.from({ length: days + 1 }, (_, i) => addLocalDays(runDate, i - days));
}

/** 'YYYY-MM' of a 'YYYY-MM-DD'. */
export const monthOf = (date: string) => date.slice(0, 7);

/** Every date of a month, 'YYYY-MM-01' … last day. */
export function datesOfMonth(month: string): string[] {
  const dates: string[] = [];
  for (let date = `${month}-01`; monthOf(date) === month; date = addLocalDays(date, 1)) dates.push(date);
  return dates;
}

/** The most months `monthsBetween` lists: a hundred years, far beyond any report or job. */
export const MAX_MONTHS_BETWEEN = 1200;

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Months since year 0 of a 'YYYY-MM'; a RangeError for anything else. */
function monthNumber(month: string): number {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new RangeError(`not a month YYYY-MM: ${JSON.stringify(month)}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

/**
 * Months from `from` to `to` inclusive ('YYYY-MM'), none when `to` is before `from`. Compared as
 * numbers (as strings, '10000-01' sorts before '9999-12'), and bounded: a span over
 * `MAX_MONTHS_BETWEEN` months is a RangeError, never a runaway loop of queries.
 */
export function monthsBetween(from: string, to: string): string[] {
  const first = monthNumber(from);
  const last = monthNumber(to);
  const count = last - first + 1;
  if (count <= 0) return [];
  if (count > MAX_MONTHS_BETWEEN) {
    throw new RangeError(`${count} months from ${from} to ${to}; at most ${MAX_MONTHS_BETWEEN}`);
  }
  return Array.from({ length: count }, (_, i) => {
    const k = first + i;
    return `${String(Math.floor(k / 12)).padStart(4, '0')}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}
