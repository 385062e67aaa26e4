import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keys } from '../../shared/adapters/dynamo/tables';
import {
  addCounts,
  type CellCounts,
  CORE_STATEMENT_IDS,
  countAnswer,
  countDecision,
  countDispatch,
  emptyCounts,
  emptyDistribution,
  npsScore,
  responseRate,
  roundRatio,
  statementStats,
  sumCounts,
} from '../../shared/domain/aggregate';
import { lookbackDays, openVisitDates } from '../../shared/domain/aggregateDates';
import { publishFigures } from '../../shared/domain/aggregatePublication';
import { SYSTEM_DEFAULT_RULES } from '../../shared/schemas/config';
import { DECISION_OUTCOMES } from '../../shared/schemas/records';
import { nightlyRunInstant, parseAggregateInvocation } from '../../shared/services/aggregate';
import { rollUp } from '../../shared/services/aggregateRollUp';

const nps = (promoters: number, passives: number, detractors: number) =>
  npsScore({ promoters, passives, detractors });

function cellOf(answers: Record<string, number | 'na'>[]): CellCounts {
  const counts = emptyCounts();
  for (const a of answers) countAnswer(counts, a);
  return counts;
}

describe('roundRatio: exact, half away from zero', () => {
  it('rounds halves away from zero on both sides', () => {
    expect(roundRatio(25, 2)).toBe(13);
    expect(roundRatio(-25, 2)).toBe(-13);
    expect(roundRatio(5, 2)).toBe(3);
    expect(roundRatio(-5, 2)).toBe(-3);
    expect(roundRatio(1, 2)).toBe(1);
    expect(roundRatio(-1, 2)).toBe(-1);
    expect(roundRatio(-1, 3)).toBe(0);
    expect(Object.is(roundRatio(-1, 3), -0)).toBe(false);
  });

  it('has no binary floating-point error at two decimals (1.005 → 1.01, where Math.round gives 1.00)', () => {
    expect(Math.round(1.005 * 100) / 100).toBe(1);
    expect(roundRatio(201, 200, 2)).toBe(1.01);
    expect(roundRatio(33, 8, 2)).toBe(4.13);
  });

  it('agrees with the real quotient to within half a unit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        (n, d) => {
          const r = roundRatio(n, d);
          expect(Number.isInteger(r)).toBe(true);
          expect(Math.abs(r - n / d)).toBeLessThanOrEqual(0.5 + 1e-9);
          expect(roundRatio(-n, d)).toBe(r === 0 ? 0 : -r);
        },
      ),
    );
  });
});

describe('NPS', () => {
  it('hand-computed edge cases', () => {
    expect(nps(10, 0, 0)).toBe(100);
    expect(nps(0, 0, 10)).toBe(-100);
    expect(nps(0, 4, 0)).toBe(0);
    expect(nps(0, 0, 0)).toBeNull();
    expect(nps(1, 1, 1)).toBe(0);
    // 1 promoter of 8 = 12.5 → 13; 1 detractor of 8 = −12.5 → −13 (not −12 as Math.round would give)
    expect(nps(1, 7, 0)).toBe(13);
    expect(nps(0, 7, 1)).toBe(-13);
    expect(Math.round(-12.5)).toBe(-12);
    // 2 of 3 promoters: 66.67 → 67; 1 of 3: 33.33 → 33; 1 promoter, 2 detractors of 3: −33.33 → −33
    expect(nps(2, 1, 0)).toBe(67);
    expect(nps(1, 2, 0)).toBe(33);
    expect(nps(1, 0, 2)).toBe(-33);
    // the difference is rounded once: 3 P, 2 D of 7 → 14.29 → 14 (rounding each first gives 43 − 29 = 14 too)
    expect(nps(3, 2, 2)).toBe(14);
    // 1 P, 1 D, 6 passives: exactly 0
    expect(nps(1, 6, 1)).toBe(0);
  });

  it('scores 9–10 promoters, 7–8 passives, 0–6 detractors and ignores anything else', () => {
    const cell = cellOf([
      { nps: 10 },
      { nps: 9 },
      { nps: 8 },
      { nps: 7 },
      { nps: 6 },
      { nps: 0 },
      { nps: 11 },
      { nps: -1 },
      { nps: 'na' },
    ]);
    expect(cell.npsCounts).toEqual({ promoters: 2, passives: 2, detractors: 2 });
    expect(cell.responses).toBe(9);
  });

  it('is an integer in −100…100, and null only without scores', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.nat(1000), (p, q, d) => {
        const score = nps(p, q, d);
        if (p + q + d === 0) return expect(score).toBeNull();
        expect(Number.isInteger(score)).toBe(true);
        expect(score).toBeGreaterThanOrEqual(-100);
        expect(score).toBeLessThanOrEqual(100);
        expect(Math.abs((score as number) - (100 * (p - d)) / (p + q + d))).toBeLessThanOrEqual(0.5);
      }),
    );
  });
});

