import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryEventPublisher, MemoryLog } from '../../shared/adapters/local/memory';
import type {
  AggregateCell,
  AggregateSources,
  AggregateStore,
  AnswerFigures,
  FunnelItem,
} from '../../shared/ports';
import { DETAIL_TYPE_AGGREGATES_READY, PALAUTE_EVENT_SOURCE } from '../../shared/schemas/events';
import { nightlyRunInstant, runNightlyAggregation } from '../../shared/services/aggregate';
import { foldCell } from '../../shared/services/aggregateFold';
import type { AggregateJobDeps } from '../../shared/services/aggregateOrganization';
import { dailyRows, monthlyRows } from '../../shared/services/aggregateReports';
import {
  MemoryAggregateStore,
  MemoryConfig,
  MemorySources,
  organization,
  unit,
} from '../support/aggregateFakes';

const ORG = 'org-a';

function setup() {
  const config = new MemoryConfig(
    [organization(ORG), organization('org-b')],
    [unit('big', ORG), unit('mid', ORG), unit('small', ORG), unit('b1', 'org-b')],
  );
  const sources = new MemorySources();
  const aggregates = new MemoryAggregateStore();
  const events = new MemoryEventPublisher(() => new Date('2026-11-21T00:00:00Z'));
  const log = new MemoryLog();
  const deps: AggregateJobDeps = { config, sources, aggregates, events, log };
  const run = (date: string, overrides: Partial<AggregateJobDeps> = {}) =>
    runNightlyAggregation({ ...deps, ...overrides }, { at: nightlyRunInstant(date), date });
  const read = { aggregates, comments: sources };
  return { config, sources, aggregates, events, log, deps, run, read };
}

