import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { keys } from '../../shared/adapters/dynamo/tables';
import { noMetrics } from '../../shared/ports';
import type { SendPayload, VisitKey } from '../../shared/schemas/records';
import { type SendDeps, sendScheduledSurvey } from '../../shared/services/send';
import {
  BASE_URL,
  completedEvent,
  configure,
  createTestSystem,
  setClock,
  type TestSystem,
} from '../support/system';

/** A configured system at 10:00 with one visit completed at 09:40, due to be sent at 11:40. */
async function scheduledVisit() {
  const system = await createTestSystem();
  await configure(system);
  await setClock(system, '2026-11-20T10:00:00+02:00');
  const event = completedEvent();
  expect(await system.ingest(JSON.stringify(event))).toMatchObject({ outcome: 'SCHEDULED' });
  const key: VisitKey = {
    organizationId: event.detail.organizationId,
    appointmentId: event.detail.appointmentId,
  };
  const dispatch = await system.visits.getDispatch(key);
  if (!dispatch) throw new Error('no dispatch');
  return { system, key, dispatch };
}

interface Request {
  command: string;
  /** Whether the request names an opt-out item. */
  optOut: boolean;
}

/** Every DynamoDB request the client makes from now on (SDK retries included). */
function recordRequests(db: DynamoDBDocumentClient): Request[] {
  const requests: Request[] = [];
  db.middlewareStack.add(
    (next, context) => async (args) => {
      requests.push({
        command: context.commandName ?? '',
        optOut: JSON.stringify(args.input).includes('OPTOUT#'),
      });
      return next(args);
    },
    { step: 'deserialize', priority: 'high', name: 'recordRequests' },
  );
  return requests;
}

const sendDepsOf = (system: TestSystem): SendDeps => ({
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
});

/** Deletes the visit's schedule and moves the clock to when it was due: the test delivers the payload. */
async function dueWithoutSchedule(system: TestSystem, scheduleName: string) {
  await system.scheduler.cancelSend(scheduleName);
  await setClock(system, '2026-11-20T12:00:00+02:00');
}

