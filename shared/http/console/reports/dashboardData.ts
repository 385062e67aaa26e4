import { areaRow, ORGANIZATION_ROW, rowOf } from '../../../domain/aggregate';
import { monthOf } from '../../../domain/aggregateDates';
import { addLocalDays } from '../../../domain/sendTime';
import type { AggregateCell, AggregateStore } from '../../../ports';
import { DEFAULT_MIN_REPORT_N, type Language } from '../../../schemas/config';
import { latestCompleteDay } from '../../../services/unitStatus';
import { nameIn } from './components';
import { type FigureRow, kpiWindow, lastMonths, type RolloutKpi, rolloutKpi, windowFigures } from './figures';
import type { OrganizationInScope } from './scope';

/** How far back the KPI may be compared: two years of day cells. */
export const MAX_SINCE_DAYS = 730;
/** The comparison date when none is chosen: four weeks before the last day with figures. */
export const DEFAULT_SINCE_DAYS = 28;

export interface UnitFigureRow extends FigureRow {
  areaId?: string;
  areaName?: string;
  measuring: boolean;
}

export interface DashboardData {
  scope: OrganizationInScope;
  asOf: string;
  from30: string;
  months: string[];
  minReportN: number;
  kpi: RolloutKpi;
  /** The organization's own totals: only for people who see every unit of it. */
  organizationRow?: FigureRow;
  areas: FigureRow[];
  units: UnitFigureRow[];
}

function byRow(cells: readonly AggregateCell[]): Map<string, AggregateCell[]> {
  const rows = new Map<string, AggregateCell[]>();
  for (const cell of cells) {
    const key = rowOf(cell);
    const list = rows.get(key) ?? [];
    list.push(cell);
    rows.set(key, list);
  }
  return rows;
}

/** The since date to use and, when the asked one cannot be used, why. */
export function checkSince(
  raw: string | undefined,
  asOf: string,
  isDate: (value: string) => boolean,
): { since: string; error?: 'invalid' | 'future' | 'tooOld'; oldest: string } {
  const fallback = addLocalDays(asOf, -DEFAULT_SINCE_DAYS);
  const oldest = addLocalDays(asOf, -MAX_SINCE_DAYS);
  if (raw === undefined || raw === '') return { since: fallback, oldest };
  if (!isDate(raw)) return { since: fallback, error: 'invalid', oldest };
  if (raw > asOf) return { since: fallback, error: 'future', oldest };
  if (raw < oldest) return { since: fallback, error: 'tooOld', oldest };
  return { since: raw, oldest };
}

/**
 * The dashboard's figures: the rollout KPI over the units in scope, and per area and unit in scope
 * the last 30 days (day cells) and the last 12 months (month cells, this month so far included).
 */
export async function loadDashboard(
  aggregates: AggregateStore,
  scope: OrganizationInScope,
  now: Date,
  since: string,
  lang: Language,
): Promise<DashboardData> {
  const { organization } = scope;
  const organizationId = organization.organizationId;
  const asOf = latestCompleteDay(now, organization.timeZone);
  const from30 = addLocalDays(asOf, -29);
  const thisMonth = monthOf(asOf);
  const months = lastMonths(thisMonth, 12);
  const then = kpiWindow(since);
  const [days, monthCells, daysThen] = await Promise.all([
    aggregates.dailyCells(organizationId, undefined, from30, asOf),
    aggregates.monthlyCells(organizationId, undefined, months[0] as string, thisMonth),
    aggregates.dailyCells(organizationId, undefined, then.from, then.to),
  ]);
  const dayRows = byRow(days);
  const monthRows = byRow(monthCells);
  const figuresOf = (row: string, id: string, name: string): FigureRow => ({
    id,
    name,
    last30: windowFigures(dayRows.get(row) ?? []),
    last12: windowFigures(monthRows.get(row) ?? []),
  });
  const unitIds = scope.units.map((u) => u.unitId);
  const isUnitDay = (cell: AggregateCell) => cell.unitId !== ORGANIZATION_ROW;
  const kpi = rolloutKpi(
    unitIds,
    days.filter((c) => isUnitDay(c) && c.period >= kpiWindow(asOf).from),
    daysThen.filter(isUnitDay),
    asOf,
    since,
  );
  const measuring = new Set(kpi.now);
  return {
    scope,
    asOf,
    from30,
    months,
    minReportN: organization.minReportN ?? DEFAULT_MIN_REPORT_N,
    kpi,
    organizationRow: scope.whole
      ? figuresOf(ORGANIZATION_ROW, ORGANIZATION_ROW, organization.name[lang])
      : undefined,
    areas: scope.areas.map((area) => figuresOf(areaRow(area.areaId), area.areaId, nameIn(area.name, lang))),
    units: scope.units.map((unit) => ({
      ...figuresOf(unit.unitId, unit.unitId, nameIn(unit.name, lang)),
      ...(unit.areaId !== undefined
        ? { areaId: unit.areaId, areaName: nameOrUndefined(scope.areaNames.get(unit.areaId), lang) }
        : {}),
      measuring: measuring.has(unit.unitId),
    })),
  };
}

const nameOrUndefined = (name: Parameters<typeof nameIn>[0] | undefined, lang: Language) =>
  name === undefined ? undefined : nameIn(name, lang);
