import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { areaRow, ORGANIZATION_ROW } from '../../shared/domain/aggregate';
import {
  MONTH_COLUMN,
  type SuppressionReason,
  suppressTable,
  type TableEntry,
} from '../../shared/domain/aggregateSuppression';
import { suppressWithAreas } from '../../shared/domain/areaSuppression';

type Responses = Record<string, Record<string, number>>;

/** A unit × day table with the areas' rows and every margin, as the nightly job builds it. */
function table(responses: Responses, areaOfUnit: Record<string, string>): TableEntry[] {
  const entries: TableEntry[] = [];
  const sums = new Map<string, number>();
  const add = (row: string, column: string, r: number) => {
    const key = `${row}|${column}`;
    sums.set(key, (sums.get(key) ?? 0) + r);
  };
  for (const [unit, days] of Object.entries(responses)) {
    for (const [day, r] of Object.entries(days)) {
      for (const row of [unit, ORGANIZATION_ROW, ...(areaOfUnit[unit] ? [areaRow(areaOfUnit[unit])] : [])]) {
        add(row, day, r);
        add(row, MONTH_COLUMN, r);
      }
    }
  }
  for (const [key, r] of sums) {
    const [row, column] = key.split('|') as [string, string];
    entries.push({
      key: column === MONTH_COLUMN ? `M#${row}` : `D#${row}#${column}`,
      row,
      column,
      responses: r,
    });
  }
  return entries;
}

/**
 * Every equation someone holding every published figure can write: each row's days add up to its
 * month; in each column the units of an area add up to the area, and the areas with the units of no
 * area add up to the organization.
 */
function equations(
  entries: readonly TableEntry[],
  areaOfUnit: Record<string, string>,
): Map<string, number>[] {
  const lines = new Map<string, Map<string, number>>();
  const add = (line: string, key: string, coefficient: number) => {
    const equation = lines.get(line) ?? new Map<string, number>();
    equation.set(key, coefficient);
    lines.set(line, equation);
  };
  for (const e of entries) {
    add(`R:${e.row}`, e.key, e.column === MONTH_COLUMN ? -1 : 1);
    const area = areaOfUnit[e.row];
    if (e.row === ORGANIZATION_ROW) add(`C:${e.column}`, e.key, -1);
    else if (e.row.startsWith('A:')) {
      add(`C:${e.column}`, e.key, 1);
      add(`C:${e.column}:${e.row}`, e.key, -1);
    } else if (area) add(`C:${e.column}:${areaRow(area)}`, e.key, 1);
    else add(`C:${e.column}`, e.key, 1);
  }
  return [...lines.values()];
}

function rank(rows: number[][]): number {
  const m = rows.map((r) => [...r]);
  let rank = 0;
  const width = m[0]?.length ?? 0;
  for (let col = 0; col < width && rank < m.length; col++) {
    let pivot = rank;
    while (pivot < m.length && Math.abs(m[pivot]?.[col] ?? 0) < 1e-9) pivot++;
    if (pivot === m.length) continue;
    [m[rank], m[pivot]] = [m[pivot] as number[], m[rank] as number[]];
    const p = m[rank] as number[];
    for (let r = 0; r < m.length; r++) {
      if (r === rank) continue;
      const row = m[r] as number[];
      const factor = (row[col] ?? 0) / (p[col] as number);
      if (factor !== 0) for (let c = col; c < width; c++) row[c] = (row[c] ?? 0) - factor * (p[c] ?? 0);
    }
    rank++;
  }
  return rank;
}

/** The hidden entries with answers that follow from the published ones by adding and subtracting. */
function determinedHidden(
  entries: readonly TableEntry[],
  areaOfUnit: Record<string, string>,
  hidden: ReadonlyMap<string, SuppressionReason>,
) {
  const unknowns = entries.filter((e) => e.responses > 0 && hidden.has(e.key)).map((e) => e.key);
  if (unknowns.length === 0) return [];
  const matrix = equations(entries, areaOfUnit).map((eq) => unknowns.map((key) => eq.get(key) ?? 0));
  const base = rank(matrix);
  return unknowns.filter((_, i) => rank([...matrix, unknowns.map((__, j) => (i === j ? 1 : 0))]) === base);
}

const areaMap = (areaOfUnit: Record<string, string>) =>
  new Map(Object.entries(areaOfUnit).map(([unit, area]) => [unit, areaRow(area)]));

