import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countAnswer, emptyCounts, ORGANIZATION_ROW } from '../../shared/domain/aggregate';
import { publishFigures } from '../../shared/domain/aggregatePublication';
import {
  MONTH_COLUMN,
  type SuppressionReason,
  suppressTable,
  type TableEntry,
} from '../../shared/domain/aggregateSuppression';
import { rollUp } from '../../shared/services/aggregateRollUp';

/** A unit × day table with all its margins, as the nightly job builds it. */
function table(responses: Record<string, Record<string, number>>): TableEntry[] {
  const entries: TableEntry[] = [];
  const dayTotals = new Map<string, number>();
  let grand = 0;
  for (const [unit, days] of Object.entries(responses)) {
    let unitTotal = 0;
    for (const [day, r] of Object.entries(days)) {
      entries.push({ key: `D#${unit}#${day}`, row: unit, column: day, responses: r });
      unitTotal += r;
      dayTotals.set(day, (dayTotals.get(day) ?? 0) + r);
    }
    entries.push({ key: `M#${unit}`, row: unit, column: MONTH_COLUMN, responses: unitTotal });
    grand += unitTotal;
  }
  for (const [day, r] of dayTotals)
    entries.push({ key: `D#*#${day}`, row: ORGANIZATION_ROW, column: day, responses: r });
  entries.push({ key: 'M#*', row: ORGANIZATION_ROW, column: MONTH_COLUMN, responses: grand });
  return entries;
}

