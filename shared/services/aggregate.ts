import { z } from 'zod';
import {
  addCounts,
  areaRow,
  type CellCounts,
  countAnswer,
  countDecision,
  countDispatch,
  emptyCounts,
  isEmptyCounts,
  MONTH_COLUMN,
  monthOf,
  ORGANIZATION_ROW,
  openVisitDates,
  publishFigures,
  type ReportRow,
  rowOf,
  type SuppressionReason,
  unknownUnitCounts,
} from '../domain/aggregate';
import {
  cellSortKey,
  dimensionsOf,
  type SlicedEntry,
  SMS_SLICE,
  sliceOf,
  suppressWithDimensions,
} from '../domain/aggregateDimensions';
import { addLocalDays, localDateOf, zonedWallTimeToInstant } from '../domain/sendTime';
import type {
  AggregateCell,
  AggregateSources,
  AggregateStore,
  Clock,
  CommentSource,
  ConfigStore,
  EventPublisher,
  Log,
} from '../ports';
import {
  DEFAULT_MIN_REPORT_N,
  DEFAULT_TIME_ZONE,
  mergeRules,
  type Organization,
  type Unit,
} from '../schemas/config';
import {
  type AggregatesReadyDetail,
  DETAIL_TYPE_AGGREGATES_READY,
  PALAUTE_EVENT_SOURCE,
} from '../schemas/events';
import type { Channel, Respondent } from '../schemas/records';
import { aggregateUnknownOrganizations, type UnknownOrganizationRun } from './platformFigures';

export interface AggregateJobDeps {
  config: ConfigStore;
  sources: AggregateSources;
  aggregates: AggregateStore;
  events: EventPublisher;
  log: Log;
  /**
   * The real (or local virtual) time, to keep a rerun for an old date away from visit dates whose
   * decision records may have expired; without it, the run's own `at` is used.
   */
  clock?: Clock;
  /** Unit-date cells read at the same time (default 8). */
  concurrency?: number;
}

/**
 * Decisions and dispatches are kept 180 days (docs/data-model.md); a visit date older than this is
 * never recomputed, so that a rerun for an old date cannot overwrite good figures with expired sources.
 * Normal nights never come near it (the longest open window is 90 + 30 + 1 days).
 */
export const RECOMPUTE_LIMIT_DAYS = 170;

export interface AggregateRunInput {
  /** When the run happens (nominally 02:00 Europe/Helsinki). */
  at: Date;
  /** The run date (the last visit date recomputed) for every organization; default: yesterday in its zone. */
  date?: string;
}

export interface OrganizationRunSummary {
  organizationId: string;
  /** The run date: the newest visit date recomputed. */
  date: string;
  /** The visit dates recomputed, inclusive; null when all were too old to recompute. */
  visitDates: { from: string; to: string } | null;
  /** Units with at least one visit or answer in those dates. */
  units: string[];
  cellsWritten: number;
  cellsUnchanged: number;
  cellsDeleted: number;
}

export interface AggregateRunSummary {
  at: string;
  organizations: OrganizationRunSummary[];
  /** The platform figure of visits naming unknown organizations (dates in Europe/Helsinki). */
  unknownOrganizations?: UnknownOrganizationRun;
  /**
   * Why the platform figure failed, if it did. Not a failure of the run: the next night recounts every
   * date still open, so it mends itself without a retry that would redo every organization.
   */
  platformFailure?: string;
  failures: { organizationId: string; error: string }[];
}

/** The nightly job runs at 02:00 in this zone; the local job endpoint runs "as if" then. */
export const NIGHTLY_RUN_TIME = '02:00';
export const NIGHTLY_RUN_ZONE = 'Europe/Helsinki';

/** The instant of the nightly run that aggregates `date`: 02:00 Europe/Helsinki the next day. */
export function nightlyRunInstant(date: string): Date {
  return zonedWallTimeToInstant(addLocalDays(date, 1), NIGHTLY_RUN_TIME, NIGHTLY_RUN_ZONE);
}

const invocationSchema = z
  .object({
    date: z.iso.date().optional(),
    time: z.iso.datetime({ offset: true }).optional(),
    scheduledTime: z.iso.datetime({ offset: true }).optional(),
  })
  .loose();

/**
 * What EventBridge Scheduler (or an operator) passes to the aggregate function: nothing, or
 * `{"scheduledTime": "<aws.scheduler.scheduled-time>"}`, or `{"date": "YYYY-MM-DD"}` to rerun a night.
 * Anything that is not an object counts as nothing; an object with a malformed field is an error.
 */
