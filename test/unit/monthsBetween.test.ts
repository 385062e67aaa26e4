import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_MONTHS_BETWEEN, monthsBetween } from '../../shared/domain/aggregateDates';

const month = (index: number) =>
  `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

describe('monthsBetween', () => {
  it('lists months across the year 9999 → 10000 boundary by number, not by string order', () => {
    expect(monthsBetween('9999-12', '9999-12')).toEqual(['9999-12']);
    expect(monthsBetween('9999-11', '9999-12')).toEqual(['9999-11', '9999-12']);
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-02', '2026-01')).toEqual([]);
  });

  it('is every month from from to to, in order, for any pair of four-digit months', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 * 12 + 11 }),
        fc.integer({ min: -5, max: MAX_MONTHS_BETWEEN }),
        (first, span) => {
          const last = Math.max(0, Math.min(first + span - 1, 9999 * 12 + 11));
          const months = monthsBetween(month(first), month(last));
          const expected = Math.max(0, last - first + 1);
          expect(months).toHaveLength(expected);
          if (expected > 0) {
            expect(months[0]).toBe(month(first));
            expect(months.at(-1)).toBe(month(last));
          }
        },
      ),
    );
  });

  it('is bounded: a longer span or a malformed month is a RangeError, never a long loop', () => {
    expect(() => monthsBetween('2000-01', '2100-12')).toThrow(RangeError);
    expect(() => monthsBetween('0001-01', '9999-12')).toThrow(RangeError);
    expect(() => monthsBetween('2026-1', '2026-02')).toThrow(RangeError);
    expect(() => monthsBetween('2026-01', '10000-01')).toThrow(RangeError);
    expect(monthsBetween('2000-01', month(2000 * 12 + MAX_MONTHS_BETWEEN - 1))).toHaveLength(
      MAX_MONTHS_BETWEEN,
    );
  });
});
