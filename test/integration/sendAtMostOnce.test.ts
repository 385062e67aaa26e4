import { describe, expect, it } from 'vitest';
import type { LocalSystemOptions } from '../../local/system';
import type { ReportRow } from '../../shared/domain/aggregatePublication';
import {
  noMetrics,
  type SmsGateway,
  SmsRejectedError,
  SmsThrottledError,
  type VisitStore,
} from '../../shared/ports';
import type { VisitKey } from '../../shared/schemas/records';
import { type SendDeps, sendScheduledSurvey } from '../../shared/services/send';
import { dispatchTransition, injectDynamoFault } from '../support/dynamoFaults';
import {
  BASE_URL,
  cancelledEvent,
  completedEvent,
  configure,
  createTestSystem,
  REPORTS,
  setClock,
  type TestSystem,
} from '../support/system';

const keyOf = (event: ReturnType<typeof completedEvent>): VisitKey => ({
  organizationId: event.detail.organizationId,
  appointmentId: event.detail.appointmentId,
});

/** A configured system at 10:00 with one visit completed at 09:40, due to be sent at 11:40. */
async function scheduledVisit(wrapSms?: LocalSystemOptions['wrapSms']) {
  const system = await createTestSystem(wrapSms ? { wrapSms } : {});
  await configure(system);
  await setClock(system, '2026-11-20T10:00:00+02:00');
  const event = completedEvent();
  expect(await system.ingest(JSON.stringify(event))).toMatchObject({ outcome: 'SCHEDULED' });
  return { system, event, key: keyOf(event) };
}

/** The send service on the system's own stores, with some of them replaced. */
const sendDepsOf = (system: TestSystem, replaced: Partial<SendDeps>): SendDeps => ({
  clock: system.clock,
  config: system.config,
  visits: system.visits,
  surveys: system.surveys,
  sms: system.outbox,
  scheduler: system.scheduler,
  publicBaseUrl: BASE_URL,
  log: system.log,
  metrics: noMetrics,
  sendingLeaseMs: 2 * 60_000,
  ...replaced,
});

describe('a write whose response is lost is retried by the SDK and recognised as done', () => {
  it('sends the SMS once when the response of the claim (PENDING → SENDING) is lost', async () => {
    const { system, key } = await scheduledVisit();
    let hits = 0;
    injectDynamoFault(system.db, {
      kind: 'lose-response',
      matches: dispatchTransition('PENDING', 'SENDING'),
      times: 1,
      onHit: () => hits++,
    });
    await setClock(system, '2026-11-20T12:00:00+02:00');
    expect(hits).toBe(1);
    expect(system.outbox.messages).toHaveLength(1);
    const dispatch = await system.visits.getDispatch(key);
    expect(dispatch?.state).toBe('SENT');
    expect(dispatch?.messageId).toBe(system.outbox.messages[0]?.messageId);
    expect(dispatch?.phone).toBeUndefined();
    // The closing schedule after the deadline finds it ended and changes nothing.
    await setClock(system, '2026-11-23T12:00:00+02:00');
    expect((await system.visits.getDispatch(key))?.state).toBe('SENT');
    expect(system.outbox.messages).toHaveLength(1);
  });

  it('reports a refused SMS as FAILED when the response of that write is lost', async () => {
    const { system, key } = await scheduledVisit(() => ({
      send: async () => {
        throw new SmsRejectedError('InvalidParameterException');
      },
    }));
    injectDynamoFault(system.db, {
      kind: 'lose-response',
      matches: dispatchTransition('SENDING', 'FAILED'),
      times: 1,
    });
    system.clock.set(new Date('2026-11-20T11:40:00+02:00'));
    expect(await system.send(key)).toBe('FAILED');
    expect((await system.visits.getDispatch(key))?.state).toBe('FAILED');
  });

  it('deletes the schedules of a cancelled visit when the response of the cancellation is lost', async () => {
    const { system, event } = await scheduledVisit();
    injectDynamoFault(system.db, {
      kind: 'lose-response',
      matches: dispatchTransition('PENDING', 'CANCELLED'),
      times: 1,
    });
    await system.ingest(JSON.stringify(cancelledEvent(event.detail)));
    expect((await system.visits.getDispatch(keyOf(event)))?.state).toBe('CANCELLED');
    expect(system.scheduler.pending()).toEqual([]);
  });
});

