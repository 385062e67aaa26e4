import { bench, describe, expect } from 'vitest';
import { MemoryEventPublisher, MemoryLog } from '../shared/adapters/local/memory';
import { ORGANIZATION_ROW } from '../shared/domain/aggregate';
import { MONTH_COLUMN, suppressTable, type TableEntry } from '../shared/domain/aggregateSuppression';
import { addLocalDays } from '../shared/domain/sendTime';
import type {
  AggregateCell,
  AggregateSources,
  AggregateStore,
  AnswerFigures,
  FunnelItem,
} from '../shared/ports';
import { DEFAULT_MIN_REPORT_N, type Organization, type Unit } from '../shared/schemas/config';
import { foldCell } from '../shared/services/aggregateFold';
import { aggregateOrganization } from '../shared/services/aggregateOrganization';
import { describeRatio, ratioToFloor } from './floor';

// Each speed is judged against a floor measured in the same run (see bench/floor.ts and
// docs/benchmarks.md), never as an absolute speed: a busy machine slows both alike. Checked once below,
// failing the run when missed; then timed by vitest bench for the figures.
// - fold: at most FOLD_TARGET times a plain loop that reads the same answers from the same pages and
//   adds them up [seen ~5]. The heap does not grow with the number of answers: the peak growth while folding
//   2,000,000 answers in pages of 1,000 stays <= 48 MB [~15 MB; ~15 MB at 8M too].
// - complementary suppression of an organization-month of 200 units × 31 days: at most
//   SUPPRESSION_TARGET times a pass that only indexes the same cells by row and by column [seen ~50-70].
// - the whole job for one organization in memory, 100 units × 19 open dates: a rerun writes nothing
//   (timed for the figures only).
const FOLD_TARGET = 10;
const SUPPRESSION_TARGET = 150;

function answerPages(total: number, pageSize = 1000): AggregateSources {
  return {
    async *funnelItems(): AsyncGenerator<FunnelItem[]> {},
    async *unknownUnitItems(): AsyncGenerator<FunnelItem[]> {},
    async *unknownOrganizationItems(): AsyncGenerator<FunnelItem[]> {},
    async *answerFigures(): AsyncGenerator<AnswerFigures[]> {
      for (let done = 0; done < total; done += pageSize) {
        const page: AnswerFigures[] = [];
        for (let i = 0; i < pageSize; i++) {
          const k = done + i;
          page.push({
            organizationId: 'o',
            answers: {
              nps: k % 11,
              smooth: (k % 5) + 1,
              helpInTime: k % 7 === 0 ? 'na' : (k % 5) + 1,
              respect: (k % 4) + 2,
              safety: (k % 3) + 3,
              information: (k % 5) + 1,
              useful: (k % 2) + 4,
            },
          });
        }
        yield page;
      }
    },
  };
}