describe('suppression with areas', () => {
  // Area N: A (2 answers), B (10), C (12). Area S: D (20). No area: E (9).
  const responses: Responses = { A: { d1: 2 }, B: { d1: 10 }, C: { d1: 12 }, D: { d1: 20 }, E: { d1: 9 } };
  const areas = { A: 'N', B: 'N', C: 'N', D: 'S' };

  it('without the area equations the small unit follows from area N minus its shown units', () => {
    const entries = table(responses, areas);
    // Protecting the table as if the area rows were just more rows (no area lines) is not enough.
    const naive = suppressTable(entries, 5);
    expect(determinedHidden(entries, areas, naive)).toContain('D#A#d1');
  });

  it('an area with one small unit among visible ones hides a complement inside the area', () => {
    const entries = table(responses, areas);
    const hidden = suppressWithAreas(entries, 5, areaMap(areas));
    expect(hidden.get('D#A#d1')).toBe('minReportN');
    // B, the smallest other unit of the area: area N − C now gives A + B (12 answers), never A.
    expect(hidden.get('D#B#d1')).toBe('complementary');
    expect(hidden.has('D#C#d1')).toBe(false);
    expect(hidden.has('D#A:N#d1')).toBe(false);
    expect(determinedHidden(entries, areas, hidden)).toEqual([]);
  });

  it('a small area is hidden at the organization level and its only unit with it', () => {
    const small = { ...responses, D: { d1: 3 } };
    const entries = table(small, areas);
    const hidden = suppressWithAreas(entries, 5, areaMap(areas));
    expect(hidden.get('D#A:S#d1')).toBe('minReportN');
    expect(hidden.get('D#D#d1')).toBe('minReportN');
    expect(determinedHidden(entries, areas, hidden)).toEqual([]);
  });

  it('without areas it is exactly the table suppression', () => {
    const entries = table(responses, {});
    expect(suppressWithAreas(entries, 5, new Map())).toEqual(suppressTable(entries, 5));
  });

  const tableArb = fc
    .record({
      units: fc.integer({ min: 1, max: 6 }),
      days: fc.integer({ min: 1, max: 4 }),
      minReportN: fc.integer({ min: 1, max: 7 }),
    })
    .chain(({ units, days, minReportN }) =>
      fc.record({
        minReportN: fc.constant(minReportN),
        // 0 = no area, 1..3 = areas
        areaOf: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: units, maxLength: units }),
        cells: fc.array(
          fc.array(fc.option(fc.integer({ min: 0, max: 12 }), { freq: 3 }), {
            minLength: days,
            maxLength: days,
          }),
          { minLength: units, maxLength: units },
        ),
      }),
    )
    .map(({ minReportN, areaOf, cells }) => {
      const responses: Responses = {};
      const areas: Record<string, string> = {};
      cells.forEach((days, u) => {
        if (areaOf[u]) areas[`u${u}`] = `a${areaOf[u]}`;
        days.forEach((r, d) => {
          if (r === null) return;
          responses[`u${u}`] ??= {};
          (responses[`u${u}`] as Record<string, number>)[`2026-11-0${d + 1}`] = r;
        });
      });
      // Only units with cells are in an area's sums.
      for (const unit of Object.keys(areas)) if (!responses[unit]) delete areas[unit];
      return { minReportN, areas, entries: table(responses, areas) };
    })
    .filter(({ entries }) => entries.length > 1);

  it('property: every small cell is hidden and no hidden cell with answers can be derived, areas included', () => {
    fc.assert(
      fc.property(tableArb, ({ entries, minReportN, areas }) => {
        const hidden = suppressWithAreas(entries, minReportN, areaMap(areas));
        for (const e of entries) if (e.responses < minReportN) expect(hidden.get(e.key)).toBe('minReportN');
        expect(determinedHidden(entries, areas, hidden)).toEqual([]);
        // Where a line's total is shown, its hidden cells are none or at least minReportN answers.
        for (const eq of equations(entries, areas)) {
          const keys = [...eq.keys()];
          const total = entries.find((e) => keys.includes(e.key) && eq.get(e.key) === -1);
          if (!total || hidden.has(total.key)) continue;
          const hiddenSum = entries
            .filter((e) => keys.includes(e.key) && e.key !== total.key && hidden.has(e.key))
            .reduce((s, e) => s + e.responses, 0);
          expect(hiddenSum === 0 || hiddenSum >= minReportN).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
