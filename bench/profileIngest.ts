// Not a bench: drives ingest's batch path (as bench/ingest.bench.ts does, without duplicates) against
// DynamoDB Local and prints the Node CPU per event, for profiling, e.g.
//   EVENTS=3000 node --cpu-prof --cpu-prof-dir=.data/prof --import tsx bench/profileIngest.ts
// FLOOR=1 runs the bench's floor instead (one conditional PutItem per event).
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { ingestSqsBatch } from '../functions/ingest/batch';
import { createDynamoConfigStore, withCachedConfigReads } from '../shared/adapters/dynamo/configStore';
import { createDynamoVisitStore } from '../shared/adapters/dynamo/visitStore';
import { MemoryDeadLetters } from '../shared/adapters/local/memory';
import { createKeyedHasher } from '../shared/domain/keys';
import { noMetrics } from '../shared/ports';
import { type IngestDeps, type IngestResult, ingestVisitEvent } from '../shared/services/ingest';
import { configureBench, silentLog, startBenchDynamo } from './dynamoBench';

const EVENTS = Number(process.env.EVENTS ?? 3000);
const UNITS = Array.from({ length: 20 }, (_, i) => `unit-${i}`);
const NOW = new Date('2026-11-20T10:00:00+02:00');
const dynamo = await startBenchDynamo();
await configureBench(dynamo, 'org-bench', UNITS, { samplingRate: 0.3 });
const deps: IngestDeps = {
  clock: { now: () => NOW },
  config: withCachedConfigReads(createDynamoConfigStore(dynamo.db, dynamo.tables.config), Date.now),
  visits: createDynamoVisitStore(dynamo.db, dynamo.tables.visits, dynamo.tables.config),
  scheduler: { async scheduleSend() {}, async cancelSend() {} },
  deadLetters: new MemoryDeadLetters(),
  hasher: createKeyedHasher('bench-hmac-key-0123456789'),
  log: silentLog,
  metrics: noMetrics,
};
const body = (i: number) =>
  JSON.stringify({
    version: '0',
    id: randomUUID(),
    source: 'fi.example.apotti',
    'detail-type': 'Appointment Completed',
    detail: {
      schemaVersion: 1,
      appointmentId: `A-${i}`,
      organizationId: 'org-bench',
      unitId: UNITS[i % UNITS.length],
      serviceCode: 'T11',
      contactType: 'visit',
      completedAt: new Date(NOW.getTime() - ((i * 7919) % 7200) * 1000).toISOString(),
      client: {
        personRef: `person-${i}`,
        mobilePhone: `+3584012${String(i).padStart(5, '0')}`,
        language: 'fi',
        age: 40,
      },
    },
  });
const floor = async (body: string): Promise<IngestResult> => {
  await dynamo.db.send(
    new PutCommand({
      TableName: dynamo.tables.visits,
      Item: { pk: `F#${randomUUID()}`, sk: 'DECISION', length: body.length },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return { status: 'decided', outcome: 'NOT_SAMPLED' };
};
const handle = process.env.FLOOR ? floor : (body: string) => ingestVisitEvent(deps, body);
let next = 0;
const started = performance.now();
const cpu = process.cpuUsage();
await Promise.all(
  Array.from({ length: 5 }, async () => {
    while (next < EVENTS) {
      const from = next;
      next += 10;
      const event = {
        Records: Array.from(
          { length: 10 },
          (_, j) => ({ messageId: `m${from + j}`, body: body(from + j) }) as SQSRecord,
        ),
      } as SQSEvent;
      await ingestSqsBatch(event, {} as Context, handle);
    }
  }),
);
const used = process.cpuUsage(cpu);
console.log(
  `${EVENTS} events in ${(performance.now() - started).toFixed(0)} ms; Node CPU ${((used.user + used.system) / 1000 / EVENTS).toFixed(2)} ms/event`,
);
await dynamo.stop();
