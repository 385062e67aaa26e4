import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
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
import type { ConfigStore, TouchedRecord } from '../shared/ports';
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
/** Calls through the client by command name; seeding goes around it (`send`), so it is not counted. */
let calls = new Map<string, number>();
const send = db.send.bind(db);
db.send = ((command: { constructor: { name: string } }, ...rest: []) => {
  const name = command.constructor.name;
  calls.set(name, (calls.get(name) ?? 0) + 1);
  return send(command as never, ...rest);
}) as typeof db.send;
const countCalls = () => {
  const counted = calls;
  calls = new Map();
  return { queries: counted.get('QueryCommand') ?? 0, all: [...counted.values()].reduce((a, b) => a + b, 0) };
};

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
const SEED_BATCH = 25; // BatchWriteItem's most
const SEED_CONCURRENCY = 32;
let seeded = 0;

/** One batch written to the end: DynamoDB may hand back unprocessed items, which are sent again. */
async function writeBatch(items: Record<string, unknown>[]): Promise<void> {
  let requests = items.map((Item) => ({ PutRequest: { Item } }));
  while (requests.length > 0) {
    const result = await send(new BatchWriteCommand({ RequestItems: { [tables.surveys]: requests } }));
    requests = (result.UnprocessedItems?.[tables.surveys] ?? []) as typeof requests;
  }
}

/**
 * Adds answers until the date has `answers` (the 400,000 run reuses the first 200,000): batches of 25,
 * 32 batches in flight (DynamoDB Local took ~2,000–4,000 items/s so on the shared 2-core machine).
 */
