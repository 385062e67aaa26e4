import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { keys } from '../../shared/adapters/dynamo/tables';
import { createDynamoVisitStore } from '../../shared/adapters/dynamo/visitStore';
import type { VisitStore } from '../../shared/ports';
import type { DispatchRecord, DispatchState, VisitKey } from '../../shared/schemas/records';
import { dispatchTransition, injectDynamoFault } from '../support/dynamoFaults';
import { freshTables } from '../support/system';

/** Every move the send and ingest services make. */
const TRANSITIONS: [DispatchState, DispatchState][] = [
  ['PENDING', 'SENDING'],
  ['PENDING', 'PENDING'],
  ['PENDING', 'CANCELLED'],
  ['PENDING', 'EXPIRED'],
  ['PENDING', 'FAILED'],
  ['PENDING', 'OPTED_OUT'],
  ['SENDING', 'SENT'],
  ['SENDING', 'PENDING'],
  ['SENDING', 'FAILED'],
  ['SENDING', 'UNKNOWN'],
];

describe('dispatch transitions on DynamoDB Local', () => {
  let db: Awaited<ReturnType<typeof freshTables>>['db'];
  let visitsTable: string;
  let visits: VisitStore;
  let counter = 0;

  beforeEach(async () => {
    // A client of its own per test: a fault added to it cannot reach another test.
    const fresh = await freshTables();
    db = fresh.db;
    visitsTable = fresh.tables.visits;
    visits = createDynamoVisitStore(db, visitsTable, fresh.tables.config);
  });

  async function dispatchIn(state: DispatchState): Promise<VisitKey> {
    counter += 1;
    const key = { organizationId: 'org-pohde', appointmentId: `A-${counter}` };
    const record: DispatchRecord = {
      ...key,
      unitId: 'unit-tk-keskusta',
      visitDate: '2026-11-20',
      contactType: 'visit',
      language: 'fi',
      completedAt: '2026-11-20T07:40:00.000Z',
      state,
      sendAt: '2026-11-20T09:40:00.000Z',
      sendBy: '2026-11-23T07:40:00.000Z',
      phone: '+358401234567',
      phoneHmac: 'hmac',
      scheduleName: `send-${counter}`,
      attempts: 0,
      updatedAt: '2026-11-20T07:40:00.000Z',
    };
    await db.send(
      new PutCommand({
        TableName: visitsTable,
        Item: { pk: keys.visit(key.organizationId, key.appointmentId), sk: 'DISPATCH', ...record },
      }),
    );
    return key;
  }

  it.each(TRANSITIONS)(
    '%s → %s whose response was lost is done once the SDK retries it',
    async (from, to) => {
      const key = await dispatchIn(from);
      let hits = 0;
      injectDynamoFault(db, {
        kind: 'lose-response',
        matches: dispatchTransition(from, to),
        times: 1,
        onHit: () => hits++,
      });
      const at = '2026-11-20T09:40:00.000Z';
      expect(await visits.transitionDispatch(key, from, to, { updatedAt: at }, ['phone'])).toBe(true);
      expect(hits).toBe(1);
      const dispatch = await visits.getDispatch(key);
      expect(dispatch).toMatchObject({ state: to, updatedAt: at });
      expect(dispatch?.phone).toBeUndefined();
    },
  );

  it('answers false when another write moved the dispatch first, also on a retry', async () => {
    const key = await dispatchIn('PENDING');
    expect(await visits.transitionDispatch(key, 'PENDING', 'SENDING', {})).toBe(true);
    // A second claim: its condition fails, and the write that made it fail is not its own.
    expect(await visits.transitionDispatch(key, 'PENDING', 'SENDING', {})).toBe(false);
    // The same when its first try is lost before it reaches DynamoDB and the SDK's retry fails.
    injectDynamoFault(db, { kind: 'fail', matches: dispatchTransition('PENDING', 'SENDING'), times: 1 });
    expect(await visits.transitionDispatch(key, 'PENDING', 'SENDING', {})).toBe(false);
    expect(await visits.transitionDispatch(key, 'PENDING', 'CANCELLED', {})).toBe(false);
    expect((await visits.getDispatch(key))?.state).toBe('SENDING');
  });

  it('throws when every try of the SDK fails: whether the write was made is then unknown', async () => {
    const key = await dispatchIn('PENDING');
    injectDynamoFault(db, { kind: 'lose-response', matches: dispatchTransition('PENDING', 'SENDING') });
    await expect(visits.transitionDispatch(key, 'PENDING', 'SENDING', {})).rejects.toThrow(/socket hang up/);
    // The first try was made: the dispatch is claimed by an attempt that believes it failed.
    expect((await visits.getDispatch(key))?.state).toBe('SENDING');
  });
});
