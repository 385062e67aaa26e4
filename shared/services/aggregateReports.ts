import { areaRow, ORGANIZATION_ROW } from '../domain/aggregate';
import { hasSlice, sliceOf } from '../domain/aggregateDimensions';
import { publishFigures, type ReportRow } from '../domain/aggregatePublication';
import type { AggregateCell, AggregateStore, CommentSource } from '../ports';
import type { Channel, Respondent } from '../schemas/records';

export interface ReportReadDeps {
  aggregates: AggregateStore;
  comments: CommentSource;
}

/**
 * Which rows a request wants: one unit, one area (its `*` rows with `areaId`), or every unit and
 * area of an organization plus its own `*` rows.
 */
export interface ReportScope {
  organizationId: string;
  unitId?: string;
  areaId?: string;
}

/** The table row a scope reads (see {@link rowOf}), or undefined for the whole organization. */
const scopeRow = (scope: ReportScope) => (scope.areaId !== undefined ? areaRow(scope.areaId) : scope.unitId);

export function toReportRow(cell: AggregateCell): ReportRow {
  return {
    date: cell.period,
    organizationId: cell.organizationId,
    unitId: cell.unitId,
    ...(cell.areaId !== undefined ? { areaId: cell.areaId } : {}),
    ...(hasSlice(cell) ? { channel: cell.channel, respondent: cell.respondent } : {}),
    ...publishFigures(cell.counts, cell.suppressed ? (cell.suppressionReason ?? 'minReportN') : null),
  };
}

/**
 * Which channel × respondent rows a request wants. Neither given: the all-channels rows (as ever);
 * either or both: the rows of the matching channel × respondent cells.
 */
export interface SliceFilter {
  channel?: Channel;
  respondent?: Respondent;
  /** Every channel × respondent row (the report page's table). */
  allSlices?: boolean;
}

const wantsSlices = (filter: SliceFilter | undefined) =>
  filter !== undefined &&
  (filter.allSlices === true || filter.channel !== undefined || filter.respondent !== undefined);
const matches = (filter: SliceFilter | undefined) => (cell: AggregateCell) =>
  !wantsSlices(filter) ||
  (hasSlice(cell) &&
    (filter?.channel === undefined || cell.channel === filter.channel) &&
    (filter?.respondent === undefined || cell.respondent === filter.respondent));

/** Within a date: the organization's row, then the areas' rows (by area), then the units; then by slice. */
const rowOrder = (row: ReportRow) =>
  `${row.unitId === ORGANIZATION_ROW ? (row.areaId === undefined ? '0' : `1${row.areaId}`) : `2${row.unitId}`}\u0000${sliceOf(row)}`;
const byDateThenUnit = (a: ReportRow, b: ReportRow) =>
  a.date < b.date
    ? -1
    : a.date > b.date
      ? 1
      : rowOrder(a) < rowOrder(b)
        ? -1
        : rowOrder(a) > rowOrder(b)
          ? 1
          : 0;

/** Daily rows from..to (inclusive), by date, the organization's `*` row first within a date. */
export async function dailyRows(
  deps: ReportReadDeps,
  scope: ReportScope,
  from: string,
  to: string,
  filter?: SliceFilter,
) {
  const cells = await deps.aggregates.dailyCells(scope.organizationId, scopeRow(scope), from, to, {
    slices: wantsSlices(filter),
  });
  return cells.filter(matches(filter)).map(toReportRow).sort(byDateThenUnit);
}

/** Monthly rows from..to ('YYYY-MM', inclusive), likewise. */
export async function monthlyRows(
  deps: ReportReadDeps,
  scope: ReportScope,
  from: string,
  to: string,
  filter?: SliceFilter,
) {
  const cells = await deps.aggregates.monthlyCells(scope.organizationId, scopeRow(scope), from, to, {
    slices: wantsSlices(filter),
  });
  return cells.filter(matches(filter)).map(toReportRow).sort(byDateThenUnit);
}

/** Where a page of comments ended: comments come newest visit date first, then newest answer date. */
export interface CommentPosition {
  date: string;
  answeredDate: string;
  answerId: string;
}

export interface PublishedComment {
  date: string;
  unitId: string;
  language: string;
  nps: number | null;
  comment: string;
}

const positionOrder = (a: CommentPosition, b: CommentPosition) =>
  a.date !== b.date
    ? a.date < b.date
      ? 1
      : -1
    : a.answeredDate !== b.answeredDate
      ? a.answeredDate < b.answeredDate
        ? 1
        : -1
      : a.answerId < b.answerId
        ? -1
        : a.answerId > b.answerId
          ? 1
          : 0;

/**
 * One page of a unit's comments, only from visit dates whose day cell is published (not suppressed,
 * for either reason): a cell that is not aggregated yet shows none either.
 */
export async function commentsPage(
  deps: ReportReadDeps,
  request: {
    organizationId: string;
    unitId: string;
    from: string;
    to: string;
    limit: number;
    after?: CommentPosition;
  },
): Promise<{ comments: PublishedComment[]; next?: CommentPosition }> {
  const cells = await deps.aggregates.dailyCells(
    request.organizationId,
    request.unitId,
    request.from,
    request.to,
  );
  const dates = cells
    .filter((cell) => cell.unitId === request.unitId && !cell.suppressed && cell.counts.responses > 0)
    .map((cell) => cell.period)
    .filter((date) => !request.after || date <= request.after.date)
    .sort()
    .reverse();
  const page: (PublishedComment & { position: CommentPosition })[] = [];
  for (const date of dates) {
    const items = (await deps.comments.commentsOf(request.unitId, date))
      .filter((item) => item.organizationId === request.organizationId)
      .map((item) => ({
        date,
        unitId: item.unitId,
        language: item.language,
        nps: item.nps,
        comment: item.comment,
        position: { date, answeredDate: item.answeredDate, answerId: item.answerId },
      }))
      .filter((item) => !request.after || positionOrder(request.after, item.position) < 0)
      .sort((a, b) => positionOrder(a.position, b.position));
    page.push(...items);
    if (page.length > request.limit) break;
  }
  const shown = page.slice(0, request.limit);
  const last = shown[shown.length - 1];
  return {
    comments: shown.map(({ position, ...comment }) => comment),
    ...(page.length > request.limit && last ? { next: last.position } : {}),
  };
}
