import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measuresContinuously, unitsMeasuringContinuously } from '../../shared/domain/rollout';
import { addLocalDays } from '../../shared/domain/sendTime';

const AS_OF = '2026-11-29';

describe('measuresContinuously', () => {
  it('needs a send in each of the four seven-day weeks ending on the date', () => {
    const weekly = new Set([
      AS_OF,
      addLocalDays(AS_OF, -7),
      addLocalDays(AS_OF, -14),
      addLocalDays(AS_OF, -21),
    ]);
    expect(measuresContinuously(weekly, AS_OF)).toBe(true);
    // The earliest day of each week still counts…
    const earliest = new Set([0, 1, 2, 3].map((w) => addLocalDays(AS_OF, -(w * 7 + 6))));
    expect(measuresContinuously(earliest, AS_OF)).toBe(true);
    // …a day before the window does not.
    const tooEarly = new Set(
      [0, 1, 2].map((w) => addLocalDays(AS_OF, -(w * 7))).concat(addLocalDays(AS_OF, -28)),
    );
    expect(measuresContinuously(tooEarly, AS_OF)).toBe(false);
    expect(measuresContinuously(new Set(), AS_OF)).toBe(false);
  });

  it('is false exactly when some week of the four has no send (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 20 }), (offsets) => {
        const dates = new Set(offsets.map((o) => addLocalDays(AS_OF, -o)));
        const everyWeek = [0, 1, 2, 3].every((w) => offsets.some((o) => o >= w * 7 && o < w * 7 + 7));
        expect(measuresContinuously(dates, AS_OF)).toBe(everyWeek);
      }),
    );
  });

  it('counts only days with something sent, per unit', () => {
    const days = [0, 7, 14, 21].flatMap((o) => [
      { unitId: 'a', date: addLocalDays(AS_OF, -o), sent: 1 },
      { unitId: 'b', date: addLocalDays(AS_OF, -o), sent: o === 14 ? 0 : 3 },
    ]);
    expect(unitsMeasuringContinuously(['a', 'b', 'c'], days, AS_OF)).toEqual(['a']);
  });
});
