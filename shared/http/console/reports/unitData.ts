import { CORE_STATEMENT_IDS } from '../../../domain/aggregate';
import type { ReportRow } from '../../../domain/aggregatePublication';
import { addLocalDays } from '../../../domain/sendTime';
import type { AggregateCell, AggregateStore, CommentSource } from '../../../ports';
import { DEFAULT_MIN_REPORT_N } from '../../../schemas/config';
import { monthlyRows } from '../../../services/aggregateReports';
import { latestCompleteDay } from '../../../services/unitStatus';
import {
  answeredStatementIds,
  figuresByWindow,
  lastMonths,
  type Week,
  type WindowFigures,
  weeksUpTo,
  windowFigures,
} from './figures';
import type { UnitInScope } from './scope';

export const TREND_WEEKS = 13;
export const TREND_MONTHS = 12;
/** Comments come from this many days back, at most this many at a time (newest first). */
export const COMMENT_DAYS = 365;
export const COMMENT_LIMIT = 50;
/** Longest search text kept; longer input is cut (it is matched as plain text). */
export const MAX_QUERY_LENGTH = 100;

export interface ShownComment {
  date: string;
  answeredDate: string;
  nps: number | null;
  language: string;
  comment: string;
}

export interface UnitData {
  scope: UnitInScope;
  asOf: string;
  from30: string;
  minReportN: number;
  headline: WindowFigures;
  statementIds: string[];
  weeks: Week[];
  weekFigures: WindowFigures[];
  months: string[];
  monthRows: ReportRow[];
  /** The same months per channel × respondent (who answered where). */
  sliceRows: ReportRow[];
  /** Undefined when the person may not read the unit's comments. */
  comments?: { items: ShownComment[]; more: boolean; query: string };
}

/**
 * The visit dates whose comments may be shown: the day's figures are published and have at least
 * `minReportN` responses (by the organization's rule now and when the cell was computed).
 */
export function commentDates(cells: readonly AggregateCell[], minReportN: number): string[] {
  return cells
    .filter(
      (cell) =>
        cell.granularity === 'day' &&
        !cell.suppressed &&
        cell.counts.responses >= Math.max(minReportN, cell.minReportN),
    )
    .map((cell) => cell.period)
    .sort()
    .reverse();
}

const normalize = (text: string) => text.normalize('NFKC').toLocaleLowerCase('fi');

/** Newest first (visit date, then answer date), those containing `query` (any case), up to the limit. */
export async function loadComments(
  source: CommentSource,
  unit: { unitId: string; organizationId: string },
  dates: readonly string[],
  query: string,
): Promise<{ items: ShownComment[]; more: boolean }> {
  const wanted = normalize(query.trim());
  const items: ShownComment[] = [];
  const BATCH = 8;
  for (let i = 0; i < dates.length && items.length <= COMMENT_LIMIT; i += BATCH) {
    const batch = dates.slice(i, i + BATCH);
    const found = await Promise.all(batch.map((date) => source.commentsOf(unit.unitId, date)));
    found.forEach((list, k) => {
      const date = batch[k] as string;
      const matching = list
        .filter((item) => item.organizationId === unit.organizationId && item.unitId === unit.unitId)
        .filter((item) => wanted === '' || normalize(item.comment).includes(wanted))
        .sort((a, b) => (a.answeredDate < b.answeredDate ? 1 : a.answeredDate > b.answeredDate ? -1 : 0))
        .map((item) => ({
          date,
          answeredDate: item.answeredDate,
          nps: item.nps,
          language: item.language,
          comment: item.comment,
        }));
      items.push(...matching);
    });
  }
  return { items: items.slice(0, COMMENT_LIMIT), more: items.length > COMMENT_LIMIT };
}

export async function loadUnit(
  deps: { aggregates: AggregateStore; comments: CommentSource },
  scope: UnitInScope,
  now: Date,
  query: string,
): Promise<UnitData> {
  const { unit, organization } = scope;
  const asOf = latestCompleteDay(now, organization.timeZone);
  const from30 = addLocalDays(asOf, -29);
  const minReportN = organization.minReportN ?? DEFAULT_MIN_REPORT_N;
  const weeks = weeksUpTo(asOf, TREND_WEEKS);
  const months = lastMonths(asOf.slice(0, 7), TREND_MONTHS);
  const from = addLocalDays(asOf, -(COMMENT_DAYS - 1));
  const unitScope = { organizationId: unit.organizationId, unitId: unit.unitId };
  const [firstMonth, lastMonth] = [months[0] as string, months[months.length - 1] as string];
  const [days, monthRows, sliceRows] = await Promise.all([
    deps.aggregates.dailyCells(unit.organizationId, unit.unitId, from, asOf),
    monthlyRows(deps, unitScope, firstMonth, lastMonth),
    monthlyRows(deps, unitScope, firstMonth, lastMonth, { allSlices: true }),
  ]);
  const ownDays = days.filter((cell) => cell.unitId === unit.unitId);
  const headline = windowFigures(ownDays.filter((cell) => cell.period >= from30));
  const custom = answeredStatementIds([headline]).filter((id) => !CORE_STATEMENT_IDS.includes(id));
  const data: UnitData = {
    scope,
    asOf,
    from30,
    minReportN,
    headline,
    statementIds: [...CORE_STATEMENT_IDS, ...custom.sort()],
    weeks,
    weekFigures: figuresByWindow(ownDays, weeks),
    months,
    monthRows: monthRows.filter((row) => row.unitId === unit.unitId),
    sliceRows: sliceRows.filter((row) => row.unitId === unit.unitId),
  };
  if (scope.comments) {
    const cut = query.slice(0, MAX_QUERY_LENGTH);
    const found = await loadComments(deps.comments, unit, commentDates(ownDays, minReportN), cut);
    data.comments = { ...found, query: cut };
  }
  return data;
}
