import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { ReportRow } from '../../shared/domain/aggregatePublication';
import { isInsideSendWindow } from '../../shared/domain/sendTime';
import { noMetrics, type SmsGateway, SmsThrottledError, type VisitStore } from '../../shared/ports';
import { mergeRules } from '../../shared/schemas/config';
import type { DispatchRecord, VisitKey } from '../../shared/schemas/records';
import { type SendDeps, sendScheduledSurvey } from '../../shared/services/send';
import { injectDynamoFault } from '../support/dynamoFaults';
import {
  deliverWithRetries,
  fireSchedulesUntil,
  inParallel,
  seededRandom,
  shuffle,
} from '../support/faultDrivers';
import { BASE_URL, configure, createTestSystem, REPORTS, type TestSystem } from '../support/system';

/**
 * The whole pipeline under every fault at once, at scale: duplicated, reordered, cancelled and malformed
 * events; transient DynamoDB errors (requests that fail and requests whose response is lost after they
 * were applied); a throttling SMS provider; and send attempts that die after the provider accepted.
 * `FAULT_SUITE_VISITS` scales it: 1,000 visits in `npm test` (under two minutes on the shared 2-core
 * machine at its usual load); the 10,000 with `FAULT_SUITE_VISITS=10000`, which DynamoDB Local
 * cannot serve within the suite's time (see docs/reliability.md).
 */
const VISITS = Number(process.env.FAULT_SUITE_VISITS ?? 1_000);
/** Some three times what a run took beside other work (~0.1 s per visit), never under 10 minutes. */
const TIMEOUT_MS = Math.max(600_000, VISITS * 300);
const UNITS = 20;
const ORG = 'org-pohde';
const TZ = 'Europe/Helsinki';
const VISIT_DATE = '2026-11-20'; // a Friday
const CONCURRENCY = 32;
const random = seededRandom(20261120);

