import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  noMetrics,
  type SmsGateway,
  SmsRejectedError,
  SmsThrottledError,
  type VisitStore,
} from '../../shared/ports';
import type { VisitKey } from '../../shared/schemas/records';
import { ingestVisitEvent } from '../../shared/services/ingest';
import {
  cancelledEvent,
  completedEvent,
  configure,
  createTestSystem,
  setClock,
  type TestSystem,
} from '../support/system';

const keyOf = (event: ReturnType<typeof completedEvent>): VisitKey => ({
  organizationId: event.detail.organizationId,
  appointmentId: event.detail.appointmentId,
});

async function decisionsOf(system: TestSystem) {
  const result = await system.db.send(new ScanCommand({ TableName: system.tables.visits }));
  return (result.Items ?? []).filter((item) => item.sk === 'DECISION');
}

describe('exactly one decision and at most one SMS per visit', () => {
  let system: TestSystem;
  beforeEach(async () => {
    system = await createTestSystem();
    await configure(system);
    await setClock(system, '2026-11-20T10:00:00+02:00');
  });

  it('decides a duplicated event once and sends one SMS, also when duplicates race', async () => {
    const event = completedEvent();
    const body = JSON.stringify(event);
    const results = await Promise.all([system.ingest(body), system.ingest(body), system.ingest(body)]);
    await system.ingest(body);
    expect(results.filter((r) => r.status === 'decided')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(2);
    expect(await decisionsOf(system)).toHaveLength(1);
    // One schedule: the send (a closing one only if a send attempt leaves the dispatch open).
    expect(system.scheduler.pending()).toHaveLength(1);
    await setClock(system, '2026-11-20T12:00:00+02:00');
    await system.ingest(body);
    await setClock(system, '2026-11-21T12:00:00+02:00');
    expect(system.outbox.messages).toHaveLength(1);
  });

  it('repairs a crash between the decision and the schedule when the event is redelivered', async () => {
    const event = completedEvent();
    const failingScheduler = {
      scheduleSend: async () => {
        throw new Error('simulated crash before the schedule was created');
      },
      cancelSend: async () => {},
    };
    const deps = {
      clock: system.clock,
      config: system.config,
      visits: system.visits,
      scheduler: failingScheduler,
      deadLetters: system.deadLetters,
      hasher: (await import('../../shared/domain/keys')).createKeyedHasher('test-hmac-key-0123456789'),
      log: system.log,
      metrics: noMetrics,
    };
    await expect(ingestVisitEvent(deps, JSON.stringify(event))).rejects.toThrow(/simulated crash/);
    expect(system.scheduler.pending()).toHaveLength(0);
    expect(await system.ingest(JSON.stringify(event))).toEqual({ status: 'duplicate', outcome: 'SCHEDULED' });
    expect(system.scheduler.pending()).toHaveLength(1);
    await setClock(system, '2026-11-20T12:00:00+02:00');
    expect(system.outbox.messages).toHaveLength(1);
  });

  it('surveys the same person once across units within recontactDays', async () => {
    await configure(system, { unitId: 'unit-hammas' });
    const personRef = 'person-shared';
    const first = completedEvent({}, { personRef });
    const second = completedEvent(
      { unitId: 'unit-hammas', completedAt: '2026-11-20T09:50:00+02:00' },
      { personRef },
    );
    expect(await system.ingest(JSON.stringify(first))).toMatchObject({ outcome: 'SCHEDULED' });
    expect(await system.ingest(JSON.stringify(second))).toMatchObject({ outcome: 'RECENTLY_SURVEYED' });
    // After the window, the same person may be surveyed again.
    await setClock(system, '2026-12-22T10:00:00+02:00');
    const later = completedEvent({ completedAt: '2026-12-22T09:00:00+02:00' }, { personRef });
    expect(await system.ingest(JSON.stringify(later))).toMatchObject({ outcome: 'SCHEDULED' });
  });

  it('stops scheduling at the unit dailyQuota for the visit date', async () => {
    await configure(system, { rules: { dailyQuota: 2 } });
    const outcomes = [];
    for (let i = 0; i < 4; i++)
      outcomes.push((await system.ingest(JSON.stringify(completedEvent()))) as { outcome: string });
    expect(outcomes.map((o) => o.outcome)).toEqual([
      'SCHEDULED',
      'SCHEDULED',
      'QUOTA_REACHED',
      'QUOTA_REACHED',
    ]);
    // Another visit date has its own quota.
    const nextDay = completedEvent({ completedAt: '2026-11-21T09:40:00+02:00' });
    await setClock(system, '2026-11-21T10:00:00+02:00');
    expect(await system.ingest(JSON.stringify(nextDay))).toMatchObject({ outcome: 'SCHEDULED' });
  });

  it('cancels a survey not yet sent, and leaves one already sent alone', async () => {
    const early = completedEvent();
    const late = completedEvent();
    await system.ingest(JSON.stringify(early));
    await system.ingest(JSON.stringify(late));
    await system.ingest(JSON.stringify(cancelledEvent(early.detail)));
    await setClock(system, '2026-11-20T12:00:00+02:00');
    expect(system.outbox.messages).toHaveLength(1);
    expect((await system.visits.getDispatch(keyOf(early)))?.state).toBe('CANCELLED');
    expect((await system.visits.getDispatch(keyOf(early)))?.phone).toBeUndefined();
    await system.ingest(JSON.stringify(cancelledEvent(late.detail)));
    expect((await system.visits.getDispatch(keyOf(late)))?.state).toBe('SENT');
  });

  it('does not send when the cancellation arrives before the completion', async () => {
    const event = completedEvent();
    await system.ingest(JSON.stringify(cancelledEvent(event.detail)));
    expect(await system.ingest(JSON.stringify(event))).toMatchObject({ outcome: 'SCHEDULED' });
    const dispatch = await system.visits.getDispatch(keyOf(event));
    expect(dispatch?.state).toBe('CANCELLED');
    expect(dispatch?.phone).toBeUndefined();
    await setClock(system, '2026-11-21T12:00:00+02:00');
    expect(system.outbox.messages).toHaveLength(0);
  });

  it('records why an unknown unit and an invalid event were not surveyed', async () => {
    const unknown = completedEvent({ unitId: 'unit-ei-ole' });
    expect(await system.ingest(JSON.stringify(unknown))).toEqual({
      status: 'decided',
      outcome: 'UNKNOWN_UNIT',
    });
    expect((await system.visits.getDecision(keyOf(unknown)))?.outcome).toBe('UNKNOWN_UNIT');

    const invalid = completedEvent({ completedAt: 'eilen' });
    const result = await system.ingest(JSON.stringify(invalid));
    expect(result).toMatchObject({ status: 'dead-lettered' });
    expect(system.deadLetters.entries).toHaveLength(1);
    expect(system.deadLetters.entries[0]?.reason).toMatch(/completedAt/);
    expect(JSON.parse(system.deadLetters.entries[0]?.body ?? '{}').detail.appointmentId).toBe(
      invalid.detail.appointmentId,
    );
    expect(await system.ingest('not json')).toMatchObject({
      status: 'dead-lettered',
      reason: 'body is not JSON',
    });
    const v2 = { ...completedEvent(), detail: { ...completedEvent().detail, schemaVersion: 2 } };
    expect(await system.ingest(JSON.stringify(v2))).toMatchObject({
      reason: expect.stringMatching(/schemaVersion/),
    });
  });

  it('answers PutEvents like EventBridge and dead-letters only the invalid entry', async () => {
    const good = completedEvent();
    const response = await system.app.request('/local/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        Entries: [
          { Source: good.source, DetailType: good['detail-type'], Detail: JSON.stringify(good.detail) },
          { Source: 'x', DetailType: 'Appointment Completed', Detail: '{"schemaVersion":1}' },
          { Source: 'x', DetailType: 'Appointment Completed', Detail: '{not json' },
        ],
      }),
    });
    const body = (await response.json()) as { FailedEntryCount: number; Entries: Record<string, string>[] };
    expect(body.FailedEntryCount).toBe(1);
    expect(body.Entries[0]).toHaveProperty('EventId');
    expect(body.Entries[1]).toHaveProperty('EventId');
    expect(body.Entries[2]).toMatchObject({ ErrorCode: 'MalformedDetail' });
    expect(system.deadLetters.entries).toHaveLength(1);
    expect((await system.visits.getDecision(keyOf(good)))?.outcome).toBe('SCHEDULED');
  });
});