describe('an attempt that dies after its claim ends UNKNOWN, never SENT', () => {
  it('a throttled SMS whose release write fails is never sent, ends UNKNOWN and is counted as unknown', async () => {
    let providerCalls = 0;
    const { system, key } = await scheduledVisit(() => ({
      send: async () => {
        providerCalls += 1;
        throw new SmsThrottledError('Throttling');
      },
    }));
    injectDynamoFault(system.db, { kind: 'fail', matches: dispatchTransition('SENDING', 'PENDING') });

    await setClock(system, '2026-11-20T11:40:30+02:00');
    expect(providerCalls).toBe(1);
    expect((await system.visits.getDispatch(key))?.state).toBe('SENDING');
    expect(system.log.text()).toMatch(/could not release the send claim/);

    // Redelivered: within the lease it is left alone; after it, the attempt is known to have died.
    system.clock.set(new Date('2026-11-20T11:41:00+02:00'));
    await expect(system.send(key)).rejects.toThrow(/may still be sending/);
    system.clock.set(new Date('2026-11-20T11:43:00+02:00'));
    expect(await system.send(key)).toBe('UNKNOWN');
    // The rest of the retries and the closing schedule find it ended.
    await setClock(system, '2026-11-23T10:00:00+02:00');
    const ended = await system.visits.getDispatch(key);
    expect(ended?.state).toBe('UNKNOWN');
    expect(ended?.endReason).toMatch(/delivery unknown/);
    expect(ended?.sentAt).toBeUndefined();
    expect(ended?.phone).toBeUndefined();
    expect(providerCalls).toBe(1);
    expect(system.outbox.messages).toHaveLength(0);

    // The nightly funnel and the reports count it as unknown, not as sent.
    const job = await system.app.request('/local/jobs/aggregate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ date: '2026-11-20' }),
    });
    expect(job.status).toBe(200);
    const path = '/api/v1/reports/daily?unitId=unit-tk-keskusta&from=2026-11-20&to=2026-11-20';
    const json = (await (await system.app.request(path, { headers: REPORTS })).json()) as {
      rows: ReportRow[];
    };
    expect(json.rows[0]?.funnel).toMatchObject({ received: 1, sent: 0, unknown: 1, expired: 0, failed: 0 });
    expect(json.rows[0]?.responseRate).toBeNull();
    const csv = await (
      await system.app.request(path, { headers: { ...REPORTS, accept: 'text/csv' } })
    ).text();
    const [header, row] = csv.split('\r\n').map((line) => line.split(','));
    expect(row?.[header?.indexOf('unknown') ?? -1]).toBe('1');
    expect(row?.[header?.indexOf('sent') ?? -1]).toBe('0');
  });
});

describe('the send claim', () => {
  it('lets only one of two concurrent attempts of the same dispatch send', async () => {
    const { system, key } = await scheduledVisit();
    // Progress of the two attempts; each change wakes whoever waits for one.
    let reads = 0;
    let providerCalls = 0;
    let attemptsEnded = 0;
    const wake: (() => void)[] = [];
    const progressed = () => {
      for (const resume of wake.splice(0)) resume();
    };
    const until = async (condition: () => boolean) => {
      while (!condition()) await new Promise<void>((resume) => wake.push(resume));
    };

    // Both attempts read the dispatch while it is still PENDING before either goes on.
    const visits: VisitStore = {
      ...system.visits,
      getDispatch: async (k) => {
        const dispatch = await system.visits.getDispatch(k);
        reads += 1;
        progressed();
        await until(() => reads >= 2);
        return dispatch;
      },
    };
    // The first provider call is held until the other attempt has ended or called the provider too.
    const sms: SmsGateway = {
      send: async (message) => {
        providerCalls += 1;
        progressed();
        if (providerCalls === 1) await until(() => attemptsEnded >= 1 || providerCalls >= 2);
        return system.outbox.send(message);
      },
    };
    const deps = sendDepsOf(system, { visits, sms });
    system.clock.set(new Date('2026-11-20T11:40:00+02:00'));
    const attempt = () =>
      sendScheduledSurvey(deps, key).finally(() => {
        attemptsEnded += 1;
        progressed();
      });
    const outcomes = await Promise.all([attempt(), attempt()]);

    expect(outcomes.sort()).toEqual(['ALREADY_ENDED', 'SENT']);
    expect(system.outbox.messages).toHaveLength(1);
    expect((await system.visits.getDispatch(key))?.state).toBe('SENT');
  });
});