export function parseAggregateInvocation(event: unknown, now: Date): AggregateRunInput {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return { at: now };
  const parsed = invocationSchema.parse(event);
  if (parsed.date) return { at: nightlyRunInstant(parsed.date), date: parsed.date };
  const time = parsed.scheduledTime ?? parsed.time;
  return { at: time ? new Date(time) : now };
}

/**
 * The nightly aggregation: for every organization and unit, recomputes every visit date still open
 * (see {@link openVisitDates}) and the months they fall in, then puts `Aggregates Ready` on the bus.
 * Idempotent: cells are overwritten by key (only when they change), so a rerun, also after a failure
 * halfway, gives the same result. One organization failing does not stop the others; the summary
 * lists it and the caller decides (the Lambda handler throws, so that the run is retried).
 */
export async function runNightlyAggregation(
  deps: AggregateJobDeps,
  input: AggregateRunInput,
): Promise<AggregateRunSummary> {
  const summary: AggregateRunSummary = { at: input.at.toISOString(), organizations: [], failures: [] };
  for (const organization of await deps.config.listOrganizations()) {
    const date =
      input.date ?? addLocalDays(localDateOf(input.at, organization.timeZone ?? DEFAULT_TIME_ZONE), -1);
    try {
      summary.organizations.push(await aggregateOrganization(deps, organization, date, input.at));
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      deps.log.error('aggregation failed for an organization', {
        organizationId: organization.organizationId,
        date,
        error: name,
      });
      summary.failures.push({ organizationId: organization.organizationId, error: name });
    }
  }
  await aggregatePlatform(deps, input, summary);
  deps.log.info('nightly aggregation finished', {
    at: summary.at,
    organizations: summary.organizations.length,
    failures: summary.failures.length,
  });
  return summary;
}

/**
 * The platform figures, for the same run: visits of unknown organizations have no organization's
 * rules or zone, so their dates are those the system defaults keep open, in Europe/Helsinki.
 */
async function aggregatePlatform(
  deps: AggregateJobDeps,
  input: AggregateRunInput,
  summary: AggregateRunSummary,
): Promise<void> {
  const runDate = input.date ?? addLocalDays(localDateOf(input.at, DEFAULT_TIME_ZONE), -1);
  const oldest = addLocalDays(
    localDateOf(deps.clock?.now() ?? input.at, DEFAULT_TIME_ZONE),
    -RECOMPUTE_LIMIT_DAYS,
  );
  const dates = openVisitDates(runDate, [mergeRules(undefined, undefined)]).filter((d) => d >= oldest);
  try {
    summary.unknownOrganizations = await aggregateUnknownOrganizations(deps, dates, input.at);
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    deps.log.error('aggregation failed for the platform figures', { date: runDate, error: name });
    summary.platformFailure = name;
  }
}

/**
 * Folds one unit-date cell page by page: memory holds one page, not the day's answers. `slices`, when
 * given, receives the same counts split by channel × respondent (the SMS funnel is `sms/client`).
 */
export async function foldCell(
  sources: Pick<AggregateSources, 'funnelItems' | 'answerFigures'>,
  organizationId: string,
  unitId: string,
  visitDate: string,
  slices?: Map<string, CellCounts>,
): Promise<CellCounts> {
  const counts = emptyCounts();
  const sliceCounts = (slice: string) => (slices ? bucket(slices, slice) : emptyCounts());
  for await (const page of sources.funnelItems(unitId, visitDate)) {
    for (const item of page) {
      // An event may name a unit of another organization; it is not this unit's visit.
      if (item.organizationId !== organizationId) continue;
      for (const into of [counts, sliceCounts(sliceOf(SMS_SLICE))]) {
        if (item.kind === 'DECISION') countDecision(into, item.outcome);
        else countDispatch(into, item.state);
      }
    }
  }
  for await (const page of sources.answerFigures(unitId, visitDate)) {
    for (const answer of page) {
      if (answer.organizationId !== organizationId) continue;
      const channel = answer.channel ?? SMS_SLICE.channel;
      const slice = sliceOf({ channel, respondent: answer.respondent ?? SMS_SLICE.respondent });
      for (const into of [counts, sliceCounts(slice)]) countAnswer(into, answer.answers, channel);
    }
  }
  // A day with nothing of a slice leaves no cell of it (the funnel slice is made before its items).
  if (slices) for (const [slice, c] of slices) if (isEmptyCounts(c)) slices.delete(slice);
  return counts;
}