describe('the SMS provider and crashes', () => {
  it('sends one SMS when the provider throttles first and then accepts', async () => {
    let throttles = 2;
    const system = await createTestSystem({
      wrapSms: (outbox): SmsGateway => ({
        send: async (message) => {
          if (throttles-- > 0) throw new SmsThrottledError('Throttling');
          return outbox.send(message);
        },
      }),
    });
    await configure(system);
    await setClock(system, '2026-11-20T10:00:00+02:00');
    const event = completedEvent();
    await system.ingest(JSON.stringify(event));
    expect((await setClock(system, '2026-11-20T12:00:00+02:00')).fired).toBe(0);
    expect((await system.visits.getDispatch(keyOf(event)))?.state).toBe('PENDING');
    await setClock(system, '2026-11-20T12:01:00+02:00');
    await setClock(system, '2026-11-20T12:02:00+02:00');
    expect(system.outbox.messages).toHaveLength(1);
    expect((await system.visits.getDispatch(keyOf(event)))?.state).toBe('SENT');
  });

  it('never sends twice when the process dies after the provider accepted, nor counts it as sent', async () => {
    const system = await createTestSystem();
    await configure(system);
    await setClock(system, '2026-11-20T10:00:00+02:00');
    const event = completedEvent();
    await system.ingest(JSON.stringify(event));
    await setClock(system, '2026-11-20T11:39:00+02:00');

    // The provider accepts, then the state update never happens (the Lambda is killed).
    const crashingVisits: VisitStore = {
      ...system.visits,
      transitionDispatch: async (key, from, to, changes, remove) => {
        if (from === 'SENDING' && to === 'SENT')
          throw new Error('simulated crash after the provider accepted');
        return system.visits.transitionDispatch(key, from, to, changes, remove);
      },
    };
    const { sendScheduledSurvey } = await import('../../shared/services/send');
    const deps = {
      clock: system.clock,
      config: system.config,
      visits: crashingVisits,
      surveys: system.surveys,
      sms: system.outbox,
      scheduler: system.scheduler,
      publicBaseUrl: 'https://palaute.example.fi',
      log: system.log,
      metrics: { count: () => {} },
      sendingLeaseMs: 120_000,
    };
    system.clock.set(new Date('2026-11-20T11:40:00+02:00'));
    await expect(sendScheduledSurvey(deps, keyOf(event))).rejects.toThrow(/simulated crash/);
    expect(system.outbox.messages).toHaveLength(1);

    // The message is redelivered: first while the attempt could still be alive, then after the lease.
    await expect(system.send(keyOf(event))).rejects.toThrow(/may still be sending/);
    system.clock.set(new Date('2026-11-20T11:45:00+02:00'));
    expect(await system.send(keyOf(event))).toBe('UNKNOWN');
    expect(await system.send(keyOf(event))).toBe('ALREADY_ENDED');
    expect(system.outbox.messages).toHaveLength(1);
    // Whether the provider was called cannot be known here: only its acceptance makes a dispatch SENT.
    const dispatch = await system.visits.getDispatch(keyOf(event));
    expect(dispatch?.state).toBe('UNKNOWN');
    expect(dispatch?.sentAt).toBeUndefined();
    expect(dispatch?.phone).toBeUndefined();
    expect(dispatch?.endReason).toMatch(/delivery unknown/);
  });

  it('ends a dispatch whose sends all failed at its deadline, erasing the number', async () => {
    const system = await createTestSystem({
      wrapSms: () => ({
        send: async () => {
          throw new SmsThrottledError('Throttling');
        },
      }),
    });
    await configure(system);
    await setClock(system, '2026-11-20T10:00:00+02:00');
    const event = completedEvent();
    await system.ingest(JSON.stringify(event));
    // Every delivery of the send is throttled until the local scheduler gives up (like an SQS DLQ).
    for (let minute = 40; minute < 50; minute++) await setClock(system, `2026-11-20T11:${minute}:00+02:00`);
    const stuck = await system.visits.getDispatch(keyOf(event));
    expect(stuck?.state).toBe('PENDING');
    expect(stuck?.phone).toBeDefined();
    // maxLagHours (72) after the visit, the closing schedule ends it.
    await setClock(system, '2026-11-23T09:46:00+02:00');
    const ended = await system.visits.getDispatch(keyOf(event));
    expect(ended?.state).toBe('EXPIRED');
    expect(ended?.phone).toBeUndefined();
    expect(system.outbox.messages).toHaveLength(0);
  });

  it('marks a refused SMS FAILED and erases the number', async () => {
    const system = await createTestSystem({
      wrapSms: () => ({
        send: async () => {
          throw new SmsRejectedError('InvalidParameterException');
        },
      }),
    });
    await configure(system);
    await setClock(system, '2026-11-20T10:00:00+02:00');
    const event = completedEvent();
    await system.ingest(JSON.stringify(event));
    await setClock(system, '2026-11-20T12:00:00+02:00');
    const dispatch = await system.visits.getDispatch(keyOf(event));
    expect(dispatch?.state).toBe('FAILED');
    expect(dispatch?.phone).toBeUndefined();
    // Ended by its send: no schedule is left to fire (no closing one was needed).
    expect(system.scheduler.pending()).toEqual([]);
  });
});

