import { addCounts, type CellCounts, emptyCounts, ORGANIZATION_ROW } from '../domain/aggregate';
import type { AggregateCell } from '../ports';

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
