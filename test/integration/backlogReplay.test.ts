import { describe, expect, it, vi } from 'vitest';
import { EXAMPLE_CONFIG } from '../../infra/config';
import { withCachedConfigReads } from '../../shared/adapters/dynamo/configStore';
import { createKeyedHasher, isSampled } from '../../shared/domain/keys';
import { pacedRate, sendPacing } from '../../shared/domain/sendRate';
import { localWallTime } from '../../shared/domain/sendTime';
import { noMetrics } from '../../shared/ports';
import type { VisitKey } from '../../shared/schemas/records';
import { sendScheduledSurvey } from '../../shared/services/send';
import { BASE_URL, completedEvent, configure, createTestSystem } from '../support/system';

// A backlog replayed at once (e.g. an integration that was down over a weekend): BACKLOG_EVENTS visit
// events completed Thursday to Sunday arrive on Monday at 07:30, before the send window opens. Ingest
// takes them with 50 at once; then the due sends run as the send function does in the cloud: as many
// at once as the pacing allows for the configured smsPerSecond, each lasting its share of time (the
// local clock stands at each invocation's start).
// In `npm test` the backlog is 5,000 events (under two minutes on the shared 2-core machine at its
// usual load): ingest is nearly all of it, DynamoDB Local taking some 10-75 events/s there, so the
// issue's 50,000 would take 10 minutes or more. The full figure:
// `BACKLOG_EVENTS=50000 npx vitest run test/integration/backlogReplay.test.ts` (docs/reliability.md).
const EVENTS = Number(process.env.BACKLOG_EVENTS ?? 5_000);
/** Some four times what a run took beside other work (~25 ms per event), never under 10 minutes. */
vi.setConfig({ testTimeout: Math.max(600_000, EVENTS * 100) });
const INGEST_CONCURRENCY = 50;
/** Lockstep rounds of the send function run together (each at its own instant); see below. */
const ROUNDS_AT_ONCE = 20;
const UNITS = ['unit-a', 'unit-b', 'unit-c', 'unit-d', 'unit-e'];
const SAMPLING_RATE = 0.1;
const ARRIVAL = new Date('2026-11-23T07:30:00+02:00');
const HOUR = 60 * 60 * 1000;