describe('the nightly job', () => {
  let s: ReturnType<typeof setup>;
  beforeEach(() => {
    s = setup();
    // 20.11.: big 7 answers, mid 6, small 2; plus visits that were not surveyed
    for (let i = 0; i < 7; i++)
      s.sources.addAnswered(ORG, 'big', '2026-11-20', { nps: i < 4 ? 10 : 5, smooth: 4 });
    s.sources.addVisit(ORG, 'big', '2026-11-20', 'SCHEDULED', 'SENT');
    s.sources.addVisit(ORG, 'big', '2026-11-20', 'UNDER_AGE');
    s.sources.addVisit(ORG, 'big', '2026-11-20', 'SCHEDULED', 'PENDING');
    for (let i = 0; i < 6; i++) s.sources.addAnswered(ORG, 'mid', '2026-11-20', { nps: 9 });
    for (let i = 0; i < 2; i++) s.sources.addAnswered(ORG, 'small', '2026-11-20', { nps: 0 });
    s.sources.addAnswered('org-b', 'b1', '2026-11-20', { nps: 7 });
  });

  it('computes funnel, NPS and statements per unit and date, from the pages of its sources', async () => {
    const summary = await s.run('2026-11-20');
    expect(summary.failures).toEqual([]);
    const rows = await dailyRows(s.read, { organizationId: ORG, unitId: 'big' }, '2026-11-20', '2026-11-20');
    expect(rows).toHaveLength(1);
    const [big] = rows;
    expect(big?.funnel).toMatchObject({ received: 10, sent: 8, failed: 0 });
    expect(big?.funnel.decisions).toMatchObject({ SCHEDULED: 9, UNDER_AGE: 1, NOT_SAMPLED: 0 });
    expect(big?.responses).toBe(7);
    expect(big?.responseRate).toBe(0.875);
    // 4 promoters, 3 detractors of 7 → 14.29 → 14
    expect(big?.nps).toBe(14);
    expect(big?.npsCounts).toEqual({ promoters: 4, passives: 0, detractors: 3 });
    expect(big?.questions?.smooth).toMatchObject({ n: 7, mean: 4 });
    expect(s.sources.pagesServed).toBeGreaterThan(10);
  });

  it('suppresses small cells and their complement, and the organization row cannot reveal them', async () => {
    await s.run('2026-11-20');
    const rows = await dailyRows(s.read, { organizationId: ORG }, '2026-11-20', '2026-11-20');
    const byUnit = Object.fromEntries(rows.map((r) => [r.unitId, r]));
    expect(Object.keys(byUnit)).toEqual(['*', 'big', 'mid', 'small']);
    expect(byUnit.small).toMatchObject({
      suppressed: true,
      suppressionReason: 'minReportN',
      nps: null,
      questions: null,
    });
    expect(byUnit.small?.funnel.received).toBe(2);
    expect(byUnit.mid).toMatchObject({
      suppressed: true,
      suppressionReason: 'complementary',
      npsCounts: null,
    });
    expect(byUnit.big?.suppressed).toBe(false);
    expect(byUnit['*']).toMatchObject({ suppressed: false, responses: 15 });
    // The attack: organization minus every unit shown gives mid + small together (8 answers), never small.
    const org = byUnit['*']?.npsCounts;
    const shown = rows.filter((r) => r.unitId !== '*' && !r.suppressed);
    const rest = (k: 'promoters' | 'detractors') =>
      (org?.[k] ?? 0) - shown.reduce((a, r) => a + (r.npsCounts?.[k] ?? 0), 0);
    expect(rest('promoters') + rest('detractors')).toBe(8);
  });

  it('groups units into areas as configured at run time: a unit that moves takes its open month along', async () => {
    s.config.units.set('big', { ...(s.config.units.get('big') as ReturnType<typeof unit>), areaId: 'n' });
    s.config.units.set('mid', { ...(s.config.units.get('mid') as ReturnType<typeof unit>), areaId: 'n' });
    await s.run('2026-11-20');
    const areaN = await dailyRows(s.read, { organizationId: ORG, areaId: 'n' }, '2026-11-20', '2026-11-20');
    // big 7 + mid 6 answers; big also had 3 visits that were not answered.
    expect(areaN).toEqual([
      expect.objectContaining({
        unitId: '*',
        areaId: 'n',
        responses: 13,
        funnel: expect.objectContaining({ received: 16 }),
      }),
    ]);
    // big leaves every area, mid moves to s: area n has nothing left, and its cells are withdrawn.
    s.config.units.set('big', {
      ...(s.config.units.get('big') as ReturnType<typeof unit>),
      areaId: undefined,
    });
    s.config.units.set('mid', { ...(s.config.units.get('mid') as ReturnType<typeof unit>), areaId: 's' });
    await s.run('2026-11-20');
    const month = await monthlyRows(s.read, { organizationId: ORG }, '2026-11', '2026-11');
    expect(month.filter((r) => r.areaId !== undefined).map((r) => [r.areaId, r.responses])).toEqual([
      ['s', 6],
    ]);
    expect(await dailyRows(s.read, { organizationId: ORG, areaId: 'n' }, '2026-11-01', '2026-11-30')).toEqual(
      [],
    );
  });

  it('rolls up to months from raw counts', async () => {
    s.sources.addAnswered(ORG, 'big', '2026-11-21', { nps: 10, smooth: 1 });
    await s.run('2026-11-21');
    const months = await monthlyRows(s.read, { organizationId: ORG }, '2026-11', '2026-11');
    const big = months.find((r) => r.unitId === 'big');
    expect(big).toMatchObject({ date: '2026-11', responses: 8, suppressed: false });
    // smooth: seven 4s and one 1 → 29 / 8 = 3.625 → 3.63 (not the mean of daily means, (4 + 1) / 2)
    expect(big?.questions?.smooth?.mean).toBe(3.63);
    const org = months.find((r) => r.unitId === '*');
    expect(org?.responses).toBe(16);
  });

  it('a rerun gives the same result and writes nothing', async () => {
    const first = await s.run('2026-11-20');
    const before = s.aggregates.snapshot();
    const puts = s.aggregates.puts;
    const again = await s.run('2026-11-20');
    expect(s.aggregates.snapshot()).toEqual(before);
    expect(s.aggregates.puts).toBe(puts);
    expect(again.organizations[0]).toMatchObject({ cellsWritten: 0, cellsDeleted: 0 });
    expect(again.organizations[0]?.cellsUnchanged).toBe(
      (first.organizations[0]?.cellsWritten ?? 0) + (first.organizations[0]?.cellsUnchanged ?? 0),
    );
  });

  it('late answers change a date that is still open; a closed date is left alone', async () => {
    await s.run('2026-11-20');
    // an answer for 20.11. arrives on 3.12. (within linkTtlDays 14 + 3 days of lag)
    for (let i = 0; i < 5; i++) s.sources.addAnswered(ORG, 'small', '2026-11-20', { nps: 10 });
    const summary = await s.run('2026-12-03');
    expect(summary.organizations[0]?.visitDates).toEqual({ from: '2026-11-15', to: '2026-12-03' });
    const [small] = await dailyRows(
      s.read,
      { organizationId: ORG, unitId: 'small' },
      '2026-11-20',
      '2026-11-20',
    );
    expect(small).toMatchObject({ responses: 7, suppressed: false, nps: 43 });
    // 20.11. is closed after 8.12.: a run for 9.12. does not touch it
    s.sources.addAnswered(ORG, 'small', '2026-11-20', { nps: 0 });
    const later = await s.run('2026-12-09');
    expect(later.organizations[0]?.visitDates?.from).toBe('2026-11-21');
    const [still] = await dailyRows(
      s.read,
      { organizationId: ORG, unitId: 'small' },
      '2026-11-20',
      '2026-11-20',
    );
    expect(still?.responses).toBe(7);
  });

  it('can simply be rerun after failing halfway', async () => {
    const clean = setup();
    Object.assign(clean.sources, { funnel: s.sources.funnel, answers: s.sources.answers });
    await clean.run('2026-11-20');

    // Writes the first 3 cells, then the connection breaks.
    let budget = 3;
    const broken: AggregateStore = {
      listMonth: (o, m) => s.aggregates.listMonth(o, m),
      deleteCells: (c) => s.aggregates.deleteCells(c),
      dailyCells: (o, u, f, t) => s.aggregates.dailyCells(o, u, f, t),
      monthlyCells: (o, u, f, t) => s.aggregates.monthlyCells(o, u, f, t),
      unknownOrganizationDays: (f, t) => s.aggregates.unknownOrganizationDays(f, t),
      putUnknownOrganizationDays: (d) => s.aggregates.putUnknownOrganizationDays(d),
      deleteUnknownOrganizationDays: (d) => s.aggregates.deleteUnknownOrganizationDays(d),
      putCells: async (cells: readonly AggregateCell[]) => {
        const now = cells.slice(0, budget);
        budget -= now.length;
        await s.aggregates.putCells(now);
        if (now.length < cells.length) throw new Error('connection reset');
      },
    };
    const failed = await s.run('2026-11-20', { aggregates: broken });
    // both organizations fail here: the budget of writes ran out in the first one
    expect(failed.failures).toContainEqual({ organizationId: ORG, error: 'Error' });
    expect(s.log.text()).toContain('aggregation failed');
    expect(s.events.events.filter((e) => e.detail.organizationId === ORG)).toHaveLength(0);

    const rerun = await s.run('2026-11-20');
    expect(rerun.failures).toEqual([]);
    expect(s.aggregates.snapshot()).toEqual(clean.aggregates.snapshot());
  });

  it('never recomputes a visit date whose decision records may have expired (a rerun for an old date)', async () => {
    await s.run('2026-11-20');
    const before = s.aggregates.snapshot();
    s.sources.funnel.clear(); // what TTL would have done by then
    const clock = { now: () => new Date('2027-05-20T09:00:00Z') };
    const summary = await s.run('2026-11-20', { clock });
    expect(summary.organizations[0]?.visitDates).toBeNull();
    expect(s.aggregates.snapshot()).toEqual(before);
    // near the limit only the recent part of the window is recomputed (170 days before 2027-05-20)
    const partial = await s.run('2026-12-05', { clock });
    expect(partial.organizations[0]?.visitDates).toEqual({ from: '2026-12-01', to: '2026-12-05' });
  });

  it('puts Aggregates Ready on the bus for every organization after the run', async () => {
    await s.run('2026-11-20');
    expect(s.events.events.map(({ time, ...e }) => e)).toEqual([
      {
        source: PALAUTE_EVENT_SOURCE,
        detailType: DETAIL_TYPE_AGGREGATES_READY,
        detail: { date: '2026-11-20', organizationId: ORG, units: ['big', 'mid', 'small'] },
      },
      {
        source: PALAUTE_EVENT_SOURCE,
        detailType: DETAIL_TYPE_AGGREGATES_READY,
        detail: { date: '2026-11-20', organizationId: 'org-b', units: ['b1'] },
      },
    ]);
  });

  it('without a date, each organization runs for yesterday in its own time zone', async () => {
    s.config.organizations.set('org-b', organization('org-b', { timeZone: 'America/New_York' }));
    const summary = await runNightlyAggregation(s.deps, { at: new Date('2026-11-21T00:00:00Z') });
    expect(summary.organizations.map((o) => [o.organizationId, o.date])).toEqual([
      [ORG, '2026-11-20'],
      ['org-b', '2026-11-19'],
    ]);
  });

  it('ignores visits and answers that name the unit under another organization', async () => {
    s.sources.addAnswered('org-b', 'big', '2026-11-20', { nps: 0 });
    await s.run('2026-11-20');
    const [big] = await dailyRows(s.read, { organizationId: ORG, unitId: 'big' }, '2026-11-20', '2026-11-20');
    expect(big?.responses).toBe(7);
  });

  it('counts visits of unknown units once, in the organization row only (received and UNKNOWN_UNIT)', async () => {
    s.sources.addVisit(ORG, 'ghost', '2026-11-20', 'UNKNOWN_UNIT');
    s.sources.addVisit(ORG, 'big-typo', '2026-11-20', 'UNKNOWN_UNIT');
    // a day on which nothing else happened
    s.sources.addVisit(ORG, 'ghost', '2026-11-19', 'UNKNOWN_UNIT');
    // the same unit id under another organization is that organization's
    s.sources.addVisit('org-b', 'ghost', '2026-11-20', 'UNKNOWN_UNIT');
    const summary = await s.run('2026-11-20');
    expect(summary.organizations[0]?.units).toEqual(['big', 'mid', 'small']);

    const rows = await dailyRows(s.read, { organizationId: ORG }, '2026-11-19', '2026-11-20');
    const row = (date: string, unitId: string) => rows.find((r) => r.date === date && r.unitId === unitId);
    // big 10 + mid 6 + small 2 visits, and 2 of units that do not exist
    expect(row('2026-11-20', '*')).toMatchObject({
      funnel: { received: 20, decisions: { UNKNOWN_UNIT: 2, SCHEDULED: 17 } },
      // nothing else changes: same answers, same suppression
      responses: 15,
      suppressed: false,
    });
    expect(row('2026-11-20', 'small')).toMatchObject({ suppressionReason: 'minReportN' });
    expect(row('2026-11-20', 'mid')).toMatchObject({ suppressionReason: 'complementary' });
    expect(rows.filter((r) => r.unitId !== '*').every((r) => r.funnel.decisions.UNKNOWN_UNIT === 0)).toBe(
      true,
    );
    expect(row('2026-11-19', '*')).toMatchObject({
      funnel: { received: 1, decisions: { UNKNOWN_UNIT: 1 }, sent: 0 },
      responses: 0,
      responseRate: null,
      suppressed: true,
      nps: null,
    });
    expect(rows.filter((r) => r.date === '2026-11-19').map((r) => r.unitId)).toEqual(['*']);

    const [month] = await monthlyRows(s.read, { organizationId: ORG, unitId: '*' }, '2026-11', '2026-11');
    expect(month).toMatchObject({ funnel: { received: 21, decisions: { UNKNOWN_UNIT: 3 } }, responses: 15 });
    const [orgB] = await dailyRows(
      s.read,
      { organizationId: 'org-b', unitId: '*' },
      '2026-11-20',
      '2026-11-20',
    );
    expect(orgB?.funnel).toMatchObject({ received: 2, decisions: { UNKNOWN_UNIT: 1 } });

    // a rerun writes nothing
    expect((await s.run('2026-11-20')).organizations[0]).toMatchObject({ cellsWritten: 0, cellsDeleted: 0 });
  });

  it('keeps the visits of unknown units of dates that closed while their month is still recomputed', async () => {
    s.sources.addVisit(ORG, 'ghost', '2026-11-20', 'UNKNOWN_UNIT');
    s.sources.addVisit(ORG, 'ghost', '2026-11-19', 'UNKNOWN_UNIT');
    await s.run('2026-11-20');
    const before = await dailyRows(s.read, { organizationId: ORG, unitId: '*' }, '2026-11-01', '2026-11-30');
    // 9.12. recomputes 21.11.–9.12.: November is rolled up again from its stored days
    s.sources.addAnswered(ORG, 'big', '2026-11-25', { nps: 10 });
    const summary = await s.run('2026-12-09');
    expect(summary.organizations[0]?.visitDates?.from).toBe('2026-11-21');
    const after = await dailyRows(s.read, { organizationId: ORG, unitId: '*' }, '2026-11-01', '2026-11-30');
    // (suppression may move with the new answer; the counts of closed days do not)
    const funnels = (rows: typeof before) => rows.filter((r) => r.date <= '2026-11-20').map((r) => r.funnel);
    expect(funnels(after)).toEqual(funnels(before));
    expect(after.find((r) => r.date === '2026-11-20')?.funnel.decisions.UNKNOWN_UNIT).toBe(1);
    const [month] = await monthlyRows(s.read, { organizationId: ORG, unitId: '*' }, '2026-11', '2026-11');
    expect(month?.funnel).toMatchObject({ received: 21, decisions: { UNKNOWN_UNIT: 2 } });
  });

  it('honours the organization minReportN', async () => {
    s.config.organizations.set(ORG, organization(ORG, { minReportN: 2 }));
    await s.run('2026-11-20');
    const rows = await dailyRows(s.read, { organizationId: ORG }, '2026-11-20', '2026-11-20');
    expect(rows.every((r) => !r.suppressed)).toBe(true);
  });
});

