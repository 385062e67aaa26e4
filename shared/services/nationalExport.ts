import { type NationalExportRow, nationalExportRows } from '../domain/nationalExport';
import type { AggregateStore, ConfigStore } from '../ports';

export interface NationalExportDeps {
  config: Pick<ConfigStore, 'listUnits'>;
  aggregates: Pick<AggregateStore, 'monthlyCells'>;
}

/**
 * The national comparison export of an organization-month, from the month cells the nightly job
 * stored per unit × channel × respondent (their suppression as stored) and the units' `oid`s.
 */
export async function nationalExport(
  deps: NationalExportDeps,
  organizationId: string,
  month: string,
): Promise<NationalExportRow[]> {
  const [cells, units] = await Promise.all([
    deps.aggregates.monthlyCells(organizationId, undefined, month, month, { slices: true }),
    deps.config.listUnits(organizationId),
  ]);
  const oidOf = new Map(
    units.flatMap((unit) => (unit.oid === undefined ? [] : [[unit.unitId, unit.oid] as const])),
  );
  return nationalExportRows(
    month,
    organizationId,
    cells.filter((cell) => cell.organizationId === organizationId),
    oidOf,
  );
}
