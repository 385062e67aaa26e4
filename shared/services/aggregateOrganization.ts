import {
  areaRow,
  type CellCounts,
  isEmptyCounts,
  ORGANIZATION_ROW,
  rowOf,
  unknownUnitCounts,
} from '../domain/aggregate';
import { monthOf, openVisitDates } from '../domain/aggregateDates';
import {
  cellSortKey,
  dimensionsOf,
  hasSlice,
  type SlicedEntry,
  SMS_SLICE,
  sliceOf,
  suppressWithDimensions,
} from '../domain/aggregateDimensions';
import { MONTH_COLUMN, type SuppressionReason } from '../domain/aggregateSuppression';
import { addLocalDays, localDateOf } from '../domain/sendTime';
import type {
  AggregateCell,
  AggregateSources,
  AggregateStore,
  Clock,
  ConfigStore,
  EventPublisher,
  Log,
  Touch,
  TouchedRecord,
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
import { foldCell, foldUnknownUnits } from './aggregateFold';
import { rollUp } from './aggregateRollUp';

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
  /**
   * Which unit-dates changed since the last night. Without it (or before its first night for an
   * organization) every unit's every open date is read.
   */
  touched?: TouchedRecord;
}

/**
 * Decisions and dispatches are kept 180 days (docs/data-model.md); a visit date older than this is
 * never recomputed, so that a rerun for an old date cannot overwrite good figures with expired sources.
 * Normal nights never come near it (the longest open window is 90 + 30 + 1 days).
 */
export const RECOMPUTE_LIMIT_DAYS = 170;