/**
 * Pages that go bad once the consumer has asked for the next one: every later read of an item, or of
 * the page array, throws. A fold that kept pages (or their items) to use later fails on them.
 */
function poisonedPages<T extends object>(pageCount: number, make: (page: number, i: number) => T) {
  let produced = 0;
  const poisoned = new Set<number>();
  const guard = (page: number) => {
    if (poisoned.has(page)) throw new Error(`page ${page} was read after the consumer moved on`);
  };
  /** A copy whose every field (nested objects too) is a getter that checks the page is current. */
  const guarded = (value: unknown, page: number): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const shell = {};
    for (const [key, inner] of Object.entries(value)) {
      const wrapped = guarded(inner, page);
      Object.defineProperty(shell, key, {
        enumerable: true,
        get: () => {
          guard(page);
          return wrapped;
        },
      });
    }
    return shell;
  };
  async function* generate(): AsyncGenerator<T[]> {
    for (let page = 0; page < pageCount; page++) {
      const items = Array.from({ length: 100 }, (_, i) => guarded(make(page, i), page) as T);
      produced += items.length;
      yield new Proxy(items, {
        get(target, property, receiver) {
          guard(page);
          return Reflect.get(target, property, receiver);
        },
      });
      // The consumer asked for the next page: this one must not be needed any more.
      poisoned.add(page);
      items.length = 0;
    }
  }
  return { generate, produced: () => produced };
}

