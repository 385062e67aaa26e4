import { beforeEach, describe, expect, it } from 'vitest';
import { createKeyedHasher } from '../../shared/domain/keys';
import { completedEvent, configure, createTestSystem, setClock, type TestSystem } from '../support/system';

const PHONE = '+358401234567';
const phoneHmac = createKeyedHasher('test-hmac-key-0123456789').phoneHmac('org-pohde', PHONE);

/** A GetItem of an organization or a unit: the Lambda handlers cache those, the local system does not. */
function readsConfiguration(command: string, input: { Key?: { pk?: unknown } }): boolean {
  const pk = input.Key?.pk;
  const value = typeof pk === 'string' ? pk : (pk as { S?: string } | undefined)?.S;
  return command === 'GetItemCommand' && /^(ORG|UNIT)#/.test(value ?? '');
}

/**
 * The DynamoDB calls `work` makes, by command, in order. Left out: the nightly job's touch marks
 * (UpdateItem), the touched record's business rather than the decision's; and configuration reads.
 */
async function callsOf<T>(
  system: TestSystem,
  work: () => Promise<T>,
): Promise<{ result: T; calls: string[] }> {
  const calls: string[] = [];
  const name = `callCounter${Math.random()}`;
  system.db.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '?';
      if (command !== 'UpdateItemCommand' && !readsConfiguration(command, args.input as never))
        calls.push(command);
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    return { result: await work(), calls };
  } finally {
    system.db.middlewareStack.remove(name);
  }
}

/** Ingests a visit and returns its result and calls. */
const ingest = (system: TestSystem, event: ReturnType<typeof completedEvent>) =>
  callsOf(system, () => system.ingest(JSON.stringify(event)));

describe('the storage calls of one visit event', () => {
  let system: TestSystem;
  beforeEach(async () => {
    system = await createTestSystem();
    await setClock(system, '2026-11-20T10:00:00+02:00');
  });

  const setUp = (samplingRate: number) => configure(system, { rules: { samplingRate } });

  it('a visit that can be scheduled reads its opt-out and its person in one BatchGetItem', async () => {
    await setUp(1);
    const { result, calls } = await ingest(system, completedEvent({}, { mobilePhone: PHONE }));
    expect(result).toEqual({ status: 'decided', outcome: 'SCHEDULED' });
    expect(calls).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
  });

  it('the person read with the opt-out decides the recontact rule: RECENTLY_SURVEYED without a second read', async () => {
    await setUp(1);
    await system.ingest(JSON.stringify(completedEvent({}, { personRef: 'person-1' })));
    const again = completedEvent({ completedAt: '2026-11-20T09:50:00+02:00' }, { personRef: 'person-1' });
    const { result, calls } = await ingest(system, again);
    expect(result).toEqual({ status: 'decided', outcome: 'RECENTLY_SURVEYED' });
    expect(calls).toEqual(['BatchGetItemCommand', 'PutItemCommand']);
  });

  it('an opt-out read in the same BatchGetItem wins over scheduling', async () => {
    await setUp(1);
    await system.config.addOptOut('org-pohde', phoneHmac, system.clock.now());
    const { result, calls } = await ingest(system, completedEvent({}, { mobilePhone: PHONE }));
    expect(result).toEqual({ status: 'decided', outcome: 'OPTED_OUT' });
    expect(calls).toEqual(['BatchGetItemCommand', 'PutItemCommand']);
  });

  it('a visit that cannot be scheduled reads the opt-out alone, and the opt-out still comes before sampling', async () => {
    await setUp(0);
    const notSampled = await ingest(system, completedEvent({}, { mobilePhone: PHONE }));
    expect(notSampled.result).toEqual({ status: 'decided', outcome: 'NOT_SAMPLED' });
    expect(notSampled.calls).toEqual(['GetItemCommand', 'PutItemCommand']);
    await system.config.addOptOut('org-pohde', phoneHmac, system.clock.now());
    const optedOut = await ingest(system, completedEvent({}, { mobilePhone: PHONE }));
    expect(optedOut.result).toEqual({ status: 'decided', outcome: 'OPTED_OUT' });
    expect(optedOut.calls).toEqual(['GetItemCommand', 'PutItemCommand']);
  });

  it('a duplicate learns the first outcome from its failed write, without reading the decision', async () => {
    await setUp(0);
    const event = completedEvent({}, { mobilePhone: PHONE });
    await system.ingest(JSON.stringify(event));
    const { result, calls } = await ingest(system, event);
    expect(result).toEqual({ status: 'duplicate', outcome: 'NOT_SAMPLED' });
    expect(calls).toEqual(['GetItemCommand', 'PutItemCommand']);
  });

  it('a duplicate of a scheduled visit reads only its dispatch, to make sure of its schedule', async () => {
    await setUp(1);
    const event = completedEvent({}, { mobilePhone: PHONE });
    await system.ingest(JSON.stringify(event));
    const { result, calls } = await ingest(system, event);
    expect(result).toEqual({ status: 'duplicate', outcome: 'SCHEDULED' });
    // The person's record already holds the first delivery's send: the duplicate's write is the
    // RECENTLY_SURVEYED one, and its failure names the first outcome.
    expect(calls).toEqual(['BatchGetItemCommand', 'PutItemCommand', 'QueryCommand']);
    expect(system.scheduler.pending()).toHaveLength(1);
  });
});