describe('statements', () => {
  it('n and mean leave na out; the distribution keeps it', () => {
    const cell = cellOf([
      { smooth: 5, respect: 'na' },
      { smooth: 4, respect: 3 },
      { smooth: 'na', respect: 3 },
      { smooth: 2 },
    ]);
    expect(statementStats(cell.questions.smooth ?? emptyDistribution())).toEqual({
      n: 3,
      mean: 3.67,
      distribution: { '1': 0, '2': 1, '3': 0, '4': 1, '5': 1, na: 1 },
    });
    expect(statementStats(cell.questions.respect ?? emptyDistribution())).toEqual({
      n: 2,
      mean: 3,
      distribution: { '1': 0, '2': 0, '3': 2, '4': 0, '5': 0, na: 1 },
    });
  });

  it('a mean of only na is null', () => {
    expect(statementStats({ '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, na: 3 }).mean).toBeNull();
  });

  it('counts custom statements with 1–5|na values and ignores values out of range and odd keys', () => {
    const cell = cellOf([
      { parking: 4, smooth: 6, other: 0, __proto__x: 3, 'bad key': 2 } as never,
      { parking: 'na' },
    ]);
    expect(Object.keys(cell.questions)).toEqual(['parking']);
    expect(cell.questions.parking).toEqual({ '1': 0, '2': 0, '3': 0, '4': 1, '5': 0, na: 1 });
  });
});

describe('funnel', () => {
  it('counts decisions (received = decisions) and final dispatch states only', () => {
    const counts = emptyCounts();
    for (const outcome of ['SCHEDULED', 'SCHEDULED', 'UNDER_AGE', 'NOT_SAMPLED', 'BOGUS'])
      countDecision(counts, outcome);
    for (const state of [
      'SENT',
      'PENDING',
      'SENDING',
      'FAILED',
      'CANCELLED',
      'EXPIRED',
      'OPTED_OUT',
      'UNKNOWN',
      'SENT',
    ])
      countDispatch(counts, state);
    expect(counts.funnel.received).toBe(4);
    expect(counts.funnel.decisions.SCHEDULED).toBe(2);
    expect(counts.funnel.decisions.UNDER_AGE).toBe(1);
    expect(Object.keys(counts.funnel.decisions)).toEqual([...DECISION_OUTCOMES]);
    expect(counts.funnel).toMatchObject({
      sent: 2,
      failed: 1,
      cancelled: 1,
      expired: 1,
      optedOut: 1,
      unknown: 1,
    });
  });

  it('reads a cell stored before `unknown` existed as none unknown, alone and added up', () => {
    const stored = emptyCounts();
    stored.funnel.sent = 3;
    delete (stored.funnel as Partial<CellCounts['funnel']>).unknown;
    const fresh = emptyCounts();
    countDispatch(fresh, 'UNKNOWN');
    expect(publishFigures(stored, null).funnel).toMatchObject({ sent: 3, unknown: 0 });
    expect(addCounts(emptyCounts(), stored).funnel.unknown).toBe(0);
    expect(addCounts(fresh, stored).funnel).toMatchObject({ sent: 3, unknown: 1 });
  });

  it('response rate is responses / sent, four decimals, null when nothing was sent, at most 1', () => {
    expect(responseRate(3, 7)).toBe(0.4286);
    expect(responseRate(0, 7)).toBe(0);
    expect(responseRate(2, 0)).toBeNull();
    expect(responseRate(8, 7)).toBe(1);
  });
});

describe('visits of unknown units', () => {
  it('are filed under the organization: the job reads them where the visits table writes them', () => {
    expect(keys.unknownUnitDate('org-a', '2026-11-20')).toBe('ORG#org-a#UNKNOWN#2026-11-20');
    // Never a unit's partition: a unit's has exactly one `#` (its id's are encoded).
    expect(keys.unitDate('ORG#org-a#UNKNOWN', '2026-11-20')).not.toBe(
      keys.unknownUnitDate('org-a', '2026-11-20'),
    );
  });

  it('count in the organization day and month only', () => {
    const unitDay = cellOf([{ nps: 10 }]);
    countDecision(unitDay, 'SCHEDULED');
    const unknown = emptyCounts();
    countDecision(unknown, 'UNKNOWN_UNIT');
    const cells = rollUp(
      'org',
      '2026-11',
      [{ unitId: 'u', date: '2026-11-20', counts: unitDay }],
      [
        { date: '2026-11-20', counts: unknown },
        { date: '2026-11-21', counts: unknown },
      ],
    );
    const find = (unitId: string, period: string) =>
      cells.find((c) => c.unitId === unitId && c.period === period)?.counts.funnel;
    expect(find('u', '2026-11-20')).toMatchObject({ received: 1, decisions: { UNKNOWN_UNIT: 0 } });
    expect(find('u', '2026-11')).toMatchObject({ received: 1, decisions: { UNKNOWN_UNIT: 0 } });
    expect(find('*', '2026-11-20')).toMatchObject({
      received: 2,
      decisions: { UNKNOWN_UNIT: 1, SCHEDULED: 1 },
    });
    expect(find('*', '2026-11-21')).toMatchObject({ received: 1, decisions: { UNKNOWN_UNIT: 1 } });
    expect(find('*', '2026-11')).toMatchObject({ received: 3, decisions: { UNKNOWN_UNIT: 2 } });
    // no answers come with them: what suppression looks at stays the units' sum
    expect(cells.find((c) => c.unitId === '*' && c.period === '2026-11')?.counts.responses).toBe(1);
    // a month with only such visits still has its organization cells
    expect(
      rollUp('org', '2026-11', [], [{ date: '2026-11-21', counts: unknown }]).map((c) => c.period),
    ).toEqual(['2026-11-21', '2026-11']);
  });
});

describe('a hand-computed cell', () => {
  it('publishes exactly the figures worked out by hand', () => {
    const counts = cellOf([
      { nps: 10, smooth: 5, helpInTime: 4 },
      { nps: 9, smooth: 4, helpInTime: 'na' },
      { nps: 8, smooth: 4 },
      { nps: 6, smooth: 2, helpInTime: 2 },
      { nps: 3, smooth: 'na' },
      { smooth: 5 },
    ]);
    for (let i = 0; i < 12; i++) countDispatch(counts, 'SENT');
    for (let i = 0; i < 14; i++) countDecision(counts, 'SCHEDULED');
    countDecision(counts, 'UNDER_AGE');
    const figures = publishFigures(counts, null);
    // 2 promoters, 1 passive, 2 detractors of 5: 0
    expect(figures.nps).toBe(0);
    expect(figures.npsCounts).toEqual({ promoters: 2, passives: 1, detractors: 2 });
    expect(figures.responses).toBe(6);
    expect(figures.responseRate).toBe(0.5);
    // smooth: 5,4,4,2,5 → 20/5 = 4
    expect(figures.questions?.smooth).toEqual({
      n: 5,
      mean: 4,
      distribution: { '1': 0, '2': 1, '3': 0, '4': 2, '5': 2, na: 1 },
    });
    // helpInTime: 4,2 → 3
    expect(figures.questions?.helpInTime?.mean).toBe(3);
    // core statements without answers are there with n 0
    expect(Object.keys(figures.questions ?? {})).toEqual([...CORE_STATEMENT_IDS]);
    expect(figures.questions?.safety).toMatchObject({ n: 0, mean: null });
    expect(figures.funnel.received).toBe(15);
  });

  it('a suppressed cell shows the funnel and nothing of the answers', () => {
    const counts = cellOf([{ nps: 10, smooth: 5 }]);
    const figures = publishFigures(counts, 'minReportN');
    expect(figures).toMatchObject({
      suppressed: true,
      suppressionReason: 'minReportN',
      nps: null,
      npsCounts: null,
      questions: null,
      responses: 1,
    });
  });
});

const answerArb = fc.record(
  {
    nps: fc.integer({ min: 0, max: 10 }),
    smooth: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant('na' as const)),
    safety: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant('na' as const)),
  },
  { requiredKeys: [] },
);

describe('roll-ups add raw counts', () => {
  it('the sum of day cells equals the cell of all answers together (no average of averages)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(answerArb, { maxLength: 20 }), { maxLength: 8 }), (days) => {
        const daily = days.map(cellOf);
        const month = sumCounts(daily);
        expect(month).toEqual(cellOf(days.flat()));
        const n = month.npsCounts.promoters + month.npsCounts.passives + month.npsCounts.detractors;
        expect(n).toBeLessThanOrEqual(month.responses);
        for (const distribution of Object.values(month.questions)) {
          expect(Object.values(distribution).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(month.responses);
        }
      }),
    );
  });

  it('the monthly mean is not the mean of daily means', () => {
    const day1 = cellOf([{ smooth: 5 }]);
    const day2 = cellOf([{ smooth: 1 }, { smooth: 1 }, { smooth: 1 }]);
    const month = addCounts(addCounts(emptyCounts(), day1), day2);
    expect(statementStats(month.questions.smooth ?? emptyDistribution()).mean).toBe(2);
  });
});

