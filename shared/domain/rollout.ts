import { addLocalDays } from './sendTime';

/** The county's rollout measure: a unit measures continuously when it sent SMS in each of these weeks. */
export const CONTINUOUS_WEEKS = 4;

/** What the rollout figures need of one unit's day: its visit date and how many SMS were sent for it. */
export interface UnitSentDay {
  unitId: string;
  /** Local visit date 'YYYY-MM-DD'. */
  date: string;
  sent: number;
}

/**
 * Whether a unit measured continuously as of a local date: at least one SMS sent in each of the
 * `CONTINUOUS_WEEKS` seven-day periods that end on `asOf` (inclusive). Days are visit dates, as the
 * nightly figures count them.
 */
export function measuresContinuously(sentDates: ReadonlySet<string>, asOf: string): boolean {
  for (let week = 0; week < CONTINUOUS_WEEKS; week++) {
    let sentThisWeek = false;
    for (let day = 0; day < 7 && !sentThisWeek; day++) {
      sentThisWeek = sentDates.has(addLocalDays(asOf, -(week * 7 + day)));
    }
    if (!sentThisWeek) return false;
  }
  return true;
}

/** The first day of the window `measuresContinuously` looks at. */
export const continuityWindowStart = (asOf: string) => addLocalDays(asOf, -(CONTINUOUS_WEEKS * 7 - 1));

/** Per unit, the dates on which it sent at least one SMS. */
export function sentDatesByUnit(days: Iterable<UnitSentDay>): Map<string, Set<string>> {
  const byUnit = new Map<string, Set<string>>();
  for (const day of days) {
    if (day.sent <= 0) continue;
    let dates = byUnit.get(day.unitId);
    if (!dates) {
      dates = new Set();
      byUnit.set(day.unitId, dates);
    }
    dates.add(day.date);
  }
  return byUnit;
}

/** The units among `unitIds` that measured continuously as of `asOf`. */
export function unitsMeasuringContinuously(
  unitIds: readonly string[],
  days: Iterable<UnitSentDay>,
  asOf: string,
): string[] {
  const byUnit = sentDatesByUnit(days);
  return unitIds.filter((unitId) => measuresContinuously(byUnit.get(unitId) ?? new Set(), asOf));
}
