import { resolve } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TZDate } from '@date-fns/tz';
import { Hono } from 'hono';
import { z } from 'zod';
import {
  createDynamoAggregateSources,
  createDynamoAggregateStore,
  createDynamoCommentSource,
} from '../shared/adapters/dynamo/aggregateStore';
import { createDynamoConfigStore, withCachedConfigReads } from '../shared/adapters/dynamo/configStore';
import { createDynamoOpenLinkStore } from '../shared/adapters/dynamo/openLinkStore';
import { createDynamoSurveyStore } from '../shared/adapters/dynamo/surveyStore';
import type { TableNames } from '../shared/adapters/dynamo/tables';
import { createDynamoTouchedRecord } from '../shared/adapters/dynamo/touchedRecord';
import { createDynamoVisitStore } from '../shared/adapters/dynamo/visitStore';
import { VirtualClock } from '../shared/adapters/local/clock';
import { MemoryDeadLetters, MemoryEventPublisher } from '../shared/adapters/local/memory';
import { LocalSmsOutbox } from '../shared/adapters/local/outbox';
import { LocalScheduler } from '../shared/adapters/local/scheduler';
import { TtlSweeper } from '../shared/adapters/local/ttlSweeper';
import { createKeyedHasher } from '../shared/domain/keys';
import { createApp } from '../shared/http/app';
import { bearerTokenAuthenticator } from '../shared/http/auth';
import { DEVELOPMENT_SESSION_SECRET } from '../shared/http/console/session';
import { ApiError, parseOrThrow, readJson } from '../shared/http/errors';
import type { OpenLinkOptions } from '../shared/http/openLinks';
import { loadLocalPeople } from '../shared/identity/localUsers';
import { type Log, noMetrics, type SmsGateway } from '../shared/ports';
import type { SendPayload } from '../shared/schemas/records';
import { nightlyRunInstant, runNightlyAggregation } from '../shared/services/aggregate';
import { type IngestDeps, ingestVisitEvent } from '../shared/services/ingest';
import { type SendDeps, sendScheduledSurvey } from '../shared/services/send';
import { compression } from './compression';
import { createLocalBus, putEventsSchema } from './events';
import { localHomeApp } from './home';

export interface LocalSystemOptions {
  db: DynamoDBDocumentClient;
  tables: TableNames;
  publicBaseUrl: string;
  hmacKey: string;
  adminToken: string;
  reportsToken: string;
  log: Log;
  accessibilityFeedbackEmail?: string;
  /** The people who may sign in to the console (`PALAUTE_USERS_FILE`); `admin` / `local-admin` when left out. */
  usersFile?: string;
  /** Signs console sessions (`PALAUTE_SESSION_SECRET`); a fixed development secret when left out. */
  sessionSecret?: string;
  /** Where pending schedules are kept across restarts; in memory when left out. */
  scheduleFile?: string;
  /** Where the virtual clock is kept across restarts; in memory when left out. */
  clockFile?: string;
  /** Whose README.md and docs/ the start page serves; this repository when left out. */
  repositoryRoot?: string;
  /**
   * Ingest and send read organizations and units through the cache their Lambda handlers use
   * (`withCachedConfigReads`), for runs that configure once and then replay thousands of events. Left
   * out, they read DynamoDB every time, so that a configuration change applies at once.
   */
  cacheConfigReads?: boolean;
  /** Wait before an event is redelivered to ingest (tests shorten it). */
  retryDelayMs?: (delivery: number) => number;
  /** Replaces the outbox as the SMS gateway (tests inject provider faults here); the outbox still records. */
  wrapSms?: (outbox: LocalSmsOutbox) => SmsGateway;
  /** Open links' abuse limits and kiosk timing (tests shorten them); the documented defaults when left out. */
  openLinks?: Omit<OpenLinkOptions, 'store'>;
}

const clockSchema = z.object({ now: z.iso.datetime({ offset: true }) });
const aggregateJobSchema = z.object({ date: z.iso.date() });

const HELSINKI = 'Europe/Helsinki';
/** While the clock follows real time, the scheduler tick sweeps expired items at most this often. */
const TICK_SWEEP_INTERVAL_MS = 60_000;