describe(`a backlog of ${EVENTS.toLocaleString('en')} events arriving at once`, () => {
  it('ends stale visits STALE, keeps every rule for the rest, and never sends above the configured rate', async () => {
    // Ingest and send read the configuration through the cache their handlers use in the cloud.
    const system = await createTestSystem({ cacheConfigReads: true });
    const runtimeConfig = withCachedConfigReads(system.config, Date.now);
    for (const unitId of UNITS) await configure(system, { unitId, rules: { samplingRate: SAMPLING_RATE } });
    system.clock.set(ARRIVAL);
    const hasher = createKeyedHasher('test-hmac-key-0123456789');

    // Completed from Thursday 08:00 to Sunday 20:00, spread evenly; distinct people and numbers.
    const first = Date.parse('2026-11-19T08:00:00+02:00');
    const span = Date.parse('2026-11-22T20:00:00+02:00') - first;
    const events = Array.from({ length: EVENTS }, (_, i) =>
      completedEvent(
        {
          unitId: UNITS[i % UNITS.length],
          completedAt: new Date(first + Math.floor((span * i) / EVENTS)).toISOString(),
        },
        { mobilePhone: `+358401${String(i).padStart(6, '0')}` },
      ),
    );
    const started = performance.now();
    const outcomes = new Map<string, string>();
    let next = 0;
    await Promise.all(
      Array.from({ length: INGEST_CONCURRENCY }, async () => {
        while (next < events.length) {
          const event = events[next++] as (typeof events)[number];
          const result = await system.ingest(JSON.stringify(event));
          if (result.status !== 'decided') throw new Error(`not decided: ${JSON.stringify(result)}`);
          outcomes.set(event.detail.appointmentId, result.outcome);
        }
      }),
    );

    const ingested = performance.now();
    // The rules, visit by visit: sampling first (a keyed hash), then whether a send window comes
    // within maxLagHours (72) of the visit: Monday 08:00 is the first, Sunday having none.
    const mondayOpens = Date.parse('2026-11-23T08:00:00+02:00');
    let stale = 0;
    for (const event of events) {
      const { unitId, appointmentId, completedAt } = event.detail;
      const sampled = isSampled(hasher, unitId, appointmentId, SAMPLING_RATE);
      const tooOld = Date.parse(completedAt) + 72 * HOUR < mondayOpens;
      const expected = !sampled ? 'NOT_SAMPLED' : tooOld ? 'STALE' : 'SCHEDULED';
      if (expected === 'STALE') stale++;
      expect(outcomes.get(appointmentId), appointmentId).toBe(expected);
    }
    expect(stale).toBeGreaterThan(0);
    const scheduled = [...outcomes.values()].filter((o) => o === 'SCHEDULED').length;
    expect(system.scheduler.pending()).toHaveLength(scheduled);

    // Sending: lockstep invocations of the paced send function, `maxConcurrency` at a time, each
    // round `minMillisPerSend` after the last. The rounds are laid out as that lockstep would run them
    // (the oldest due first, a jump when nothing is due), and ROUNDS_AT_ONCE of them run together,
    // each invocation with its own clock standing at its round's instant: waiting for each round
    // before the next only added DynamoDB Local's latency, round after round. A send schedules
    // nothing sooner than minutes ahead, so a batch of rounds sees all it would have seen in lockstep.
    const pacing = sendPacing(EXAMPLE_CONFIG.smsPerSecond ?? 20);
    const sent: { to: string; sentAt: string }[] = [];
    const sendAt = (at: number, key: VisitKey) =>
      sendScheduledSurvey(
        {
          clock: { now: () => new Date(at) },
          config: runtimeConfig,
          visits: system.visits,
          surveys: system.surveys,
          sms: {
            send: async (message) => {
              const accepted = await system.outbox.send(message);
              sent.push({ to: message.to, sentAt: new Date(at).toISOString() });
              return accepted;
            },
          },
          scheduler: system.scheduler,
          publicBaseUrl: BASE_URL,
          log: system.log,
          metrics: noMetrics,
          sendingLeaseMs: 2 * 60_000,
        },
        key,
      );
    let at = ARRIVAL.getTime();
    for (;;) {
      const pending = system.scheduler.pending(); // oldest first
      const batch: { at: number; key: VisitKey }[] = [];
      let taken = 0;
      for (let round = 0; round < ROUNDS_AT_ONCE && taken < pending.length; ) {
        const oldest = Date.parse((pending[taken] as (typeof pending)[number]).at);
        if (oldest > at) {
          if (batch.length > 0) break; // the jump waits for what this batch may schedule
          at = oldest;
          continue;
        }
        for (let slot = 0; slot < pacing.maxConcurrency && taken < pending.length; slot++) {
          const schedule = pending[taken] as (typeof pending)[number];
          if (Date.parse(schedule.at) > at) break;
          batch.push({ at, key: schedule.payload });
          taken++;
        }
        at += pacing.minMillisPerSend;
        round++;
      }
      if (batch.length === 0) break;
      // Fired and deleted, as Scheduler does with ActionAfterCompletion DELETE.
      for (const schedule of pending.slice(0, taken)) await system.scheduler.cancelSend(schedule.name);
      await Promise.all(batch.map((invocation) => sendAt(invocation.at, invocation.key)));
    }
    const sendingSeconds = (performance.now() - ingested) / 1000;

    // Every scheduled visit ended: SENT, or EXPIRED when the burst outlasted its deadline; once each.
    expect(system.outbox.messages).toHaveLength(sent.length);
    expect(new Set(sent.map((m) => m.to)).size).toBe(sent.length);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThanOrEqual(scheduled);
    // Inside the window (Mon-Sat 08:00-21:00 Helsinki) and never before Monday 08:00.
    for (const message of sent) {
      const instant = new Date(message.sentAt);
      expect(instant.getTime()).toBeGreaterThanOrEqual(mondayOpens);
      const local = localWallTime(instant, 'Europe/Helsinki');
      expect(local.time >= '08:00' && local.time < '21:00', local.time).toBe(true);
    }
    // Never above the configured rate: in any second at most smsPerSecond (pacing rounds down).
    const times = sent.map((m) => Date.parse(m.sentAt)).sort((a, b) => a - b);
    let from = 0;
    let busiest = 0;
    for (let to = 0; to < times.length; to++) {
      while ((times[to] as number) - (times[from] as number) >= 1000) from++;
      busiest = Math.max(busiest, to - from + 1);
    }
    expect(busiest).toBeLessThanOrEqual(pacing.smsPerSecond);
    const burstSeconds = ((times.at(-1) as number) - (times[0] as number)) / 1000;
    console.log(
      `backlog of ${EVENTS} events: ${stale} STALE, ${scheduled} scheduled, ${sent.length} sent in ` +
        `${burstSeconds.toFixed(0)} s (virtual) at ${pacedRate(pacing)} SMS/s, busiest second ${busiest}; ` +
        `ingest took ${((ingested - started) / 1000).toFixed(1)} s, checks and sending ${sendingSeconds.toFixed(1)} s`,
    );
  });
});