/**
 * Counts an organization's visits of units that do not exist (`UNKNOWN_UNIT`) on a visit date: they
 * are filed under the organization, page by page like a unit's.
 */
export async function foldUnknownUnits(
  sources: Pick<AggregateSources, 'unknownUnitItems'>,
  organizationId: string,
  visitDate: string,
): Promise<number> {
  let visits = 0;
  for await (const page of sources.unknownUnitItems(organizationId, visitDate)) {
    for (const item of page) {
      if (
        item.organizationId === organizationId &&
        item.kind === 'DECISION' &&
        item.outcome === 'UNKNOWN_UNIT'
      )
        visits += 1;
    }
  }
  return visits;
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

const dayKey = (unitId: string, date: string) => `D#${unitId}#${date}`;
const hasSlice = (cell: Pick<AggregateCell, 'channel' | 'respondent'>) =>
  cell.channel !== undefined && cell.respondent !== undefined;

/** JSON with sorted keys: two cells are the same when this is. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const sameCell = (a: AggregateCell, b: AggregateCell | undefined) => {
  if (!b) return false;
  const { updatedAt: _a, ...left } = a;
  const { updatedAt: _b, ...right } = b;
  return canonical(left) === canonical(right);
};

const cellKey = cellSortKey;

/** Recomputes one organization for one run date; see {@link runNightlyAggregation}. */
export async function aggregateOrganization(
  deps: AggregateJobDeps,
  organization: Organization,
  runDate: string,
  at: Date,
): Promise<OrganizationRunSummary> {
  const { organizationId } = organization;
  const units: Unit[] = await deps.config.listUnits(organizationId);
  const rules = [
    mergeRules(undefined, organization.defaults),
    ...units.map((unit) => mergeRules(unit.rules, organization.defaults)),
  ];
  const today = localDateOf(deps.clock?.now() ?? at, organization.timeZone ?? DEFAULT_TIME_ZONE);
  const oldest = addLocalDays(today, -RECOMPUTE_LIMIT_DAYS);
  const dates = openVisitDates(runDate, rules).filter((date) => date >= oldest);
  const minReportN = organization.minReportN ?? DEFAULT_MIN_REPORT_N;
  // Areas as configured now: every month recomputed tonight groups its units by these.
  const areaOf = new Map(
    units.flatMap((unit) => (unit.areaId === undefined ? [] : [[unit.unitId, unit.areaId] as const])),
  );

  const fresh = new Map<string, CellCounts>();
  /** The same unit days split by channel × respondent: day key → slice → counts. */
  const freshSlices = new Map<string, Map<string, CellCounts>>();
  /** Visit date → visits of unknown units (organization row only); dates without any are left out. */
  const freshUnknown = new Map<string, number>();
  const tasks: { unitId?: string; date: string }[] = [
    ...units.flatMap((unit) => dates.map((date) => ({ unitId: unit.unitId, date }))),
    ...dates.map((date) => ({ date })),
  ];
  await inParallel(tasks, deps.concurrency ?? 8, async ({ unitId, date }) => {
    if (unitId === undefined) {
      const visits = await foldUnknownUnits(deps.sources, organizationId, date);
      if (visits > 0) freshUnknown.set(date, visits);
      return;
    }
    const slices = new Map<string, CellCounts>();
    const counts = await foldCell(deps.sources, organizationId, unitId, date, slices);
    if (!isEmptyCounts(counts)) {
      fresh.set(dayKey(unitId, date), counts);
      freshSlices.set(dayKey(unitId, date), slices);
    }
  });

  const summary: OrganizationRunSummary = {
    organizationId,
    date: runDate,
    visitDates: dates.length > 0 ? { from: dates[0] as string, to: dates[dates.length - 1] as string } : null,
    units: [...new Set([...fresh.keys()].map((key) => key.split('#')[1] as string))].sort(),
    cellsWritten: 0,
    cellsUnchanged: 0,
    cellsDeleted: 0,
  };

  const months = [...new Set(dates.map(monthOf))];
  for (const month of months) {
    const windowDates = new Set(dates.filter((date) => monthOf(date) === month));
    const stored = await deps.aggregates.listMonth(organizationId, month);
    const storedByKey = new Map(stored.map((cell) => [cellKey(cell), cell]));

    // Unit-day cells: stored ones for closed dates, fresh ones for the dates recomputed now.
    const unitDays = new Map<string, { unitId: string; date: string; counts: CellCounts }>();
    const closedUnitDay = (cell: AggregateCell) =>
      cell.granularity === 'day' && cell.unitId !== ORGANIZATION_ROW && !windowDates.has(cell.period);
    /** slice → unit days of it; closed dates' slices as stored. */
    const sliceDays = new Map<string, { unitId: string; date: string; counts: CellCounts }[]>();
    const addSliceDay = (slice: string, day: { unitId: string; date: string; counts: CellCounts }) =>
      sliceDays.set(slice, [...(sliceDays.get(slice) ?? []), day]);
    const storedSliced = new Set<string>();
    for (const cell of stored) {
      if (!closedUnitDay(cell) || !hasSlice(cell)) continue;
      storedSliced.add(dayKey(cell.unitId, cell.period));
      addSliceDay(sliceOf(cell), { unitId: cell.unitId, date: cell.period, counts: cell.counts });
    }
    for (const cell of stored) {
      if (!closedUnitDay(cell) || hasSlice(cell)) continue;
      const day = { unitId: cell.unitId, date: cell.period, counts: cell.counts };
      unitDays.set(cellKey(cell), day);
      // Stored before slices existed: every visit and answer of it was SMS from clients.
      if (!storedSliced.has(dayKey(cell.unitId, cell.period))) addSliceDay(sliceOf(SMS_SLICE), day);
    }
    for (const [key, counts] of fresh) {
      const [, unitId, date] = key.split('#') as [string, string, string];
      if (monthOf(date) !== month) continue;
      unitDays.set(key, { unitId, date, counts });
      for (const [slice, sliceCounts] of freshSlices.get(key) ?? [])
        addSliceDay(slice, { unitId, date, counts: sliceCounts });
    }
    // Visits of unknown units: fresh ones for the window, and for closed dates what the stored
    // organization day holds beyond its units (the part that was never a unit's).
    const unknown = new Map<string, number>();
    for (const cell of stored) {
      if (
        cell.granularity !== 'day' ||
        cell.unitId !== ORGANIZATION_ROW ||
        cell.areaId !== undefined ||
        hasSlice(cell) ||
        windowDates.has(cell.period)
      )
        continue;
      let ofUnits = 0;
      for (const day of unitDays.values())
        if (day.date === cell.period) ofUnits += day.counts.funnel.decisions.UNKNOWN_UNIT ?? 0;
      const visits = (cell.counts.funnel.decisions.UNKNOWN_UNIT ?? 0) - ofUnits;
      if (visits > 0) unknown.set(cell.period, visits);
    }
    for (const [date, visits] of freshUnknown) if (monthOf(date) === month) unknown.set(date, visits);

    const cells = [
      ...rollUp(
        organizationId,
        month,
        [...unitDays.values()],
        [...unknown].map(([date, visits]) => ({ date, counts: unknownUnitCounts(visits) })),
        areaOf,
      ),
      // Visits of unknown units belong to no channel: only the all-slices cells count them.
      ...[...sliceDays].flatMap(([slice, days]) =>
        rollUp(organizationId, month, days, [], areaOf).map((cell) => ({ ...cell, ...dimensionsOf(slice) })),
      ),
    ];
    const hidden = suppressWithDimensions(
      cells.map(
        (cell): SlicedEntry => ({
          key: cellKey(cell),
          row: rowOf(cell),
          column: cell.granularity === 'day' ? cell.period : MONTH_COLUMN,
          slice: sliceOf(cell),
          responses: cell.counts.responses,
        }),
      ),
      minReportN,
      new Map([...areaOf].map(([unitId, areaId]) => [unitId, areaRow(areaId)])),
    );
    const computed: AggregateCell[] = cells.map((cell) => {
      const reason: SuppressionReason | undefined = hidden.get(cellKey(cell));
      return {
        ...cell,
        suppressed: reason !== undefined,
        ...(reason ? { suppressionReason: reason } : {}),
        minReportN,
        updatedAt: at.toISOString(),
      };
    });

    const computedKeys = new Set(computed.map(cellKey));
    const stale = stored.filter((cell) => !computedKeys.has(cellKey(cell)));
    const changed = computed.filter((cell) => !sameCell(cell, storedByKey.get(cellKey(cell))));
    // Write order limits what a crash halfway can show: withdrawn cells first, then cells that are
    // hidden now, then visible unit cells, and the organization's totals last.
    const rank = (cell: AggregateCell) =>
      cell.suppressed ? 0 : cell.unitId !== ORGANIZATION_ROW ? (cell.granularity === 'day' ? 1 : 2) : 3;
    changed.sort((a, b) => rank(a) - rank(b));
    await deps.aggregates.deleteCells(stale);
    await deps.aggregates.putCells(changed);
    summary.cellsDeleted += stale.length;
    summary.cellsWritten += changed.length;
    summary.cellsUnchanged += computed.length - changed.length;
  }

  const detail: AggregatesReadyDetail = { date: runDate, organizationId, units: summary.units };
  await deps.events.publish({
    source: PALAUTE_EVENT_SOURCE,
    detailType: DETAIL_TYPE_AGGREGATES_READY,
    detail: { ...detail },
  });
  deps.log.info('organization aggregated', {
    organizationId,
    date: runDate,
    units: summary.units.length,
    cellsWritten: summary.cellsWritten,
  });
  return summary;
}

function bucket(map: Map<string, CellCounts>, key: string): CellCounts {
  let counts = map.get(key);
  if (!counts) {
    counts = emptyCounts();
    map.set(key, counts);
  }
  return counts;
}

type UnsuppressedCell = Omit<AggregateCell, 'suppressed' | 'suppressionReason' | 'minReportN' | 'updatedAt'>;

/**
 * Unit days → unit months, area days and months, organization days and the organization month, all
 * from raw counts. `organizationOnly` adds to the organization's day (and month) what belongs to no
 * unit: the visits of unknown units, which have no answers and so change nothing that suppression
 * looks at. `areaOf` (unit id → area id) groups units into areas: an area's cells (`unitId` `*`,
 * `areaId` set) are the sums of its units' cells.
 */
export function rollUp(
  organizationId: string,
  month: string,
  unitDays: readonly { unitId: string; date: string; counts: CellCounts }[],
  organizationOnly: readonly { date: string; counts: CellCounts }[] = [],
  areaOf: ReadonlyMap<string, string> = new Map(),
): UnsuppressedCell[] {
  const cells: UnsuppressedCell[] = [];
  const unitMonths = new Map<string, CellCounts>();
  const areaDays = new Map<string, Map<string, CellCounts>>();
  const areaMonths = new Map<string, CellCounts>();
  const organizationDays = new Map<string, CellCounts>();
  const organizationMonth = emptyCounts();
  for (const { unitId, date, counts } of unitDays) {
    cells.push({ organizationId, unitId, granularity: 'day', period: date, counts });
    addCounts(bucket(unitMonths, unitId), counts);
    addCounts(bucket(organizationDays, date), counts);
    addCounts(organizationMonth, counts);
    const areaId = areaOf.get(unitId);
    if (areaId !== undefined) {
      let days = areaDays.get(areaId);
      if (!days) {
        days = new Map();
        areaDays.set(areaId, days);
      }
      addCounts(bucket(days, date), counts);
      addCounts(bucket(areaMonths, areaId), counts);
    }
  }
  for (const { date, counts } of organizationOnly) {
    addCounts(bucket(organizationDays, date), counts);
    addCounts(organizationMonth, counts);
  }
  if (unitDays.length === 0 && organizationOnly.length === 0) return cells;
  for (const [unitId, counts] of unitMonths)
    cells.push({ organizationId, unitId, granularity: 'month', period: month, counts });
  for (const [areaId, days] of areaDays) {
    for (const [date, counts] of days)
      cells.push({
        organizationId,
        unitId: ORGANIZATION_ROW,
        areaId,
        granularity: 'day',
        period: date,
        counts,
      });
    cells.push({
      organizationId,
      unitId: ORGANIZATION_ROW,
      areaId,
      granularity: 'month',
      period: month,
      counts: areaMonths.get(areaId) as CellCounts,
    });
  }
  for (const [date, counts] of organizationDays)
    cells.push({ organizationId, unitId: ORGANIZATION_ROW, granularity: 'day', period: date, counts });
  cells.push({
    organizationId,
    unitId: ORGANIZATION_ROW,
    granularity: 'month',
    period: month,
    counts: organizationMonth,
  });
  return cells;
}

// ---------------------------------------------------------------------------------------------------
// Reading reports

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