export interface OrganizationRunSummary {
  organizationId: string;
  /** The run date: the newest visit date recomputed. */
  date: string;
  /** The visit dates recomputed, inclusive; null when all were too old to recompute. */
  visitDates: { from: string; to: string } | null;
  /** Units with at least one visit or answer in the unit-dates read. */
  units: string[];
  /**
   * `full`: every unit's every open date was read (no touched record, its first night, or asked
   * for); `touched`: only the unit-dates touched since the last night.
   */
  mode: 'full' | 'touched';
  /** Unit-dates (and dates of unknown units) whose sources were read. */
  unitDatesRead: number;
  cellsWritten: number;
  cellsUnchanged: number;
  cellsDeleted: number;
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

type UnitDay = { unitId: string; date: string; counts: CellCounts };

/** What a night reads: unit-dates and dates of unknown units, and the touches it may then forget. */
interface ReadPlan {
  mode: OrganizationRunSummary['mode'];
  /** `unitId#date` → the unit-date whose sources are read. */
  unitDates: Map<string, { unitId: string; date: string }>;
  unknownUnitDates: Set<string>;
  forget: Touch[];
}

/**
 * Full: every configured unit × every open date, and the dates of unknown units. Touched: only what
 * changed. Either way every touched unit-date from `oldest` to the run date is read; touches of later
 * dates wait for their night; settled touches up to the run date are forgotten afterwards (one of a
 * unit no longer configured, or of a date too old to recompute, has nothing left to read).
 */
function readPlan(
  full: boolean,
  unitIds: ReadonlySet<string>,
  dates: readonly string[],
  touches: readonly Touch[],
  oldest: string,
  runDate: string,
): ReadPlan {
  const unitDates = new Map<string, { unitId: string; date: string }>();
  const unknownUnitDates = new Set<string>(full ? dates : []);
  if (full)
    for (const unitId of unitIds)
      for (const date of dates) unitDates.set(dayKey(unitId, date), { unitId, date });
  for (const { unitId, visitDate: date } of touches) {
    if (date < oldest || date > runDate) continue;
    if (unitId === ORGANIZATION_ROW) unknownUnitDates.add(date);
    else if (unitIds.has(unitId)) unitDates.set(dayKey(unitId, date), { unitId, date });
  }
  const forget = touches.filter((touch) => touch.settled && touch.visitDate <= runDate);
  return { mode: full ? 'full' : 'touched', unitDates, unknownUnitDates, forget };
}

/** Recomputes one organization for one run date; see {@link runNightlyAggregation}. */
export async function aggregateOrganization(
  deps: AggregateJobDeps,
  organization: Organization,
  runDate: string,
  at: Date,
  /** Read every unit's every open date even when the touched record could say what changed. */
  forceFull = false,
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
  const unitIds = new Set(units.map((unit) => unit.unitId));
  const pending = deps.touched ? await deps.touched.pending(organizationId) : undefined;
  const plan = readPlan(
    forceFull || !pending?.hasRun,
    unitIds,
    dates,
    pending?.touches ?? [],
    oldest,
    runDate,
  );
  const windowDates = new Set(dates);

  const fresh = new Map<string, CellCounts>();
  /** The same unit days split by channel × respondent: day key → slice → counts. */
  const freshSlices = new Map<string, Map<string, CellCounts>>();
  /** Visit date → visits of unknown units (organization row only); dates without any are left out. */
  const freshUnknown = new Map<string, number>();
  const tasks: { unitId?: string; date: string }[] = [
    ...plan.unitDates.values(),
    ...[...plan.unknownUnitDates].map((date) => ({ date })),
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
    mode: plan.mode,
    unitDatesRead: tasks.length,
    cellsWritten: 0,
    cellsUnchanged: 0,
    cellsDeleted: 0,
  };

  // Every month with an open date is rolled up again (areas and minReportN as configured now), and
  // every month with a unit-date read.
  const months = [
    ...new Set(
      [...dates, ...[...plan.unitDates.values()].map((d) => d.date), ...plan.unknownUnitDates].map(monthOf),
    ),
  ].sort();
  for (const month of months) {
    const stored = await deps.aggregates.listMonth(organizationId, month);
    const storedByKey = new Map(stored.map((cell) => [cellKey(cell), cell]));

    // Unit-day cells: fresh ones for the unit-dates read now, stored ones for the rest, except those
    // of units no longer configured on dates still open.
    const unitDays = new Map<string, UnitDay>();
    const keptAsStored = (cell: AggregateCell) =>
      cell.granularity === 'day' &&
      cell.unitId !== ORGANIZATION_ROW &&
      !plan.unitDates.has(dayKey(cell.unitId, cell.period)) &&
      !(windowDates.has(cell.period) && !unitIds.has(cell.unitId));
    /** slice → its unit days, likewise. */
    const sliceDays = new Map<string, UnitDay[]>();
    const addSliceDay = (slice: string, day: UnitDay) =>
      sliceDays.set(slice, [...(sliceDays.get(slice) ?? []), day]);
    const storedSliced = new Set<string>();
    for (const cell of stored) {
      if (!keptAsStored(cell) || !hasSlice(cell)) continue;
      storedSliced.add(dayKey(cell.unitId, cell.period));
      addSliceDay(sliceOf(cell), { unitId: cell.unitId, date: cell.period, counts: cell.counts });
    }
    for (const cell of stored) {
      if (!keptAsStored(cell) || hasSlice(cell)) continue;
      const day = { unitId: cell.unitId, date: cell.period, counts: cell.counts };
      unitDays.set(dayKey(cell.unitId, cell.period), day);
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
    // Visits of unknown units: fresh ones for the dates read now, and for the others what the stored
    // organization day holds beyond its units (the part that was never a unit's).
    const unknown = new Map<string, number>();
    for (const cell of stored) {
      if (
        cell.granularity !== 'day' ||
        cell.unitId !== ORGANIZATION_ROW ||
        cell.areaId !== undefined ||
        hasSlice(cell) ||
        plan.unknownUnitDates.has(cell.period)
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
  // Only now that every figure is written: a run that fails before this leaves the touches for the retry.
  if (deps.touched) {
    await deps.touched.clear(plan.forget);
    if (!pending?.hasRun) await deps.touched.markRun(organizationId, at);
  }
  deps.log.info('organization aggregated', {
    organizationId,
    date: runDate,
    units: summary.units.length,
    mode: summary.mode,
    unitDatesRead: summary.unitDatesRead,
    cellsWritten: summary.cellsWritten,
  });
  return summary;
}
