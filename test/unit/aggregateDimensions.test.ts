import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORGANIZATION_ROW } from '../../shared/domain/aggregate';
import {
  ALL_SLICES,
  dimensionsOf,
  type SlicedEntry,
  sliceOf,
  suppressWithDimensions,
} from '../../shared/domain/aggregateDimensions';
import { MONTH_COLUMN, type SuppressionReason } from '../../shared/domain/aggregateSuppression';
import { suppressWithAreas } from '../../shared/domain/areaSuppression';

/** unit → day → slice → responses. */
type Responses = Record<string, Record<string, Record<string, number>>>;

/** Every cell the nightly job publishes: unit/org × day/month × each slice and all slices. */
function table(responses: Responses): SlicedEntry[] {
  const sums = new Map<string, number>();
  const add = (row: string, column: string, slice: string, r: number) => {
    const key = `${slice}|${row}|${column}`;
    sums.set(key, (sums.get(key) ?? 0) + r);
  };
  for (const [unit, days] of Object.entries(responses))
    for (const [day, slices] of Object.entries(days))
      for (const [slice, r] of Object.entries(slices))
        for (const row of [unit, ORGANIZATION_ROW])
          for (const column of [day, MONTH_COLUMN])
            for (const s of [slice, ALL_SLICES]) add(row, column, s, r);
  return [...sums].map(([key, r]) => {
    const [slice, row, column] = key.split('|') as [string, string, string];
    return { key, slice, row, column, responses: r };
  });
}

/**
 * Written here from scratch, not with the code under test: a slice's days add up to its month, a
 * slice's units add up to the organization, and at every unit/org × day/month the slices add up to
 * the all-slices cell.
 */
function equations(entries: readonly SlicedEntry[]): Map<string, number>[] {
  const lines = new Map<string, Map<string, number>>();
  const add = (line: string, key: string, c: number) =>
    lines.set(line, (lines.get(line) ?? new Map()).set(key, c));
  for (const e of entries) {
    add(`R:${e.slice}:${e.row}`, e.key, e.column === MONTH_COLUMN ? -1 : 1);
    add(`C:${e.slice}:${e.column}`, e.key, e.row === ORGANIZATION_ROW ? -1 : 1);
    add(`S:${e.row}:${e.column}`, e.key, e.slice === ALL_SLICES ? -1 : 1);
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

/** Hidden entries with answers whose value follows from the shown ones (rank test). */
function determinedHidden(entries: readonly SlicedEntry[], hidden: ReadonlyMap<string, SuppressionReason>) {
  const unknowns = entries.filter((e) => e.responses > 0 && hidden.has(e.key)).map((e) => e.key);
  if (unknowns.length === 0) return [];
  const known = new Set(unknowns);
  const matrix = equations(entries)
    .filter((eq) => [...eq.keys()].some((k) => known.has(k)))
    .map((eq) => unknowns.map((key) => eq.get(key) ?? 0));
  const base = rank(matrix);
  return unknowns.filter((_, i) => rank([...matrix, unknowns.map((__, j) => (i === j ? 1 : 0))]) === base);
}

const none = new Map<string, string>();

describe('slices', () => {
  it('name a channel × respondent and parse back; anything else is no slice', () => {
    expect(sliceOf({ channel: 'kiosk', respondent: 'child' })).toBe('kiosk/child');
    expect(sliceOf({})).toBe(ALL_SLICES);
    expect(dimensionsOf('kiosk/child')).toEqual({ channel: 'kiosk', respondent: 'child' });
    expect(dimensionsOf('fax/child')).toBeUndefined();
    expect(dimensionsOf(ALL_SLICES)).toBeUndefined();
  });
});

describe('suppression over channel × respondent slices', () => {
  it('a small kiosk slice cannot be worked out from the unit total minus its SMS slice', () => {
    // Unit A on d1: 12 by SMS, 2 by kiosk; unit B: 20 by SMS.
    const entries = table({
      A: { d1: { 'sms/client': 12, 'kiosk/child': 2 } },
      B: { d1: { 'sms/client': 20 } },
    });
    const hidden = suppressWithDimensions(entries, 5, none);
    expect(hidden.get('kiosk/child|A|d1')).toBe('minReportN');
    // Without protection the kiosk slice is the total minus SMS: 14 − 12.
    expect(determinedHidden(entries, new Map([['kiosk/child|A|d1', 'minReportN']]))).toEqual([
      'kiosk/child|A|d1',
    ]);
    expect(determinedHidden(entries, hidden)).toEqual([]);
    expect(hidden.has('sms/client|A|d1') || hidden.has('*|A|d1')).toBe(true);
  });

  it('with the all-slices cells only it is exactly the suppression of today', () => {
    const entries = table({ A: { d1: { x: 3 }, d2: { x: 8 } }, B: { d1: { x: 9 } } }).filter(
      (e) => e.slice === ALL_SLICES,
    );
    expect(suppressWithDimensions(entries, 5, none)).toEqual(suppressWithAreas(entries, 5, none));
  });

  const slices = ['sms/client', 'kiosk/child', 'web/relative'];
  const tableArb = fc
    .record({
      minReportN: fc.integer({ min: 2, max: 6 }),
      cells: fc.array(
        fc.record({
          unit: fc.constantFrom('u1', 'u2', 'u3'),
          day: fc.constantFrom('d1', 'd2', 'd3'),
          slice: fc.constantFrom(...slices),
          responses: fc.integer({ min: 0, max: 12 }),
        }),
        { minLength: 1, maxLength: 14 },
      ),
    })
    .map(({ minReportN, cells }) => {
      const responses: Responses = {};
      for (const c of cells) {
        const days = responses[c.unit] ?? {};
        const day = days[c.day] ?? {};
        day[c.slice] = c.responses;
        days[c.day] = day;
        responses[c.unit] = days;
      }
      return { minReportN, entries: table(responses) };
    });

  it('property: every small cell is hidden and no hidden cell with answers can be derived (rank test)', () => {
    fc.assert(
      fc.property(tableArb, ({ entries, minReportN }) => {
        const hidden = suppressWithDimensions(entries, minReportN, none);
        for (const e of entries) if (e.responses < minReportN) expect(hidden.get(e.key)).toBe('minReportN');
        expect(determinedHidden(entries, hidden)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('property: deterministic, whatever the order of the input', () => {
    fc.assert(
      fc.property(tableArb, ({ entries, minReportN }) => {
        const a = suppressWithDimensions(entries, minReportN, none);
        const b = suppressWithDimensions([...entries].reverse(), minReportN, none);
        expect([...b].sort()).toEqual([...a].sort());
      }),
      { numRuns: 100 },
    );
  });
});
