/**
 * Small-number protection of an organization-month table whose units are grouped into areas. The
 * area rows add equations (the units of an area add up to the area, per day and per month), so the
 * bipartite argument of {@link suppressTable} no longer covers the whole table. See docs/reports.md.
 */
import { ORGANIZATION_ROW } from './aggregate';
import { MONTH_COLUMN, type SuppressionReason, suppressTable, type TableEntry } from './aggregateSuppression';

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Primary and complementary suppression with areas; returns the hidden entries.
 *
 * 1. Linked tables: the organization's table (its row, the area rows and the units of no area) and
 *    one table per area (its units, with the area row as their total) are each protected by
 *    {@link suppressTable}; what one hides stays hidden in the others (an area row is in two), until
 *    nothing changes. This closes the direct differencing: an area total minus its shown units, and
 *    the organization minus the other areas.
 * 2. Audit: the tables share rows, so an entry may still follow from equations of several tables
 *    together. The exact linear-algebra check ({@link derivableHidden}) finds any such entry; the
 *    smallest shown entry of one of its equations is hidden too, and step 1 runs again.
 *
 * `areaOfUnit` maps a unit's row to its area's row (`areaRow` in ./aggregate); without areas this is exactly
 * {@link suppressTable}. Deterministic: the same responses give the same hidden set.
 */
export function suppressWithAreas(
  entries: readonly TableEntry[],
  minReportN: number,
  areaOfUnit: ReadonlyMap<string, string>,
  /** Entries already hidden by a linked table (a slice's, see ./aggregateDimensions): they stay hidden. */
  alreadyHidden?: ReadonlyMap<string, SuppressionReason>,
): Map<string, SuppressionReason> {
  if (areaOfUnit.size === 0) return suppressTable(entries, minReportN, alreadyHidden);
  const sorted = [...entries].sort(byKey);
  const areas = [...new Set(areaOfUnit.values())].sort();
  const tables: TableEntry[][] = [
    sorted.filter((e) => !areaOfUnit.has(e.row)),
    ...areas.map((area) =>
      sorted
        .filter((e) => e.row === area || areaOfUnit.get(e.row) === area)
        .map((e) => (e.row === area ? { ...e, row: ORGANIZATION_ROW } : e)),
    ),
  ];
  const equations = tableEquations(sorted, areaOfUnit);
  const keys = new Set(sorted.map((e) => e.key));
  const hidden = new Map([...(alreadyHidden ?? [])].filter(([key]) => keys.has(key)));
  for (;;) {
    for (let before = -1; before !== hidden.size; ) {
      before = hidden.size;
      for (const table of tables) {
        for (const [key, reason] of suppressTable(table, minReportN, hidden))
          if (!hidden.has(key)) hidden.set(key, reason);
      }
    }
    const derivable = derivableHidden(sorted, equations, hidden)[0];
    if (derivable === undefined) return hidden;
    const shown = (line: Map<string, number>) =>
      sorted.filter((e) => line.has(e.key) && e.responses > 0 && !hidden.has(e.key));
    const touching = equations.filter((line) => line.has(derivable));
    let candidates = touching.flatMap(shown);
    // Every equation of the entry is hidden already: widen to the equations of the hidden entries.
    if (candidates.length === 0)
      candidates = equations.filter((line) => [...line.keys()].some((k) => hidden.has(k))).flatMap(shown);
    const pick = candidates.sort((a, b) => a.responses - b.responses || byKey(a, b))[0];
    // Nothing shown is left to hide: cannot happen (a table with every entry hidden reveals nothing).
    if (!pick) return hidden;
    hidden.set(pick.key, 'complementary');
  }
}

/**
 * Every equation the published figures satisfy, as key → coefficient: each row's days add up to its
 * month; in each column the units of an area add up to the area, and the areas with the units of no
 * area add up to the organization.
 */
export function tableEquations(
  entries: readonly TableEntry[],
  areaOfUnit: ReadonlyMap<string, string>,
): Map<string, number>[] {
  const areaRows = new Set(areaOfUnit.values());
  const lines = new Map<string, Map<string, number>>();
  const add = (line: string, key: string, coefficient: number) => {
    const equation = lines.get(line) ?? new Map<string, number>();
    equation.set(key, coefficient);
    lines.set(line, equation);
  };
  for (const e of entries) {
    add(`R:${e.row}`, e.key, e.column === MONTH_COLUMN ? -1 : 1);
    const area = areaOfUnit.get(e.row);
    if (e.row === ORGANIZATION_ROW) add(`C:${e.column}`, e.key, -1);
    else if (areaRows.has(e.row)) {
      add(`C:${e.column}`, e.key, 1);
      add(`C:${e.column}:${e.row}`, e.key, -1);
    } else if (area !== undefined) add(`C:${e.column}:${area}`, e.key, 1);
    else add(`C:${e.column}`, e.key, 1);
  }
  return [...lines.values()];
}

/**
 * The hidden entries with answers whose value follows from the shown ones by adding and subtracting:
 * entry i is determined exactly when the unit vector e_i lies in the row space of the equations
 * restricted to the hidden unknowns, i.e. when the reduced row echelon form has a row that is e_i.
 * The coefficients are small integers and the systems small, so elimination with the largest pivot
 * and a tolerance is exact enough.
 */
export function derivableHidden(
  entries: readonly TableEntry[],
  equations: readonly Map<string, number>[],
  hidden: ReadonlyMap<string, SuppressionReason>,
): string[] {
  const unknowns = entries.filter((e) => e.responses > 0 && hidden.has(e.key)).map((e) => e.key);
  if (unknowns.length === 0) return [];
  const m = equations
    .map((eq) => unknowns.map((key) => eq.get(key) ?? 0))
    .filter((row) => row.some((v) => v !== 0));
  const EPSILON = 1e-9;
  const pivotRows: { row: number[]; column: number }[] = [];
  let rank = 0;
  for (let column = 0; column < unknowns.length && rank < m.length; column++) {
    let pivot = rank;
    for (let r = rank + 1; r < m.length; r++)
      if (Math.abs(m[r]?.[column] ?? 0) > Math.abs(m[pivot]?.[column] ?? 0)) pivot = r;
    if (Math.abs(m[pivot]?.[column] ?? 0) < EPSILON) continue;
    [m[rank], m[pivot]] = [m[pivot] as number[], m[rank] as number[]];
    const p = m[rank] as number[];
    const scale = p[column] as number;
    for (let c = 0; c < p.length; c++) p[c] = (p[c] as number) / scale;
    for (let r = 0; r < m.length; r++) {
      if (r === rank) continue;
      const row = m[r] as number[];
      const factor = row[column] ?? 0;
      if (Math.abs(factor) < EPSILON) continue;
      for (let c = 0; c < row.length; c++) row[c] = (row[c] as number) - factor * (p[c] as number);
    }
    pivotRows.push({ row: p, column });
    rank++;
  }
  return pivotRows
    .filter(({ row, column }) => row.every((v, c) => c === column || Math.abs(v) < EPSILON))
    .map(({ column }) => unknowns[column] as string)
    .sort();
}