describe('checks at send time', () => {
  let system: TestSystem;
  beforeEach(async () => {
    system = await createTestSystem();
    await setClock(system, '2026-11-20T10:00:00+02:00');
  });

  it('expires a survey that could not be sent within maxLagHours', async () => {
    await configure(system, { rules: { maxLagHours: 3 } });
    const event = completedEvent();
    await system.ingest(JSON.stringify(event));
    // A stray early delivery does not send before the decided time.
    expect(await system.send(keyOf(event))).toBe('RESCHEDULED');
    system.clock.set(new Date('2026-11-20T13:00:00+02:00'));
    expect(await system.send(keyOf(event))).toBe('EXPIRED');
    expect(system.outbox.messages).toHaveLength(0);
  });

  it('moves a send that fires outside the window (rules changed meanwhile) to the next window start', async () => {
    await configure(system, { rules: { timing: { mode: 'delay', delayMinutes: 600 } } });
    const event = completedEvent();
    await system.ingest(JSON.stringify(event));
    await configure(system, {
      rules: {
        timing: { mode: 'delay', delayMinutes: 600 },
        sendWindow: { start: '08:00', end: '18:00', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
      },
    });
    await setClock(system, '2026-11-20T19:40:00+02:00');
    expect(system.outbox.messages).toHaveLength(0);
    const dispatch = await system.visits.getDispatch(keyOf(event));
    expect(dispatch?.state).toBe('PENDING');
    expect(dispatch?.sendAt).toBe('2026-11-21T06:00:00.000Z');
    await setClock(system, '2026-11-21T08:00:00+02:00');
    expect(system.outbox.messages).toHaveLength(1);
  });

  it('fires a schedule at its own time when the local clock jumps past it', async () => {
    await configure(system);
    const event = completedEvent();
    await system.ingest(JSON.stringify(event));
    // Friday 11:40 is due; the clock jumps to Saturday night, outside the 08–21 window.
    await setClock(system, '2026-11-21T22:30:00+02:00');
    expect(system.outbox.messages.map((m) => m.sentAt)).toEqual(['2026-11-20T09:40:00.000Z']);
    expect(system.clock.now().toISOString()).toBe('2026-11-21T20:30:00.000Z');
  });

  it('does not send to a number that opted out after the visit was scheduled', async () => {
    await configure(system);
    const event = completedEvent();
    await system.ingest(JSON.stringify(event));
    const dispatch = await system.visits.getDispatch(keyOf(event));
    await system.config.addOptOut('org-pohde', dispatch?.phoneHmac ?? '', system.clock.now());
    await setClock(system, '2026-11-20T12:00:00+02:00');
    expect(system.outbox.messages).toHaveLength(0);
    expect((await system.visits.getDispatch(keyOf(event)))?.state).toBe('OPTED_OUT');
    expect(await system.ingest(JSON.stringify(completedEvent()))).toMatchObject({ outcome: 'OPTED_OUT' });
  });
});

describe('privacy', () => {
  it('keeps phone numbers and personRefs out of logs, answers and surveys, and erases them after sending', async () => {
    const system = await createTestSystem();
    await configure(system);
    await setClock(system, '2026-11-20T10:00:00+02:00');
    const phones = ['+358401112233', '+358402223344'];
    for (const [i, phone] of phones.entries()) {
      await system.ingest(
        JSON.stringify(completedEvent({}, { mobilePhone: phone, personRef: `secret-person-${i}` })),
      );
    }
    await setClock(system, '2026-11-20T12:00:00+02:00');
    for (const message of system.outbox.messages) {
      const token = /\/s\/([A-Za-z0-9_-]{22})/.exec(message.body)?.[1];
      await system.app.request(`/s/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'nps=10&comment=Hyvää palvelua',
      });
    }
    const everything = JSON.stringify(
      await Promise.all(
        Object.values(system.tables).map(
          async (TableName) => (await system.db.send(new ScanCommand({ TableName }))).Items,
        ),
      ),
    );
    const logs = system.log.text();
    for (const phone of phones) {
      const digits = phone.slice(4);
      expect(everything).not.toContain(digits);
      expect(logs).not.toContain(digits);
    }
    expect(everything).not.toContain('secret-person');
    expect(logs).not.toContain('secret-person');
    expect(logs).not.toContain('Hyvää palvelua');
    expect(everything).toContain('Hyvää palvelua');
  });
});