/** Everything of Palaute in one process: the same services as in Lambda, with local stand-ins for AWS. */
export function createLocalSystem(options: LocalSystemOptions) {
  const clock = new VirtualClock(options.clockFile);
  const { log } = options;
  const config = createDynamoConfigStore(options.db, options.tables.config);
  const visits = createDynamoVisitStore(options.db, options.tables.visits, options.tables.config);
  const surveys = createDynamoSurveyStore(options.db, options.tables.surveys);
  const openLinks = createDynamoOpenLinkStore(options.db, options.tables);
  const hasher = createKeyedHasher(options.hmacKey);
  const outbox = new LocalSmsOutbox(clock);
  const deadLetters = new MemoryDeadLetters();
  const published = new MemoryEventPublisher(() => clock.now());
  const aggregates = createDynamoAggregateStore(options.db, options.tables.aggregates);
  const comments = createDynamoCommentSource(options.db, options.tables.surveys);
  const aggregateDeps = {
    config,
    sources: createDynamoAggregateSources(options.db, options.tables),
    // One DynamoDB Local, whose index is never behind its table: a touch settles at once.
    touched: createDynamoTouchedRecord(options.db, options.tables, { settleMs: 0 }),
    aggregates,
    events: published,
    log,
    clock,
  };
  /** The nightly job for `date`, as if run at 02:00 Europe/Helsinki the next day. */
  const aggregate = (date: string) =>
    runNightlyAggregation(aggregateDeps, { at: nightlyRunInstant(date), date });

  const runtimeConfig = options.cacheConfigReads ? withCachedConfigReads(config, Date.now) : config;
  const sendDeps: SendDeps = {
    clock,
    config: runtimeConfig,
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
  const send = (payload: SendPayload) => sendScheduledSurvey(sendDeps, payload);
  const scheduler = new LocalScheduler(send, log, options.scheduleFile);
  sendDeps.scheduler = scheduler;
  const ingestDeps: IngestDeps = {
    clock,
    config: runtimeConfig,
    visits,
    scheduler,
    deadLetters,
    hasher,
    log,
    metrics: noMetrics,
  };
  const ingest = (body: string) => ingestVisitEvent(ingestDeps, body);

  const bus = createLocalBus({
    clock,
    log,
    deadLetters,
    deliver: ingest,
    retryDelayMs: options.retryDelayMs,
  });
  const putEvents = bus.putEvents;

  const ttl = new TtlSweeper(options.db, Object.values(options.tables));
  let sweptAt = Number.NEGATIVE_INFINITY;
  /** Deletes what has expired by the clock (the stand-in for DynamoDB TTL). */
  const sweepExpired = async () => {
    const now = clock.now();
    sweptAt = now.getTime();
    return ttl.sweep(now);
  };
  /** What the scheduler tick of `npm start` does: fire due sends, and expire items once the clock moved on. */
  async function tick() {
    await scheduler.runDue(clock.now());
    if (Math.abs(clock.now().getTime() - sweptAt) >= TICK_SWEEP_INTERVAL_MS) await sweepExpired();
  }

  const clockView = () => {
    const now = clock.now();
    return {
      now: now.toISOString(),
      helsinki: new TZDate(now.getTime(), HELSINKI).toISOString(),
      virtual: clock.isVirtual(),
    };
  };

  const local = new Hono();
  local.post('/events', async (c) =>
    c.json(await putEvents(parseOrThrow(putEventsSchema, await readJson(c)))),
  );
  local.get('/clock', (c) => c.json(clockView()));
  local.post('/clock', async (c) => {
    const target = new Date(parseOrThrow(clockSchema, await readJson(c)).now);
    // Time only moves forward once virtual: the stored records, schedules and expiries were all
    // written by this clock, and going back would run the system in a past it has already changed.
    if (clock.isVirtual() && target.getTime() < clock.now().getTime()) {
      throw new ApiError(
        409,
        'CONFLICT',
        `The virtual clock only moves forward: it is at ${clock.now().toISOString()}, later than ${target.toISOString()}. To start again from an earlier time, restart with empty data (npm start -- --fresh).`,
        { now: clock.now().toISOString(), requested: target.toISOString() },
      );
    }
    const fired = await scheduler.runDue(target, (at) =>
      clock.set(new Date(Math.max(at.getTime(), clock.now().getTime()))),
    );
    clock.set(target);
    const expired = await sweepExpired();
    return c.json({ now: clock.now().toISOString(), fired, expired });
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
    openLinks: { ...options.openLinks, store: openLinks },
    authenticate: bearerTokenAuthenticator([
      { id: 'local-admin', token: options.adminToken, scopes: ['admin', 'reports:read'] },
      { id: 'local-reports', token: options.reportsToken, scopes: ['reports:read'] },
    ]),
    console: {
      people: loadLocalPeople(options.usersFile),
      sessionSecret: options.sessionSecret ?? DEVELOPMENT_SESSION_SECRET,
    },
    mounts: {
      '/local': local,
      '/': localHomeApp({
        publicBaseUrl: options.publicBaseUrl,
        repositoryRoot: options.repositoryRoot ?? resolve(import.meta.dirname, '..'),
        status: () => ({
          clock: clockView(),
          pendingSchedules: scheduler.pending().length,
          outboxMessages: outbox.messages.length,
          deadLetters: deadLetters.entries.length,
        }),
      }),
    },
    middleware: [compression()],
  });

  return {
    app,
    clock,
    config,
    visits,
    surveys,
    openLinks,
    aggregates,
    comments,
    outbox,
    deadLetters,
    published,
    scheduler,
    ingest,
    send,
    putEvents,
    sweepExpired,
    tick,
  };
}

export type LocalSystem = ReturnType<typeof createLocalSystem>;