/** Four kinds of unit: each set of rules puts sends at other times, windows and blocked dates. */
function unitRules(index: number): Record<string, unknown> {
  switch (index % 4) {
    case 0:
      return { timing: { mode: 'delay', delayMinutes: 120 } };
    case 1:
      // Next day 12:00 is Saturday, which is blocked: the sends move to Monday.
      return { timing: { mode: 'nextDay', at: '12:00' }, blockedDates: ['2026-11-21'] };
    case 2:
      return {
        timing: { mode: 'delay', delayMinutes: 30 },
        sendWindow: { start: '09:00', end: '16:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
      };
    default:
      return { timing: { mode: 'delay', delayMinutes: 60 }, samplingRate: 0.5 };
  }
}
const unitIdOf = (index: number) => `unit-fs-${String(index).padStart(2, '0')}`;

interface Visit {
  index: number;
  key: VisitKey;
  unitId: string;
  phone: string;
  personRef: string;
  body: string;
  /** The ingest wave of the completion event. */
  wave: number;
  duplicateWaves: number[];
  cancel?: { wave: number; body: string };
  /** When the cancellation was ingested (the clock then). */
  cancelledAt?: number;
  crashAfterAccept: boolean;
}

/** Hourly waves through the visit day, then the next day's noon and Monday morning. */
const WAVES = [
  ...Array.from({ length: 11 }, (_, h) => `${VISIT_DATE}T${String(h + 8).padStart(2, '0')}:00:00+02:00`),
  '2026-11-21T12:30:00+02:00',
  '2026-11-23T09:30:00+02:00',
].map((iso) => new Date(iso));
const COMPLETION_WAVES = 10; // completions arrive in waves 1–10 (09:00–18:00)

const envelope = (detailType: string, detail: Record<string, unknown>) =>
  JSON.stringify({
    version: '0',
    id: randomUUID(),
    source: 'fi.example.apotti',
    'detail-type': detailType,
    detail,
  });

function makeVisits(): Visit[] {
  return Array.from({ length: VISITS }, (_, index) => {
    const wave = 1 + Math.floor(random() * COMPLETION_WAVES);
    // Completed within the hour before the wave that delivers it.
    const minute = Math.floor(random() * 60);
    const completedAt = new Date(WAVES[wave - 1]?.getTime() ?? 0);
    completedAt.setUTCMinutes(minute);
    const unitId = unitIdOf(index % UNITS);
    const appointmentId = `FS-${index}-${randomUUID().slice(0, 8)}`;
    const phone = `+35840${String(1_000_000 + index).padStart(7, '0')}`;
    const personRef = `fsperson-${index}-${randomUUID().slice(0, 6)}`;
    const detail = {
      schemaVersion: 1,
      appointmentId,
      organizationId: ORG,
      unitId,
      serviceCode: 'T11',
      contactType: 'visit',
      completedAt: completedAt.toISOString(),
      client: { personRef, mobilePhone: phone, language: 'fi', age: 30 + (index % 50) },
    };
    const visit: Visit = {
      index,
      key: { organizationId: ORG, appointmentId },
      unitId,
      phone,
      personRef,
      body: envelope('Appointment Completed', detail),
      wave,
      duplicateWaves: [],
      crashAfterAccept: random() < 0.01,
    };
    const roll = random();
    if (roll < 0.1) {
      // Half redelivered in the same wave (racing the original), half in a later one.
      visit.duplicateWaves.push(random() < 0.5 ? wave : Math.min(WAVES.length - 1, wave + 1));
    }
    const cancelRoll = random();
    if (cancelRoll < 0.05) {
      const cancelBody = envelope('Appointment Cancelled', {
        schemaVersion: 1,
        organizationId: ORG,
        unitId,
        appointmentId,
      });
      // Before the completion (an earlier wave, or first in the same one), or any time after it.
      const before = cancelRoll < 0.02;
      const cancelWave = before
        ? Math.max(0, wave - 1)
        : wave + 1 + Math.floor(random() * (WAVES.length - wave - 1));
      visit.cancel = { wave: Math.min(cancelWave, WAVES.length - 1), body: cancelBody };
    }
    return visit;
  });
}

/** Malformed in the ways integrations get it wrong; each must be dead-lettered with its reason. */
function makeMalformed(count: number): { body: string; wave: number; reason: RegExp }[] {
  const kinds: { make: (i: number) => string; reason: RegExp }[] = [
    { make: (i) => `{not json ${i}`, reason: /not JSON/ },
    {
      make: (i) =>
        envelope('Appointment Completed', {
          schemaVersion: 1,
          appointmentId: `BAD-${i}`,
          organizationId: ORG,
          unitId: unitIdOf(i % UNITS),
          completedAt: 'eilen',
          contactType: 'visit',
          client: { personRef: `fsperson-bad-${i}`, mobilePhone: '+358409999999' },
        }),
      reason: /completedAt/,
    },
    {
      make: (i) =>
        envelope('Appointment Completed', {
          schemaVersion: 2,
          appointmentId: `BAD-${i}`,
          organizationId: ORG,
        }),
      reason: /schemaVersion/,
    },
    {
      make: (i) => envelope('Appointment Completed', { schemaVersion: 1, organizationId: ORG, note: i }),
      reason: /appointmentId/,
    },
    { make: (i) => JSON.stringify([i, 'array']), reason: /./ },
  ];
  return Array.from({ length: count }, (_, i) => {
    const kind = kinds[i % kinds.length] as (typeof kinds)[number];
    return { body: kind.make(i), wave: 1 + (i % COMPLETION_WAVES), reason: kind.reason };
  });
}

async function scanAll(system: TestSystem, TableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await system.db.send(new ScanCommand({ TableName, ExclusiveStartKey }));
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

describe('the fault suite', { timeout: TIMEOUT_MS }, () => {
  it(`keeps every guarantee for ${VISITS} visits under duplicates, cancellations, malformed events, DynamoDB errors, throttling and crashes`, async () => {
    const started = Date.now();
    // Ingest reads the configuration through the cache its handler uses in the cloud; the send
    // function below reads it every time, so its configuration reads meet the faults as well.
    const system = await createTestSystem({ cacheConfigReads: true });
    await configure(system, { organizationId: ORG, unitId: unitIdOf(0), rules: unitRules(0) });
    for (let i = 1; i < UNITS; i++)
      await configure(system, { organizationId: ORG, unitId: unitIdOf(i), rules: unitRules(i) });

    const visits = makeVisits();
    const malformed = makeMalformed(Math.round(VISITS * 0.02));
    const byPhone = new Map(visits.map((v) => [v.phone, v]));
    const byAppointment = new Map(visits.map((v) => [v.key.appointmentId, v]));

    // What the provider accepted, each at the instant of the send that called it.
    const accepted: { to: string; body: string; messageId: string; sentAt: number }[] = [];
    // The SMS provider throttles 5 % of calls.
    let throttled = 0;
    const smsAt = (at: Date): SmsGateway => ({
      send: async (message) => {
        if (random() < 0.05) {
          throttled += 1;
          throw new SmsThrottledError('Throttling (simulated)');
        }
        const { messageId } = await system.outbox.send(message);
        accepted.push({ to: message.to, body: message.body, messageId, sentAt: at.getTime() });
        return { messageId };
      },
    });
    // 1 % of visits: the send function dies after the provider accepted, before SENT is written.
    const crashed = new Set<string>();
    const visitsWithCrashes: VisitStore = {
      ...system.visits,
      transitionDispatch: async (key, from, to, changes, remove) => {
        const visit = byAppointment.get(key.appointmentId);
        if (
          from === 'SENDING' &&
          to === 'SENT' &&
          visit?.crashAfterAccept &&
          !crashed.has(key.appointmentId)
        ) {
          crashed.add(key.appointmentId);
          throw new Error('simulated crash after the provider accepted');
        }
        return system.visits.transitionDispatch(key, from, to, changes, remove);
      },
    };
    /** The send function as one invocation at `at` sees it. */
    const sendDepsAt = (at: Date): SendDeps => ({
      clock: { now: () => new Date(at) },
      config: system.config,
      visits: visitsWithCrashes,
      surveys: system.surveys,
      sms: smsAt(at),
      scheduler: system.scheduler,
      publicBaseUrl: BASE_URL,
      log: system.log,
      metrics: noMetrics,
      sendingLeaseMs: 2 * 60_000,
    });

    // Transient DynamoDB errors on 5 % of calls, below the SDK's retries: half never reach DynamoDB,
    // half are applied and then lose their response.
    let dynamoFaults = 0;
    const removeFaults = [
      injectDynamoFault(system.db, {
        kind: 'fail',
        matches: () => random() < 0.025,
        onHit: () => dynamoFaults++,
      }),
      injectDynamoFault(system.db, {
        kind: 'lose-response',
        matches: () => random() < 0.025,
        onHit: () => dynamoFaults++,
      }),
    ];

    let ingestRedeliveries = 0;
    const ingest = async (body: string) => {
      const delivered = await deliverWithRetries(
        () => system.ingest(body),
        10,
        () => ingestRedeliveries++,
      );
      if (!delivered.ok)
        throw new Error(`an event was not ingested after 10 deliveries: ${String(delivered.error)}`);
      return delivered.result;
    };
    const deliveries = new Map<string, number>();
    const fireUntil = (until: Date) =>
      fireSchedulesUntil({
        scheduler: system.scheduler,
        until,
        fire: (key, at) => sendScheduledSurvey(sendDepsAt(at), key),
        concurrency: CONCURRENCY,
        retryAfterMs: 3 * 60_000,
        maxDeliveries: 8,
        deliveries,
      });

    for (const [wave, at] of WAVES.entries()) {
      // Everything due before this wave has fired; the wave's events arrive at its instant.
      await fireUntil(new Date(at.getTime() - 1));
      system.clock.set(at);
      const cancellations = visits.filter((v) => v.cancel?.wave === wave);
      // Cancellations that precede their completion in the same wave go first.
      await inParallel(
        cancellations.filter((v) => v.cancel && v.cancel.wave <= v.wave),
        CONCURRENCY,
        async (v) => {
          await ingest(v.cancel?.body ?? '');
          v.cancelledAt = at.getTime();
        },
      );
      const bodies = shuffle(
        [
          ...visits.filter((v) => v.wave === wave).map((v) => v.body),
          ...visits.flatMap((v) => v.duplicateWaves.filter((w) => w === wave).map(() => v.body)),
          ...malformed.filter((m) => m.wave === wave).map((m) => m.body),
        ],
        random,
      );
      await inParallel(bodies, CONCURRENCY, ingest);
      await inParallel(
        cancellations.filter((v) => v.cancel && v.cancel.wave > v.wave),
        CONCURRENCY,
        async (v) => {
          await ingest(v.cancel?.body ?? '');
          v.cancelledAt = at.getTime();
        },
      );
    }
    const ingested = Date.now();
    // Every send, retry and closing schedule (72 h after the last visit, and then some).
    await fireUntil(new Date('2026-11-25T12:00:00+02:00'));
    const sent = Date.now();
    expect(system.scheduler.pending()).toEqual([]);

    // Some people answer (concurrently), with a comment.
    const tokens = accepted
      .map((m) => /\/s\/([A-Za-z0-9_-]{22})/.exec(m.body)?.[1] ?? '')
      .filter((_, i) => i % 10 === 0);
    let answerStatuses: number[] = [];
    await inParallel(tokens, 16, async (token) => {
      const response = await system.app.request(`/s/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'nps=9&comment=Kiitos',
      });
      answerStatuses = [...answerStatuses, response.status];
    });
    for (const remove of removeFaults) remove();

    // Nightly figures for the visit day.
    const job = await system.app.request('/local/jobs/aggregate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ date: VISIT_DATE }),
    });
    expect(job.status).toBe(200);

    // ---- The guarantees ----
    // About 5 % of some 18 calls per visit.
    expect(dynamoFaults).toBeGreaterThan(VISITS / 2);
    expect(throttled).toBeGreaterThan(0);
    expect(crashed.size).toBeGreaterThan(0);
    expect(answerStatuses.every((s) => s < 400)).toBe(true);

    // Exactly one decision per well-formed visit, and none for anything else.
    const visitItems = await scanAll(system, system.tables.visits);
    const decisions = visitItems.filter((item) => item.sk === 'DECISION');
    const decisionsPerVisit = new Map<string, number>();
    for (const d of decisions) {
      const id = d.appointmentId as string;
      decisionsPerVisit.set(id, (decisionsPerVisit.get(id) ?? 0) + 1);
    }
    expect(decisions.length).toBe(VISITS);
    expect(visits.filter((v) => decisionsPerVisit.get(v.key.appointmentId) !== 1)).toEqual([]);

    // At most one SMS per visit.
    const smsPerVisit = new Map<string, number>();
    for (const m of accepted) smsPerVisit.set(m.to, (smsPerVisit.get(m.to) ?? 0) + 1);
    expect([...smsPerVisit.values()].filter((n) => n > 1)).toEqual([]);

    // No SMS after its cancellation, outside its window or on a blocked date.
    const organization = await system.config.getOrganization(ORG);
    const rulesByUnit = new Map(
      await Promise.all(
        Array.from({ length: UNITS }, async (_, i) => {
          const unit = await system.config.getUnit(unitIdOf(i));
          return [unitIdOf(i), mergeRules(unit?.rules, organization?.defaults)] as const;
        }),
      ),
    );
    const misplaced = accepted.filter((m) => {
      const visit = byPhone.get(m.to);
      const rules = visit && rulesByUnit.get(visit.unitId);
      if (!visit || !rules) return true;
      const at = new Date(m.sentAt);
      const afterCancel = visit.cancelledAt !== undefined && m.sentAt >= visit.cancelledAt;
      return afterCancel || !isInsideSendWindow(at, TZ, rules.sendWindow, rules.blockedDates);
    });
    expect(misplaced).toEqual([]);

    // Every malformed event dead-lettered once, with its reason; nothing well-formed dead-lettered.
    expect(system.deadLetters.entries).toHaveLength(malformed.length);
    const letters = new Map(system.deadLetters.entries.map((l) => [l.body, l.reason]));
    for (const m of malformed) expect(letters.get(m.body)).toMatch(m.reason);

    // `sent` counts only what the provider accepted and recorded; crashed sends are unknown, not sent.
    const dispatches = visitItems.filter((item) => item.sk === 'DISPATCH') as unknown as DispatchRecord[];
    const stateOf = new Map(dispatches.map((d) => [d.appointmentId, d.state]));
    const acceptedStates = accepted.map((m) => stateOf.get(byPhone.get(m.to)?.key.appointmentId ?? ''));
    expect(acceptedStates.filter((s) => s !== 'SENT' && s !== 'UNKNOWN')).toEqual([]);
    expect(dispatches.filter((d) => d.state === 'PENDING' || d.state === 'SENDING')).toEqual([]);
    expect(dispatches.filter((d) => d.phone !== undefined)).toEqual([]);
    const sentDispatches = dispatches.filter((d) => d.state === 'SENT').length;
    expect(sentDispatches).toBe(acceptedStates.filter((s) => s === 'SENT').length);

    // The nightly funnel adds up to the events received.
    const funnels = await Promise.all(
      Array.from({ length: UNITS }, async (_, i) => {
        const path = `/api/v1/reports/daily?unitId=${unitIdOf(i)}&from=${VISIT_DATE}&to=${VISIT_DATE}`;
        const response = await system.app.request(path, { headers: REPORTS });
        expect(response.status).toBe(200);
        return ((await response.json()) as { rows: ReportRow[] }).rows[0]?.funnel;
      }),
    );
    const total = { received: 0, scheduled: 0, decided: 0, sent: 0, unknown: 0, ended: 0 };
    for (const f of funnels) {
      if (!f) throw new Error('a unit has no figures');
      total.received += f.received;
      total.decided += Object.values(f.decisions).reduce((a, b) => a + b, 0);
      total.scheduled += f.decisions.SCHEDULED;
      total.sent += f.sent;
      total.unknown += f.unknown;
      total.ended += f.sent + f.failed + f.cancelled + f.expired + f.optedOut + f.unknown;
    }
    expect(total.received).toBe(VISITS);
    expect(total.decided).toBe(VISITS);
    expect(total.ended).toBe(total.scheduled);
    expect(total.sent).toBe(sentDispatches);
    expect(total.sent + total.unknown).toBeGreaterThanOrEqual(accepted.length);
    expect(total.sent).toBeLessThanOrEqual(accepted.length - crashed.size);

    // No phone number or personRef in logs, answers, aggregates or published events.
    const surveyItems = await scanAll(system, system.tables.surveys);
    const aggregateItems = await scanAll(system, system.tables.aggregates);
    const texts = {
      logs: system.log.text(),
      answersAndSurveys: JSON.stringify(surveyItems),
      aggregates: JSON.stringify(aggregateItems),
      published: JSON.stringify(system.published.events),
    };
    expect(surveyItems.some((item) => JSON.stringify(item).includes('Kiitos'))).toBe(true);
    expect(system.published.events.length).toBeGreaterThan(0);
    for (const [where, text] of Object.entries(texts)) {
      const phones = (text.match(/40\d{7}/g) ?? []).filter((digits) => byPhone.has(`+358${digits}`));
      expect({ where, phones }).toEqual({ where, phones: [] });
      expect({ where, personRef: text.includes('fsperson') }).toEqual({ where, personRef: false });
    }

    const seconds = (Date.now() - started) / 1000;
    console.info(
      `fault suite phases: waves ${(ingested - started) / 1000} s, last sends ${(sent - ingested) / 1000} s`,
    );
    system.log.info('fault suite finished', { seconds, ingestRedeliveries, dynamoFaults, throttled });
    console.info(
      `fault suite: ${VISITS} visits in ${seconds.toFixed(1)} s; ${dynamoFaults} DynamoDB faults, ${ingestRedeliveries} ingest redeliveries, ${throttled} throttled SMS, ${crashed.size} crashes after acceptance, ${accepted.length} SMS`,
    );
  });
});
