import { BatchWriteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { bench, describe, expect } from 'vitest';
import { ensureTables, startDynamoLocal } from '../local/dynamo';
import {
  createDynamoAggregateSources,
  createDynamoAggregateStore,
} from '../shared/adapters/dynamo/aggregateStore';
import { keys, type TableNames } from '../shared/adapters/dynamo/tables';
import { createDynamoTouchedRecord, markTouched } from '../shared/adapters/dynamo/touchedRecord';
import { MemoryEventPublisher, MemoryLog } from '../shared/adapters/local/memory';
import type { ConfigStore } from '../shared/ports';
import { nightlyRunInstant } from '../shared/services/aggregate';
import { type AggregateJobDeps, aggregateOrganization } from '../shared/services/aggregateOrganization';
import { organization, unit } from '../test/support/aggregateFakes';
import { describeRatio, ratioToFloor } from './floor';
import { recordBenchRow } from './table';

/**
 * The nightly job on DynamoDB Local: 200,000 and 400,000 answers over 1,000 units for one date,
 * against the floor of reading the same answers with plain `Query` calls on the same client and at
 * the same concurrency. The job reads what the touched record names (every unit's date, as after a
 * day of answers); its touches never settle here, so every timed run reads the same.
 */
const RATIO_TARGET = 2;
/** Peak heap growth with twice the answers, over that with the first: "flat" within noise. */
const MEMORY_TARGET = 1.5;
const UNITS = 1000;
const DATE = '2026-11-20';
const ORG = 'org-bench';
const CONCURRENCY = 8;

const dynamo = await startDynamoLocal({ port: 8000 + Math.floor(Math.random() * 1000) + 9000 });
const db = dynamo.db;
let calls = { query: 0 };
const send = db.send.bind(db);
db.send = ((command: { constructor: { name: string } }, ...rest: []) => {
  if (command.constructor.name === 'QueryCommand') calls.query += 1;
  return send(command as never, ...rest);
}) as typeof db.send;

const unitIds = Array.from({ length: UNITS }, (_, i) => `u${String(i).padStart(4, '0')}`);

async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<unknown>, limit = CONCURRENCY) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

const tables: TableNames = {
  config: 'nightly-config',
  visits: 'nightly-visits',
  surveys: 'nightly-surveys',
  aggregates: 'nightly-aggregates',
};
await ensureTables(db, tables);
let seeded = 0;

/** Adds answers until the date has `answers` (the 400,000 run reuses the first 200,000). */
async function seed(answers: number): Promise<void> {
  const from = seeded / UNITS;
  const perUnit = answers / UNITS;
  seeded = answers;
  const batches: Record<string, unknown>[][] = [];
  for (const unitId of unitIds) {
    for (let start = from; start < perUnit; start += 25) {
      batches.push(
        Array.from({ length: Math.min(25, perUnit - start) }, (_, i) => {
          const k = start + i;
          return {
            pk: keys.answers(unitId, DATE),
            sk: `a${String(k).padStart(6, '0')}`,
            organizationId: ORG,
            unitId,
            visitDate: DATE,
            answers: { nps: k % 11, caredFor: (k % 5) + 1, participation: k % 7 === 0 ? 'na' : (k % 4) + 2 },
          };
        }),
      );
    }
  }
  await inParallel(
    batches,
    (items) =>
      send(
        new BatchWriteCommand({
          RequestItems: { [tables.surveys]: items.map((Item) => ({ PutRequest: { Item } })) },
        }),
      ),
    16,
  );
  // What the stores write as the answers land: one touch per unit-date.
  await inParallel(unitIds, (unitId) =>
    markTouched(db, tables.surveys, { organizationId: ORG, unitId, visitDate: DATE }),
  );
}

function jobOf(tables: TableNames) {
  const config = {
    listUnits: async () => unitIds.map((unitId) => unit(unitId, ORG)),
  } as unknown as ConfigStore;
  const touched = createDynamoTouchedRecord(db, tables, { settleMs: Number.POSITIVE_INFINITY });
  const deps: AggregateJobDeps = {
    config,
    sources: createDynamoAggregateSources(db, tables),
    aggregates: createDynamoAggregateStore(db, tables.aggregates),
    events: new MemoryEventPublisher(() => new Date()),
    log: new MemoryLog(),
    touched,
    concurrency: CONCURRENCY,
  };
  return { deps, touched };
}