/** The equations someone holding every published figure can write: one per row and per column. */
function equations(entries: readonly TableEntry[]): Map<string, number>[] {
  const lines = new Map<string, Map<string, number>>();
  const add = (line: string, key: string, coefficient: number) => {
    const equation = lines.get(line) ?? new Map<string, number>();
    equation.set(key, coefficient);
    lines.set(line, equation);
  };
  for (const e of entries) {
    add(`R:${e.row}`, e.key, e.column === MONTH_COLUMN ? -1 : 1);
    add(`C:${e.column}`, e.key, e.row === ORGANIZATION_ROW ? -1 : 1);
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

/**
 * The hidden entries with answers whose value follows from the published ones by adding and
 * subtracting (over the reals): entry i is determined iff the unit vector e_i is in the row space of
 * the equations restricted to the hidden unknowns.
 */
function determinedHidden(entries: readonly TableEntry[], hidden: ReadonlyMap<string, SuppressionReason>) {
  const unknowns = entries.filter((e) => e.responses > 0 && hidden.has(e.key)).map((e) => e.key);
  if (unknowns.length === 0) return [];
  const matrix = equations(entries).map((eq) => unknowns.map((key) => eq.get(key) ?? 0));
  const base = rank(matrix);
  return unknowns.filter((_, i) => rank([...matrix, unknowns.map((__, j) => (i === j ? 1 : 0))]) === base);
}

const tableArb = fc
  .record({
    units: fc.integer({ min: 1, max: 5 }),
    days: fc.integer({ min: 1, max: 6 }),
    minReportN: fc.integer({ min: 1, max: 7 }),
  })
  .chain(({ units, days, minReportN }) =>
    fc.record({
      minReportN: fc.constant(minReportN),
      cells: fc.array(
        fc.array(fc.option(fc.integer({ min: 0, max: 12 }), { freq: 3 }), {
          minLength: days,
          maxLength: days,
        }),
        { minLength: units, maxLength: units },
      ),
    }),
  )
  .map(({ minReportN, cells }) => {
    const responses: Record<string, Record<string, number>> = {};
    cells.forEach((days, u) => {
      days.forEach((r, d) => {
        if (r === null) return;
        responses[`u${u}`] ??= {};
        (responses[`u${u}`] as Record<string, number>)[`2026-11-0${d + 1}`] = r;
      });
    });
    return { minReportN, entries: table(responses) };
  })
  .filter(({ entries }) => entries.length > 1);

describe('complementary suppression', () => {
  it('the subtraction attack: one small unit cannot be worked out from the organization row', () => {
    // A has 2 answers on the day, B 10, C 12. Without protection, org − B − C = A.
    const entries = table({ A: { d1: 2 }, B: { d1: 10 }, C: { d1: 12 } });
    const hidden = suppressTable(entries, 5);
    expect(hidden.get('D#A#d1')).toBe('minReportN');
    // B (the next smallest) is withheld too, so org − C gives A + B (12 answers), never A alone.
    expect(hidden.get('D#B#d1')).toBe('complementary');
    expect(hidden.has('D#C#d1')).toBe(false);
    expect(hidden.has('D#*#d1')).toBe(false);
    expect(determinedHidden(entries, hidden)).toEqual([]);
  });

  it('the attack works on real figures without protection and fails with it', () => {
    const answers = (list: Record<string, number>[]) => {
      const counts = emptyCounts();
      for (const a of list) countAnswer(counts, a);
      return counts;
    };
    const a = answers([{ nps: 0 }, { nps: 1 }]); // the small unit: both detractors
    const b = answers(Array.from({ length: 10 }, (_, i) => ({ nps: i % 2 === 0 ? 10 : 8 })));
    const c = answers(Array.from({ length: 12 }, () => ({ nps: 9 })));
    const cells = rollUp('org', '2026-11', [
      { unitId: 'A', date: '2026-11-05', counts: a },
      { unitId: 'B', date: '2026-11-05', counts: b },
      { unitId: 'C', date: '2026-11-05', counts: c },
    ]);
    const entries = cells.map((cell) => ({
      key: cell.granularity === 'day' ? `D#${cell.unitId}#${cell.period}` : `M#${cell.unitId}`,
      row: cell.unitId,
      column: cell.granularity === 'day' ? cell.period : MONTH_COLUMN,
      responses: cell.counts.responses,
    }));
    const published = (hidden: Map<string, SuppressionReason>) =>
      new Map(
        cells.map((cell, i) => [
          (entries[i] as TableEntry).key,
          publishFigures(cell.counts, hidden.get((entries[i] as TableEntry).key) ?? null),
        ]),
      );
    // Primary suppression only: org − B − C reveals A's detractors.
    const primaryOnly = new Map<string, SuppressionReason>([['D#A#2026-11-05', 'minReportN']]);
    const naive = published(primaryOnly);
    const orgDay = naive.get('D#*#2026-11-05')?.npsCounts;
    const derived =
      (orgDay?.detractors ?? 0) -
      (naive.get('D#B#2026-11-05')?.npsCounts?.detractors ?? 0) -
      (naive.get('D#C#2026-11-05')?.npsCounts?.detractors ?? 0);
    expect(derived).toBe(2);
    // With complementary suppression B is withheld as well: only A + B is derivable.
    const safe = published(suppressTable(entries, 5));
    expect(safe.get('D#A#2026-11-05')?.suppressed).toBe(true);
    expect(safe.get('D#B#2026-11-05')?.suppressed).toBe(true);
    expect(safe.get('D#B#2026-11-05')?.npsCounts).toBeNull();
    const visibleUnits = ['A', 'B', 'C'].filter((u) => safe.get(`D#${u}#2026-11-05`)?.npsCounts);
    expect(visibleUnits).toEqual(['C']);
  });

  it('two small units that together reach minReportN protect each other; together below it they do not', () => {
    const enough = table({ A: { d1: 3 }, B: { d1: 2 }, C: { d1: 20 } });
    const h1 = suppressTable(enough, 5);
    expect([...h1.keys()].filter((k) => k.startsWith('D#') && !k.startsWith('D#*'))).toEqual([
      'D#A#d1',
      'D#B#d1',
    ]);
    const tooFew = table({ A: { d1: 2 }, B: { d1: 1 }, C: { d1: 20 }, D: { d1: 30 } });
    const h2 = suppressTable(tooFew, 5);
    expect(h2.get('D#C#d1')).toBe('complementary');
    expect(h2.has('D#D#d1')).toBe(false);
  });

  it("protects along time too: a unit's small day cannot be worked out from its month", () => {
    const entries = table({ A: { d1: 2, d2: 9, d3: 30 } });
    const hidden = suppressTable(entries, 5);
    expect(hidden.get('D#A#d1')).toBe('minReportN');
    expect(hidden.get('D#A#d2')).toBe('complementary');
    expect(hidden.has('M#A')).toBe(false);
    expect(determinedHidden(entries, hidden)).toEqual([]);
  });

  it('a unit whose only cell is small hides its month and leaves the organization with a complement', () => {
    const entries = table({ A: { d1: 3 }, B: { d1: 8, d2: 8 } });
    const hidden = suppressTable(entries, 5);
    expect(hidden.get('M#A')).toBe('minReportN');
    expect(determinedHidden(entries, hidden)).toEqual([]);
  });

  it('cells without answers count as known (nothing to protect) and are never complements', () => {
    const entries = table({ A: { d1: 0 }, B: { d1: 8 }, C: { d1: 9 } });
    const hidden = suppressTable(entries, 5);
    expect([...hidden.keys()]).toEqual(['D#A#d1', 'M#A']);
  });

  it('property: every small cell is hidden and no hidden cell with answers can be derived', () => {
    fc.assert(
      fc.property(tableArb, ({ entries, minReportN }) => {
        const hidden = suppressTable(entries, minReportN);
        for (const e of entries) if (e.responses < minReportN) expect(hidden.get(e.key)).toBe('minReportN');
        expect(determinedHidden(entries, hidden)).toEqual([]);
        // Where a line's total is shown, the hidden cells of the line are none or at least minReportN answers.
        for (const eq of equations(entries)) {
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

  it('property: deterministic, whatever the order of the input', () => {
    fc.assert(
      fc.property(tableArb, fc.integer(), ({ entries, minReportN }, seed) => {
        const shuffled = [...entries].sort(
          (a, b) => ((a.key.length * seed) % 7) - ((b.key.length * seed) % 7),
        );
        expect(suppressTable(shuffled, minReportN)).toEqual(suppressTable(entries, minReportN));
      }),
      { numRuns: 100 },
    );
  });
});