describe('folding page by page', () => {
  const answerPage = (page: number, i: number): AnswerFigures => ({
    organizationId: 'o',
    answers: { nps: (page + i) % 11, smooth: ((i % 5) + 1) as 1 | 2 | 3 | 4 | 5 },
  });
  const funnelPage = (page: number, i: number): FunnelItem =>
    i % 2
      ? { kind: 'DISPATCH', organizationId: 'o', state: 'SENT' }
      : { kind: 'DECISION', organizationId: 'o', outcome: page % 2 ? 'SCHEDULED' : 'NOT_SAMPLED' };

  it('uses each page only until it asks for the next one: nothing of an earlier page is kept', async () => {
    const answers = poisonedPages(500, answerPage);
    const funnel = poisonedPages(50, funnelPage);
    const sources: Pick<AggregateSources, 'funnelItems' | 'answerFigures'> = {
      funnelItems: funnel.generate,
      answerFigures: answers.generate,
    };
    const counts = await foldCell(sources, 'o', 'u', '2026-11-20');
    expect(answers.produced()).toBe(50_000);
    expect(counts.responses).toBe(50_000);
    const n = counts.npsCounts.promoters + counts.npsCounts.passives + counts.npsCounts.detractors;
    expect(n).toBe(50_000);
    expect(counts.funnel).toMatchObject({
      received: 2_500,
      sent: 2_500,
      decisions: { SCHEDULED: 1_250, NOT_SAMPLED: 1_250 },
    });
  });

  it('the pages do catch a fold that keeps them (the test above can fail)', async () => {
    const keepsPages = async (pages: AsyncIterable<AnswerFigures[]>) => {
      const kept: AnswerFigures[][] = [];
      for await (const page of pages) kept.push(page);
      return kept.reduce((sum, page) => sum + page.filter((a) => a.organizationId === 'o').length, 0);
    };
    const keepsItems = async (pages: AsyncIterable<AnswerFigures[]>) => {
      const kept: AnswerFigures[] = [];
      for await (const page of pages) kept.push(...page);
      return kept.filter((a) => a.organizationId === 'o').length;
    };
    await expect(keepsPages(poisonedPages(3, answerPage).generate())).rejects.toThrow(/after the consumer/);
    await expect(keepsItems(poisonedPages(3, answerPage).generate())).rejects.toThrow(/after the consumer/);
  });
});