describe('the open window', () => {
  it('with the defaults (linkTtlDays 14, maxLagHours 72) a night recomputes the run date and 18 days before it', () => {
    expect(lookbackDays(SYSTEM_DEFAULT_RULES)).toBe(18);
    const dates = openVisitDates('2026-11-20', [SYSTEM_DEFAULT_RULES]);
    expect(dates).toHaveLength(19);
    expect(dates[0]).toBe('2026-11-02');
    expect(dates.at(-1)).toBe('2026-11-20');
  });

  it('takes the longest window of the units and rounds the lag up to days', () => {
    const dates = openVisitDates('2026-03-01', [
      { linkTtlDays: 7, maxLagHours: 24 },
      { linkTtlDays: 14, maxLagHours: 25 },
    ]);
    expect(dates[0]).toBe('2026-02-12');
    expect(dates).toHaveLength(18);
  });

  it('the nightly run for a date is 02:00 Helsinki time the next day, DST included', () => {
    expect(nightlyRunInstant('2026-11-20').toISOString()).toBe('2026-11-21T00:00:00.000Z');
    expect(nightlyRunInstant('2026-07-01').toISOString()).toBe('2026-07-01T23:00:00.000Z');
    // the night of the spring change: 02:00 still exists on 2026-03-29 (the jump is 03:00 → 04:00)
    expect(nightlyRunInstant('2026-03-28').toISOString()).toBe('2026-03-29T00:00:00.000Z');
  });

  it('reads the scheduler invocation', () => {
    const now = new Date('2026-11-21T00:00:05Z');
    expect(parseAggregateInvocation({}, now)).toEqual({ at: now });
    expect(parseAggregateInvocation(undefined, now)).toEqual({ at: now });
    expect(parseAggregateInvocation({ scheduledTime: '2026-11-21T00:00:00Z' }, now)).toEqual({
      at: new Date('2026-11-21T00:00:00Z'),
    });
    expect(parseAggregateInvocation({ date: '2026-11-01' }, now)).toEqual({
      at: new Date('2026-11-02T00:00:00Z'),
      date: '2026-11-01',
    });
    expect(() => parseAggregateInvocation({ date: '2026-13-01' }, now)).toThrow();
  });
});