async function checkFoldMemory() {
  const total = 2_000_000;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const pages = answerPages(total);
  const sampled: AggregateSources = {
    funnelItems: pages.funnelItems,
    unknownUnitItems: pages.unknownUnitItems,
    unknownOrganizationItems: pages.unknownOrganizationItems,
    async *answerFigures(unitId, date) {
      let n = 0;
      for await (const page of pages.answerFigures(unitId, date)) {
        if (n++ % 100 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
        yield page;
      }
    },
  };
  const counts = await foldCell(sampled, 'o', 'u', '2026-11-20');
  const growthMb = (peak - base) / 1024 / 1024;
  console.log(`fold of ${total.toLocaleString('en')} answers: peak heap growth ${growthMb.toFixed(1)} MB`);
  expect(counts.responses).toBe(total);
  expect(growthMb).toBeLessThanOrEqual(48);
}

/** The floor of a fold: the same answers read from the same pages and added up, nothing else. */
async function readAnswers(total: number): Promise<number> {
  let sum = 0;
  for await (const page of answerPages(total).answerFigures('u', '2026-11-20')) {
    for (const { answers } of page) {
      for (const value of Object.values(answers)) if (typeof value === 'number') sum += value;
    }
  }
  return sum;
}

async function checkFoldAgainstFloor() {
  const total = 200_000;
  const measured = await ratioToFloor(
    () => foldCell(answerPages(total), 'o', 'u', '2026-11-20'),
    () => readAnswers(total),
    { floorPasses: 5 },
  );
  console.log(describeRatio(`fold of ${total.toLocaleString('en')} answers`, measured, FOLD_TARGET));
  expect(measured.ratio).toBeLessThanOrEqual(FOLD_TARGET);
}

/** The floor of suppression: the same cells indexed by row and by column, once. */
function indexCells(entries: TableEntry[]): number {
  const rows = new Map<string, TableEntry[]>();
  const columns = new Map<string, TableEntry[]>();
  for (const entry of entries) {
    const row = rows.get(entry.row);
    if (row) row.push(entry);
    else rows.set(entry.row, [entry]);
    const column = columns.get(entry.column);
    if (column) column.push(entry);
    else columns.set(entry.column, [entry]);
  }
  return rows.size + columns.size;
}

async function checkSuppressionAgainstFloor(entries: TableEntry[]) {
  const measured = await ratioToFloor(
    () => suppressTable(entries, DEFAULT_MIN_REPORT_N),
    () => indexCells(entries),
    { oursPasses: 10, floorPasses: 500 },
  );
  console.log(describeRatio('suppression of 200 units × 31 days', measured, SUPPRESSION_TARGET));
  expect(measured.ratio).toBeLessThanOrEqual(SUPPRESSION_TARGET);
}

function organizationMonth(units: number): TableEntry[] {
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const days = Array.from({ length: 31 }, (_, i) => addLocalDays('2026-10-01', i));
  const entries: TableEntry[] = [];
  const dayTotals = new Map<string, number>();
  let grand = 0;
  for (let u = 0; u < units; u++) {
    const size = next() < 0.3 ? 2 : next() < 0.5 ? 6 : 25;
    let unitTotal = 0;
    for (const day of days) {
      const r = Math.floor(next() * size);
      entries.push({ key: `D#u${u}#${day}`, row: `u${u}`, column: day, responses: r });
      unitTotal += r;
      dayTotals.set(day, (dayTotals.get(day) ?? 0) + r);
    }
    entries.push({ key: `M#u${u}`, row: `u${u}`, column: MONTH_COLUMN, responses: unitTotal });
    grand += unitTotal;
  }
  for (const [day, r] of dayTotals)
    entries.push({ key: `D#*#${day}`, row: ORGANIZATION_ROW, column: day, responses: r });
  entries.push({ key: 'M#*', row: ORGANIZATION_ROW, column: MONTH_COLUMN, responses: grand });
  return entries;
}

function inMemoryJob(unitCount: number) {
  const units: Unit[] = Array.from({ length: unitCount }, (_, i) => ({
    unitId: `u${i}`,
    organizationId: 'o',
    name: { fi: `u${i}` },
    enabled: true,
    rules: {},
    version: 1,
    updatedAt: '',
  }));
  const organization = {
    organizationId: 'o',
    minReportN: DEFAULT_MIN_REPORT_N,
    timeZone: 'Europe/Helsinki',
    defaults: {},
  } as unknown as Organization;
  const cells = new Map<string, AggregateCell>();
  const store: AggregateStore = {
    async listMonth(_o, month) {
      return [...cells.values()].filter((c) => c.period.startsWith(month));
    },
    async putCells(list) {
      for (const c of list) cells.set(`${c.granularity}|${c.unitId}|${c.period}`, c);
    },
    async deleteCells() {},
    async dailyCells() {
      return [];
    },
    async monthlyCells() {
      return [];
    },
    async unknownOrganizationDays() {
      return [];
    },
    async putUnknownOrganizationDays() {},
    async deleteUnknownOrganizationDays() {},
  };
  const small = (unitId: string) => Number(unitId.slice(1)) % 7 === 0;
  const sources: AggregateSources = {
    async *funnelItems(unitId) {
      yield Array.from({ length: small(unitId) ? 3 : 120 }, (_, i) => ({
        kind: i % 2 ? ('DISPATCH' as const) : ('DECISION' as const),
        organizationId: 'o',
        outcome: 'SCHEDULED',
        state: 'SENT',
      }));
    },
    async *unknownUnitItems() {},
    async *unknownOrganizationItems() {},
    async *answerFigures(unitId) {
      yield Array.from({ length: small(unitId) ? 2 : 60 }, (_, i) => ({
        organizationId: 'o',
        answers: { nps: i % 11, smooth: (i % 5) + 1 },
      }));
    },
  };
  const deps = {
    config: { listUnits: async () => units } as unknown as Parameters<
      typeof aggregateOrganization
    >[0]['config'],
    sources,
    aggregates: store,
    events: new MemoryEventPublisher(() => new Date()),
    log: new MemoryLog(),
  };
  return () => aggregateOrganization(deps, organization, '2026-11-20', new Date('2026-11-21T00:00:00Z'));
}

await checkFoldMemory();
await checkFoldAgainstFloor();
const table = organizationMonth(200);
await checkSuppressionAgainstFloor(table);
const job = inMemoryJob(100);
const first = await job();
const rerun = await job();
expect(first.cellsWritten).toBeGreaterThan(0);
expect(rerun.cellsWritten).toBe(0);

describe('nightly aggregation', () => {
  bench('fold 100,000 answers in pages of 1,000', async () => {
    await foldCell(answerPages(100_000), 'o', 'u', '2026-11-20');
  });
  bench('complementary suppression, 200 units × 31 days', () => {
    suppressTable(table, DEFAULT_MIN_REPORT_N);
  });
  bench('job for one organization in memory, 100 units × 19 dates (rerun)', async () => {
    await job();
  });
});