/** The floor: the same answers, read with plain Query calls page by page, nothing else. */
async function readWithQuery(db: DynamoDBDocumentClient, tables: TableNames): Promise<number> {
  let items = 0;
  await inParallel(unitIds, async (unitId) => {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: tables.surveys,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.answers(unitId, DATE) },
          ExclusiveStartKey,
        }),
      );
      items += page.Items?.length ?? 0;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  });
  return items;
}

/** Peak heap growth (MB) while `work` runs, sampled every 5 ms. */
async function peakHeapGrowth(work: () => Promise<unknown>): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  await work();
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return (peak - base) / 1024 / 1024;
}

interface Measured {
  answers: number;
  ratio: number;
  oursSeconds: number;
  floorSeconds: number;
  queries: number;
  floorQueries: number;
  peakMb: number;
}

async function measure(answers: number): Promise<Measured> {
  await seed(answers);
  const { deps, touched } = jobOf(tables);
  await touched.markRun(ORG, new Date());
  const run = () => aggregateOrganization(deps, organization(ORG), DATE, nightlyRunInstant(DATE));
  const first = await run();
  expect(first).toMatchObject({ mode: 'touched', unitDatesRead: UNITS });
  calls = { query: 0 };
  expect(await readWithQuery(db, tables)).toBe(answers);
  const floorQueries = calls.query;
  calls = { query: 0 };
  const peakMb = await peakHeapGrowth(run);
  const queries = calls.query;
  // ratioToFloor runs each once untimed first, then times them in alternation.
  const timing = await ratioToFloor(run, () => readWithQuery(db, tables), { rounds: 2 });
  console.log(describeRatio(`nightly job, ${answers.toLocaleString('en')} answers`, timing, RATIO_TARGET));
  return {
    answers,
    ratio: timing.ratio,
    oursSeconds: timing.ours / 1000,
    floorSeconds: timing.floor / 1000,
    queries,
    floorQueries,
    peakMb,
  };
}

const results: Measured[] = [];
try {
  for (const answers of [200_000, 400_000]) results.push(await measure(answers));
} finally {
  await dynamo.stop();
}
const [small, large] = results as [Measured, Measured];
const memoryRatio = large.peakMb / Math.max(small.peakMb, 1);
for (const r of results) {
  recordBenchRow({
    bench: 'nightly',
    figure: `job, ${r.answers.toLocaleString('en')} answers / ${UNITS} units, one date`,
    ours: Number(r.oursSeconds.toFixed(2)),
    floor: Number(r.floorSeconds.toFixed(2)),
    unit: 's',
    ratio: Number(r.ratio.toFixed(2)),
    target: `<= ${RATIO_TARGET}`,
    met: r.ratio <= RATIO_TARGET,
    note: `${r.queries} queries (floor ${r.floorQueries}), peak heap +${r.peakMb.toFixed(0)} MB`,
  });
}
recordBenchRow({
  bench: 'nightly',
  figure: 'job peak heap, 400,000 over 200,000 answers',
  ours: Number(large.peakMb.toFixed(1)),
  floor: Number(small.peakMb.toFixed(1)),
  unit: 'MB',
  ratio: Number(memoryRatio.toFixed(2)),
  target: `<= ${MEMORY_TARGET}`,
  met: memoryRatio <= MEMORY_TARGET,
});
// Each target checked once; a miss fails the run.
for (const r of results)
  expect(r.ratio, `nightly job ratio, ${r.answers} answers`).toBeLessThanOrEqual(RATIO_TARGET);
expect(memoryRatio, 'peak memory with twice the answers').toBeLessThanOrEqual(MEMORY_TARGET);

describe('nightly job on DynamoDB Local', () => {
  bench('measured above (one pass recorded)', () => {}, { iterations: 1 });
});