async function seed(answers: number): Promise<number> {
  const started = performance.now();
  const from = seeded / UNITS;
  const perUnit = answers / UNITS;
  seeded = answers;
  const batches: Record<string, unknown>[][] = [];
  for (const unitId of unitIds) {
    for (let start = from; start < perUnit; start += SEED_BATCH) {
      batches.push(
        Array.from({ length: Math.min(SEED_BATCH, perUnit - start) }, (_, i) => {
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
  await inParallel(batches, writeBatch, SEED_CONCURRENCY);
  await benchTouches.touchEveryUnit();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `seeded ${(answers - from * UNITS).toLocaleString('en')} answers in ${seconds.toFixed(1)} s ` +
      `(${Math.round((answers - from * UNITS) / seconds)} items/s)`,
  );
  return seconds;
}

/**
 * The bench's only contact with the touched record, kept here so that a change of its shape is
 * adapted in one place: every unit's date is touched (as after a day of answers), and the record
 * never lets a touch settle, so every timed run reads the same.
 */
const benchTouches = {
  touchEveryUnit: () =>
    inParallel(unitIds, (unitId) =>
      markTouched(db, tables.surveys, { organizationId: ORG, unitId, visitDate: DATE }),
    ),
  record: () => createDynamoTouchedRecord(db, tables, { settleMs: Number.POSITIVE_INFINITY }),
  /** From the first night on, the touches say what changed (before it, every open date is read). */
  startNights: (record: TouchedRecord) => record.markRun(ORG, new Date()),
};

function jobOf(tables: TableNames) {
  const config = {
    listUnits: async () => unitIds.map((unitId) => unit(unitId, ORG)),
  } as unknown as ConfigStore;
  const touched = benchTouches.record();
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

/** V8's own collector, reachable without starting Node with --expose-gc. */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

interface Peak {
  /** Highest heap in use above the heap left after a full collection just before, MB. */
  heapMb: number;
  /** Highest resident set above the one just before, MB (V8 keeps what it grew, so a second run grows less). */
  rssMb: number;
}

/**
 * Peak memory growth while `work` runs: a full collection first, then heap and RSS sampled every 2 ms
 * (the job waits on DynamoDB most of the time, so the timer runs) and once more at the end.
 */
async function peakGrowth(work: () => Promise<unknown>): Promise<Peak> {
  collectGarbage();
  const base = process.memoryUsage();
  let heap = base.heapUsed;
  let rss = base.rss;
  const sample = () => {
    const now = process.memoryUsage();
    heap = Math.max(heap, now.heapUsed);
    rss = Math.max(rss, now.rss);
  };
  const timer = setInterval(sample, 2);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  sample();
  const mb = (bytes: number) => bytes / 1024 / 1024;
  return { heapMb: mb(heap - base.heapUsed), rssMb: mb(rss - base.rss) };
}

interface Measured {
  answers: number;
  seedSeconds: number;
  ratio: number;
  oursSeconds: number;
  floorSeconds: number;
  queries: number;
  calls: number;
  floorQueries: number;
  peak: Peak;
  floorPeak: Peak;
}

async function measure(answers: number): Promise<Measured> {
  const seedSeconds = await seed(answers);
  const { deps, touched } = jobOf(tables);
  await benchTouches.startNights(touched);
  const run = () => aggregateOrganization(deps, organization(ORG), DATE, nightlyRunInstant(DATE));
  const first = await run();
  expect(first).toMatchObject({ mode: 'touched', unitDatesRead: UNITS });
  countCalls();
  // The floor reads every answer (and so checks the seeding wrote them all).
  let read = 0;
  const floorPeak = await peakGrowth(async () => {
    read = await readWithQuery(db, tables);
  });
  expect(read).toBe(answers);
  const floorQueries = countCalls().queries;
  const peak = await peakGrowth(run);
  const ours = countCalls();
  // ratioToFloor runs each once untimed first, then times them in alternation.
  const timing = await ratioToFloor(run, () => readWithQuery(db, tables), { rounds: 2 });
  console.log(describeRatio(`nightly job, ${answers.toLocaleString('en')} answers`, timing, RATIO_TARGET));
  console.log(
    `  queries ${ours.queries} (all calls ${ours.all}), floor ${floorQueries}; peak heap +${peak.heapMb.toFixed(1)} MB ` +
      `(floor +${floorPeak.heapMb.toFixed(1)}), peak RSS +${peak.rssMb.toFixed(1)} MB (floor +${floorPeak.rssMb.toFixed(1)})`,
  );
  return {
    answers,
    seedSeconds,
    ratio: timing.ratio,
    oursSeconds: timing.ours / 1000,
    floorSeconds: timing.floor / 1000,
    queries: ours.queries,
    calls: ours.all,
    floorQueries,
    peak,
    floorPeak,
  };
}

const results: Measured[] = [];
try {
  for (const answers of [200_000, 400_000]) results.push(await measure(answers));
} finally {
  await dynamo.stop();
}
const [small, large] = results as [Measured, Measured];
const memoryRatio = large.peak.heapMb / Math.max(small.peak.heapMb, 1);
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
    note:
      `${r.queries} queries, ${r.calls} calls (floor ${r.floorQueries} queries); peak heap ` +
      `+${r.peak.heapMb.toFixed(0)} MB (floor +${r.floorPeak.heapMb.toFixed(0)}); seeded in ${r.seedSeconds.toFixed(0)} s`,
  });
}
recordBenchRow({
  bench: 'nightly',
  figure: 'job peak heap growth, 400,000 over 200,000 answers',
  ours: Number(large.peak.heapMb.toFixed(1)),
  floor: Number(small.peak.heapMb.toFixed(1)),
  unit: 'MB',
  ratio: Number(memoryRatio.toFixed(2)),
  target: `<= ${MEMORY_TARGET}`,
  met: memoryRatio <= MEMORY_TARGET,
  note: `peak RSS growth +${large.peak.rssMb.toFixed(0)} MB over +${small.peak.rssMb.toFixed(0)} MB`,
});
// Each target checked once; a miss fails the run.
for (const r of results)
  expect(r.ratio, `nightly job ratio, ${r.answers} answers`).toBeLessThanOrEqual(RATIO_TARGET);
expect(memoryRatio, 'peak memory with twice the answers').toBeLessThanOrEqual(MEMORY_TARGET);

describe('nightly job on DynamoDB Local', () => {
  bench('measured above (one pass recorded)', () => {}, { iterations: 1 });
});
