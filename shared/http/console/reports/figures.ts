/**
 * What the report screens show of stored cells, as pure functions: figures over a window of cells
 * (30 days, a week, 12 months), weeks, the rollout KPI and the dashboard's sort order.
 *
 * A window's NPS, its counts and the statements add up the PUBLISHED cells only: a sum that included
 * withheld cells could be used to work them out (the window minus its published parts). Counts of
 * what was sent and answered are published for every cell, so those add up every cell.
 */
import {
  addCounts,
  type CellCounts,
  DISTRIBUTION_KEYS,
  type Distribution,
  emptyCounts,
  emptyDistribution,
  type NpsCounts,
  npsScore,
  responseRate,
  statementStats,
} from '../../../domain/aggregate';
import type { SuppressionReason } from '../../../domain/aggregateSuppression';
import { unitsMeasuringContinuously } from '../../../domain/rollout';
import { addLocalDays } from '../../../domain/sendTime';
import type { AggregateCell } from '../../../ports';

export interface WindowFigures {
  sent: number;
  /** Every response of the window, published cells or not. */
  responses: number;
  responseRate: number | null;
  /** Responses of the published cells: what NPS and the statements are computed from. */
  publishedResponses: number;
  /** Withheld: responses exist but no published cell has any. NPS and statements are then null. */
  suppressed: boolean;
  suppressionReason: SuppressionReason | null;
  nps: number | null;
  npsCounts: NpsCounts | null;
  /** Statement id → distribution of the published cells. */
  distributions: Record<string, Distribution>;
}

/** Adds up a window of cells (see the module comment for what is added up from which cells). */
export function windowFigures(cells: readonly AggregateCell[]): WindowFigures {
  const all = emptyCounts();
  const published: CellCounts = emptyCounts();
  let hiddenReason: SuppressionReason | null = null;
  for (const cell of cells) {
    addCounts(all, cell.counts);
    if (!cell.suppressed) addCounts(published, cell.counts);
    else if (cell.counts.responses > 0 && hiddenReason !== 'minReportN')
      hiddenReason = cell.suppressionReason ?? 'minReportN';
  }
  const suppressed = published.responses === 0 && all.responses > 0;
  return {
    sent: all.funnel.sent,
    responses: all.responses,
    responseRate: responseRate(all.responses, all.funnel.sent),
    publishedResponses: published.responses,
    suppressed,
    suppressionReason: suppressed ? hiddenReason : null,
    nps: suppressed ? null : npsScore(published.npsCounts),
    npsCounts: suppressed || published.responses === 0 ? null : { ...published.npsCounts },
    distributions: suppressed ? {} : published.questions,
  };
}

/** Whether a window's NPS leaves out responses of withheld cells (shown as "n of m"). */
export const isPartial = (f: WindowFigures) => !f.suppressed && f.publishedResponses < f.responses;

/** Statement means of a window (published cells), in the order given. */
export function statementMeans(f: WindowFigures, ids: readonly string[]) {
  return ids.map((id) => ({ id, ...statementStats(f.distributions[id] ?? emptyDistribution()) }));
}

/** The statements a set of windows has answers for (beyond the core ones, which are always listed). */
export function answeredStatementIds(windows: readonly WindowFigures[]): string[] {
  const ids = new Set<string>();
  for (const w of windows)
    for (const [id, d] of Object.entries(w.distributions))
      if (DISTRIBUTION_KEYS.some((key) => d[key] > 0)) ids.add(id);
  return [...ids];
}

/** The `count` months that end with `month` ('YYYY-MM'), oldest first. */
export function lastMonths(month: string, count: number): string[] {
  const last = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, i) => {
    const k = last - (count - 1) + i;
    return `${String(Math.floor(k / 12)).padStart(4, '0')}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

// --- Weeks (ISO 8601: Monday to Sunday)

const dayNumber = (date: string) => Date.parse(`${date}T12:00:00Z`) / 86_400_000;

/** The Monday of a local date's week. */
export function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addLocalDays(date, -weekday);
}

/** ISO week number and its year of a Monday. */
export function isoWeek(monday: string): { year: number; week: number } {
  const thursday = addLocalDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((dayNumber(thursday) - dayNumber(`${year}-01-01`)) / 7) + 1;
  return { year, week };
}

export interface Week {
  /** 'YYYY-Www' */
  key: string;
  week: number;
  from: string;
  to: string;
}

/** The `count` weeks that end with the week of `asOf` (its last day capped at `asOf`), oldest first. */
export function weeksUpTo(asOf: string, count: number): Week[] {
  const lastMonday = mondayOf(asOf);
  return Array.from({ length: count }, (_, i) => {
    const from = addLocalDays(lastMonday, -7 * (count - 1 - i));
    const end = addLocalDays(from, 6);
    const { year, week } = isoWeek(from);
    return { key: `${year}-W${String(week).padStart(2, '0')}`, week, from, to: end > asOf ? asOf : end };
  });
}

/** Day cells of one table row grouped into windows [from, to], one figure per window. */
export function figuresByWindow(
  cells: readonly AggregateCell[],
  windows: readonly { from: string; to: string }[],
): WindowFigures[] {
  return windows.map((w) => windowFigures(cells.filter((c) => c.period >= w.from && c.period <= w.to)));
}

// --- The rollout KPI

export interface RolloutKpi {
  asOf: string;
  since: string;
  /** Units in scope. */
  units: number;
  now: string[];
  /** Units measuring continuously as of `since`. */
  before: string[];
}

/** The day cells a KPI as of `date` needs: the four weeks ending on it. */
export const kpiWindow = (date: string) => ({ from: addLocalDays(date, -27), to: date });

/** Units measuring continuously as of `asOf` and as of `since`, among `unitIds`. */
export function rolloutKpi(
  unitIds: readonly string[],
  daysNow: readonly AggregateCell[],
  daysThen: readonly AggregateCell[],
  asOf: string,
  since: string,
): RolloutKpi {
  const sentDays = (cells: readonly AggregateCell[]) =>
    cells.map((c) => ({ unitId: c.unitId, date: c.period, sent: c.counts.funnel.sent }));
  return {
    asOf,
    since,
    units: unitIds.length,
    now: unitsMeasuringContinuously(unitIds, sentDays(daysNow), asOf),
    before: unitsMeasuringContinuously(unitIds, sentDays(daysThen), since),
  };
}

// --- Sorting the dashboard's rows

export const SORT_KEYS = [
  'name',
  'responses30',
  'rate30',
  'nps30',
  'responses12',
  'rate12',
  'nps12',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

export interface FigureRow {
  id: string;
  name: string;
  last30: WindowFigures;
  last12: WindowFigures;
}

function sortValue(row: FigureRow, key: SortKey): number | null {
  switch (key) {
    case 'name':
      return null;
    case 'responses30':
      return row.last30.responses;
    case 'rate30':
      return row.last30.responseRate;
    case 'nps30':
      return row.last30.nps;
    case 'responses12':
      return row.last12.responses;
    case 'rate12':
      return row.last12.responseRate;
    case 'nps12':
      return row.last12.nps;
  }
}

/**
 * Rows in the order asked for: by name (the page's language), or by a figure. Rows without the
 * figure (withheld, nothing sent) come last in either direction; ties by name.
 */
export function sortRows<Row extends FigureRow>(
  rows: readonly Row[],
  key: SortKey,
  direction: SortDirection,
  collator: Intl.Collator,
): Row[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (key === 'name') return sign * collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1);
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x === null && y !== null) return 1;
    if (y === null && x !== null) return -1;
    if (x !== null && y !== null && x !== y) return sign * (x - y);
    return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1);
  });
}
