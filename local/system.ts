import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { z } from 'zod';
import {
  createDynamoAggregateSources,
  createDynamoAggregateStore,
  createDynamoCommentSource,
} from '../shared/adapters/dynamo/aggregateStore';
import { createDynamoConfigStore } from '../shared/adapters/dynamo/configStore';
import { createDynamoSurveyStore } from '../shared/adapters/dynamo/surveyStore';
import type { TableNames } from '../shared/adapters/dynamo/tables';
import { createDynamoVisitStore } from '../shared/adapters/dynamo/visitStore';
import { VirtualClock } from '../shared/adapters/local/clock';
import { MemoryDeadLetters, MemoryEventPublisher } from '../shared/adapters/local/memory';
import { LocalSmsOutbox } from '../shared/adapters/local/outbox';
import { LocalScheduler } from '../shared/adapters/local/scheduler';
import { createKeyedHasher } from '../shared/domain/keys';
import { createApp } from '../shared/http/app';
import { bearerTokenAuthenticator } from '../shared/http/auth';
import { ApiError, parseOrThrow, readJson } from '../shared/http/errors';
import { type Log, noMetrics, type SmsGateway } from '../shared/ports';
import { matchesVisitEventPattern } from '../shared/schemas/events';
import type { VisitKey } from '../shared/schemas/records';
import { nightlyRunInstant, runNightlyAggregation } from '../shared/services/aggregate';
import { type IngestDeps, ingestVisitEvent } from '../shared/services/ingest';
import { type SendDeps, sendScheduledSurvey } from '../shared/services/send';

export interface LocalSystemOptions {
  db: DynamoDBDocumentClient;
  tables: TableNames;
  publicBaseUrl: string;
  hmacKey: string;
  adminToken: string;
  reportsToken: string;
  log: Log;
  accessibilityFeedbackEmail?: string;
  /** Where pending schedules are kept across restarts; in memory when left out. */
  scheduleFile?: string;
  /** Replaces the outbox as the SMS gateway (tests inject provider faults here); the outbox still records. */
  wrapSms?: (outbox: LocalSmsOutbox) => SmsGateway;
}

const putEventsSchema = z.object({
  Entries: z
    .array(
      z.object({
        Source: z.string().min(1),
        DetailType: z.string().min(1),
        Detail: z.string(),
        EventBusName: z.string().optional(),
      }),
    )
    .min(1)
    .max(10),
});

const clockSchema = z.object({ now: z.iso.datetime({ offset: true }) });
const aggregateJobSchema = z.object({ date: z.iso.date() });

/** Everything of Palaute in one process: the same services as in Lambda, with local stand-ins for AWS. */
export function createLocalSystem(options: LocalSystemOptions) {
  const clock = new VirtualClock();
  const { log } = options;
  const config = createDynamoConfigStore(options.db, options.tables.config);
  const visits = createDynamoVisitStore(options.db, options.tables.visits);
  const surveys = createDynamoSurveyStore(options.db, options.tables.surveys);
  const hasher = createKeyedHasher(options.hmacKey);
  const outbox = new LocalSmsOutbox(clock);
  const deadLetters = new MemoryDeadLetters();
  const published = new MemoryEventPublisher(() => clock.now());
  const aggregates = createDynamoAggregateStore(options.db, options.tables.aggregates);
  const comments = createDynamoCommentSource(options.db, options.tables.surveys);
  const aggregateDeps = {
    config,
    sources: createDynamoAggregateSources(options.db, options.tables),
    aggregates,
    events: published,
    log,
    clock,
  };
  /** The nightly job for `date`, as if run at 02:00 Europe/Helsinki the next day. */
  const aggregate = (date: string) =>
    runNightlyAggregation(aggregateDeps, { at: nightlyRunInstant(date), date });

  const sendDeps: SendDeps = {
    clock,
    config,
    visits,
    surveys,
    sms: options.wrapSms ? options.wrapSms(outbox) : outbox,
    // Assigned below: the scheduler and send need each other.
    scheduler: undefined as unknown as LocalScheduler,
    publicBaseUrl: options.publicBaseUrl,
    log,
    metrics: noMetrics,
    sendingLeaseMs: 2 * 60_000,
  };
  const send = (key: VisitKey) => sendScheduledSurvey(sendDeps, key);
  const scheduler = new LocalScheduler(send, log, options.scheduleFile);
  sendDeps.scheduler = scheduler;
  const ingestDeps: IngestDeps = { clock, config, visits, scheduler, deadLetters, hasher, log };
  const ingest = (body: string) => ingestVisitEvent(ingestDeps, body);

  /** `PutEvents` as EventBridge answers it; matching events are ingested before the call returns. */
  async function putEvents(body: z.infer<typeof putEventsSchema>) {
    const entries = [];
    for (const entry of body.Entries) {
      let detail: unknown;
      try {
        detail = JSON.parse(entry.Detail);
      } catch {
        entries.push({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not valid JSON.' });
        continue;
      }
      const id = randomUUID();
      const event = {
        version: '0',
        id,
        'detail-type': entry.DetailType,
        source: entry.Source,
        account: '000000000000',
        time: clock.now().toISOString(),
        region: 'local',
        resources: [],
        detail,
      };
      if (matchesVisitEventPattern(entry.DetailType)) await ingest(JSON.stringify(event));
      entries.push({ EventId: id });
    }
    return { FailedEntryCount: entries.filter((e) => 'ErrorCode' in e).length, Entries: entries };
  }

  const local = new Hono();
  local.post('/events', async (c) =>
    c.json(await putEvents(parseOrThrow(putEventsSchema, await readJson(c)))),
  );
  local.post('/clock', async (c) => {
    const target = new Date(parseOrThrow(clockSchema, await readJson(c)).now);
    const fired = await scheduler.runDue(target, (at) =>
      clock.set(new Date(Math.max(at.getTime(), clock.now().getTime()))),
    );
    clock.set(target);
    return c.json({ now: clock.now().toISOString(), fired });
  });
  local.get('/outbox', (c) => c.json({ messages: outbox.messages }));
  local.get('/dead-letters', (c) => c.json({ entries: deadLetters.entries }));
  local.get('/published-events', (c) => c.json({ events: published.events }));
  local.get('/schedules', (c) => c.json({ schedules: scheduler.pending() }));
  local.post('/jobs/aggregate', async (c) => {
    const { date } = parseOrThrow(aggregateJobSchema, await readJson(c));
    const summary = await aggregate(date);
    if (summary.failures.length > 0) {
      throw new ApiError(
        500,
        'INTERNAL',
        'The nightly job failed for some organizations; rerun it.',
        summary,
      );
    }
    return c.json(summary);
  });

  const app = createApp({
    clock,
    config,
    surveys,
    aggregates,
    comments,
    log,
    publicBaseUrl: options.publicBaseUrl,
    accessibilityFeedbackEmail: options.accessibilityFeedbackEmail,
    authenticate: bearerTokenAuthenticator([
      { id: 'local-admin', token: options.adminToken, scopes: ['admin', 'reports:read'] },
      { id: 'local-reports', token: options.reportsToken, scopes: ['reports:read'] },
    ]),
    mounts: { '/local': local },
  });

  return {
    app,
    clock,
    config,
    visits,
    surveys,
    aggregates,
    comments,
    outbox,
    deadLetters,
    published,
    scheduler,
    ingest,
    send,
    putEvents,
  };
}

export type LocalSystem = ReturnType<typeof createLocalSystem>;