describe('the send reads its dispatch, cancellation and opt-out together', () => {
  it("puts the phone's keyed HMAC in the schedule's payload, never the phone", async () => {
    const { system, key, dispatch } = await scheduledVisit();
    const [schedule] = system.scheduler.pending();
    expect(schedule?.payload).toEqual({ ...key, phoneHmac: dispatch.phoneHmac });
    expect(JSON.stringify(schedule)).not.toContain('401234567');
  });

  it('reads all three in one BatchGetItem and does not send to a number that opted out', async () => {
    const { system, key, dispatch } = await scheduledVisit();
    await system.config.addOptOut(key.organizationId, dispatch.phoneHmac, system.clock.now());
    const requests = recordRequests(system.db);
    await setClock(system, '2026-11-20T12:00:00+02:00');
    expect(system.outbox.messages).toHaveLength(0);
    expect((await system.visits.getDispatch(key))?.state).toBe('OPTED_OUT');
    expect(requests.filter((r) => r.command === 'BatchGetItemCommand')).toHaveLength(1);
    expect(requests.filter((r) => r.command === 'QueryCommand')).toHaveLength(0);
    expect(requests.filter((r) => r.command === 'GetItemCommand' && r.optOut)).toHaveLength(0);
  });

  it('sends a number that has not opted out, with the one read', async () => {
    const { system, key } = await scheduledVisit();
    const requests = recordRequests(system.db);
    await setClock(system, '2026-11-20T12:00:00+02:00');
    expect(system.outbox.messages).toHaveLength(1);
    expect((await system.visits.getDispatch(key))?.state).toBe('SENT');
    expect(requests.filter((r) => r.command === 'BatchGetItemCommand')).toHaveLength(1);
    expect(requests.filter((r) => r.command === 'GetItemCommand' && r.optOut)).toHaveLength(0);
  });

  it('does not send a visit whose cancellation mark is there when its schedule fires', async () => {
    const { system, key } = await scheduledVisit();
    // The mark alone, as if the cancellation's delivery died before it could cancel the dispatch.
    await system.visits.markCancelled(key, system.clock.now());
    await setClock(system, '2026-11-20T12:00:00+02:00');
    expect(system.outbox.messages).toHaveLength(0);
    expect((await system.visits.getDispatch(key))?.state).toBe('CANCELLED');
  });

  it('asks again for keys DynamoDB left unprocessed', async () => {
    const { system, key, dispatch } = await scheduledVisit();
    await system.config.addOptOut(key.organizationId, dispatch.phoneHmac, system.clock.now());
    let batchReads = 0;
    // The first read answers everything but the opt-out item, which it leaves unprocessed.
    system.db.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'BatchGetItemCommand' || batchReads++ > 0) return next(args);
        const result = await next(args);
        // Here the document client has already unmarshalled the output: plain keys, as it returns them.
        const output = result.output as { Responses?: Record<string, unknown>; UnprocessedKeys?: unknown };
        delete output.Responses?.[system.tables.config];
        output.UnprocessedKeys = {
          [system.tables.config]: {
            Keys: [keys.optOut(key.organizationId, dispatch.phoneHmac)],
            ConsistentRead: true,
          },
        };
        return result;
      },
      { step: 'deserialize', priority: 'high', name: 'unprocessedOptOut' },
    );
    await setClock(system, '2026-11-20T12:00:00+02:00');
    expect(system.log.lines.filter((l) => l.level !== 'info')).toEqual([]);
    expect(batchReads).toBe(2);
    expect(system.outbox.messages).toHaveLength(0);
    expect((await system.visits.getDispatch(key))?.state).toBe('OPTED_OUT');
  });

  it('reads the opt-out on its own for a schedule made before payloads carried phoneHmac', async () => {
    const { system, key, dispatch } = await scheduledVisit();
    await system.config.addOptOut(key.organizationId, dispatch.phoneHmac, system.clock.now());
    await dueWithoutSchedule(system, dispatch.scheduleName);
    const requests = recordRequests(system.db);
    expect(await sendScheduledSurvey(sendDepsOf(system), key)).toBe('OPTED_OUT');
    expect(system.outbox.messages).toHaveLength(0);
    expect(requests.filter((r) => r.command === 'QueryCommand')).toHaveLength(1);
    expect(requests.filter((r) => r.command === 'GetItemCommand' && r.optOut)).toHaveLength(1);
  });

  it("checks the dispatch's own phoneHmac when the payload carries another one", async () => {
    const { system, key, dispatch } = await scheduledVisit();
    await system.config.addOptOut(key.organizationId, dispatch.phoneHmac, system.clock.now());
    await dueWithoutSchedule(system, dispatch.scheduleName);
    const payload: SendPayload = { ...key, phoneHmac: 'not-this-dispatchs-hmac' };
    expect(await sendScheduledSurvey(sendDepsOf(system), payload)).toBe('OPTED_OUT');
    expect(system.outbox.messages).toHaveLength(0);
  });
});

describe('the claim and the survey record, written side by side', () => {
  it('releases the claim when the survey record fails, so that a retry sends once', async () => {
    const { system, key, dispatch } = await scheduledVisit();
    await dueWithoutSchedule(system, dispatch.scheduleName);
    const failing: SendDeps = {
      ...sendDepsOf(system),
      surveys: {
        ...system.surveys,
        putSurvey: async () => {
          throw new Error('simulated survey write failure');
        },
      },
    };
    await expect(sendScheduledSurvey(failing, { ...key, phoneHmac: dispatch.phoneHmac })).rejects.toThrow(
      /survey write failure/,
    );
    expect(system.outbox.messages).toHaveLength(0);
    expect((await system.visits.getDispatch(key))?.state).toBe('PENDING');
    expect(await sendScheduledSurvey(sendDepsOf(system), { ...key, phoneHmac: dispatch.phoneHmac })).toBe(
      'SENT',
    );
    expect(system.outbox.messages).toHaveLength(1);
  });

  it('sends nothing from an attempt whose claim is lost, even though its survey record was written', async () => {
    const { system, key, dispatch } = await scheduledVisit();
    await dueWithoutSchedule(system, dispatch.scheduleName);
    const payload = { ...key, phoneHmac: dispatch.phoneHmac };
    const outcomes = await Promise.all([
      sendScheduledSurvey(sendDepsOf(system), payload),
      sendScheduledSurvey(sendDepsOf(system), payload),
      sendScheduledSurvey(sendDepsOf(system), payload),
    ]);
    expect(outcomes.filter((o) => o === 'SENT')).toHaveLength(1);
    expect(system.outbox.messages).toHaveLength(1);
  });
});
