import { describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG } from '../../infra/config';
import { createKeyedHasher, isSampled } from '../../shared/domain/keys';
import { pacedRate, sendPacing } from '../../shared/domain/sendRate';
import { localWallTime } from '../../shared/domain/sendTime';
import type { VisitKey } from '../../shared/schemas/records';
import { completedEvent, configure, createTestSystem } from '../support/system';

// A backlog replayed at once (e.g. an integration that was down over a weekend): BACKLOG_EVENTS visit
// events completed Thursday to Sunday arrive on Monday at 07:30, before the send window opens. Ingest
// takes them with 50 at once; then the due sends run as the send function does in the cloud: as many
// at once as the pacing allows for the configured smsPerSecond, each lasting its share of time (the
// local clock stands at each invocation's start).
// In `npm test` the backlog is 2,000 events: DynamoDB Local takes them at some 100-300 events/s on a
// 2-core machine (a few seconds to two minutes, depending on what else runs), so 50,000 would take
// minutes. The full figure: `BACKLOG_EVENTS=50000 npx vitest run test/integration/backlogReplay.test.ts`.
const EVENTS = Number(process.env.BACKLOG_EVENTS ?? 2_000);
const INGEST_CONCURRENCY = 50;
const UNITS = ['unit-a', 'unit-b', 'unit-c', 'unit-d', 'unit-e'];
const SAMPLING_RATE = 0.1;
const ARRIVAL = new Date('2026-11-23T07:30:00+02:00');
const HOUR = 60 * 60 * 1000;

describe(`a backlog of ${EVENTS.toLocaleString('en')} events arriving at once`, () => {
  it('ends stale visits STALE, keeps every rule for the rest, and never sends above the configured rate', async () => {
    const system = await createTestSystem();
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

    // Sending: lockstep invocations of the paced send function, `maxConcurrency` at a time.
    const pacing = sendPacing(EXAMPLE_CONFIG.smsPerSecond ?? 20);
    let at = ARRIVAL.getTime();
    for (;;) {
      const due = system.scheduler.pending().filter((s) => Date.parse(s.at) <= at);
      if (due.length === 0) {
        const later = system.scheduler.pending()[0];
        if (!later) break;
        at = Math.max(at, Date.parse(later.at));
        continue;
      }
      system.clock.set(new Date(at));
      const round = due.slice(0, pacing.maxConcurrency);
      // Fired and deleted, as Scheduler does with ActionAfterCompletion DELETE.
      for (const schedule of round) await system.scheduler.cancelSend(schedule.name);
      await Promise.all(round.map((schedule) => system.send(schedule.payload as VisitKey)));
      at += pacing.minMillisPerSend;
    }

    // Every scheduled visit ended: SENT, or EXPIRED when the burst outlasted its deadline; once each.
    const sent = system.outbox.messages;
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
        `${burstSeconds.toFixed(0)} s (virtual) at ${pacedRate(pacing)} SMS/s, busiest second ${busiest}`,
    );
  }, 900_000);
});
