import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { keys } from '../../shared/adapters/dynamo/tables';
import type { DecisionRecord, DispatchRecord } from '../../shared/schemas/records';
import { completedEvent, configure, createTestSystem, setClock, type TestSystem } from '../support/system';

/** Every item of a visit, read from the table itself (not through the store). */
async function itemsOf(system: TestSystem, organizationId: string, appointmentId: string) {
  const result = await system.db.send(
    new QueryCommand({
      TableName: system.tables.visits,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.visit(organizationId, appointmentId) },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

function records(appointmentId: string) {
  const context = {
    organizationId: 'org-pohde',
    unitId: 'unit-tk-keskusta',
    visitDate: '2026-11-20',
    contactType: 'visit' as const,
    language: 'fi' as const,
  };
  const decision: DecisionRecord = {
    ...context,
    appointmentId,
    outcome: 'SCHEDULED',
    completedAt: '2026-11-20T07:40:00.000Z',
    source: 'test',
    decidedAt: '2026-11-20T08:00:00.000Z',
  };
  const dispatch: DispatchRecord = {
    ...context,
    appointmentId,
    completedAt: decision.completedAt,
    state: 'PENDING',
    sendAt: '2026-11-20T09:40:00.000Z',
    sendBy: '2026-11-23T07:40:00.000Z',
    phone: '+358401234567',
    phoneHmac: 'phone-hmac',
    scheduleName: `visit-${appointmentId}`,
    attempts: 0,
    updatedAt: decision.decidedAt,
  };
  return { decision, dispatch };
}

describe('one decision per visit, on DynamoDB Local', () => {
  let system: TestSystem;
  beforeEach(async () => {
    system = await createTestSystem();
    await configure(system);
    await setClock(system, '2026-11-20T10:00:00+02:00');
  });

  it('recordDecision twice keeps the first outcome', async () => {
    const { decision } = records('A-twice');
    expect(await system.visits.recordDecision({ ...decision, outcome: 'NOT_SAMPLED' })).toBe('recorded');
    expect(await system.visits.recordDecision({ ...decision, outcome: 'UNDER_AGE' })).toEqual({
      duplicateOf: 'NOT_SAMPLED',
    });
    const key = { organizationId: 'org-pohde', appointmentId: 'A-twice' };
    expect((await system.visits.getDecision(key))?.outcome).toBe('NOT_SAMPLED');
  });

  it('scheduleVisit of a visit already decided otherwise changes nothing', async () => {
    const { decision, dispatch } = records('A-decided');
    await system.visits.recordDecision({ ...decision, outcome: 'UNIT_DISABLED' });
    const result = await system.visits.scheduleVisit({
      decision,
      dispatch,
      personHmac: 'person-1',
      recontactDays: 30,
    });
    expect(result).toEqual({ duplicateOf: 'UNIT_DISABLED' });
    const items = await itemsOf(system, 'org-pohde', 'A-decided');
    expect(items.map((item) => [item.sk, item.outcome])).toEqual([['DECISION', 'UNIT_DISABLED']]);
  });

  it('a RECENTLY_SURVEYED or QUOTA_REACHED path never overwrites the first decision', async () => {
    const first = records('A-first');
    await system.visits.scheduleVisit({ ...first, personHmac: 'person-2', recontactDays: 30 });
    // The same visit again (a duplicate that raced past the first check): its person is now "recent".
    expect(
      await system.visits.scheduleVisit({ ...first, personHmac: 'person-2', recontactDays: 30 }),
    ).toEqual({
      duplicateOf: 'SCHEDULED',
    });
    expect(
      (await system.visits.getDecision({ organizationId: 'org-pohde', appointmentId: 'A-first' }))?.outcome,
    ).toBe('SCHEDULED');
  });

  it('the same visit ingested 12 times at once: one decision, one dispatch, one schedule, one SMS', async () => {
    const body = JSON.stringify(completedEvent());
    const { appointmentId } = JSON.parse(body).detail as { appointmentId: string };
    const results = await Promise.all(Array.from({ length: 12 }, () => system.ingest(body)));
    expect(results.filter((r) => r.status === 'decided')).toEqual([
      { status: 'decided', outcome: 'SCHEDULED' },
    ]);
    expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(11);
    const items = await itemsOf(system, 'org-pohde', appointmentId);
    expect(items.map((item) => item.sk).sort()).toEqual(['DECISION', 'DISPATCH']);
    const all = await system.db.send(new ScanCommand({ TableName: system.tables.visits }));
    expect((all.Items ?? []).filter((item) => item.sk === 'DECISION')).toHaveLength(1);
    // One schedule (the send), created once.
    expect(system.scheduler.pending()).toHaveLength(1);
    await setClock(system, '2026-11-21T12:00:00+02:00');
    expect(system.outbox.messages).toHaveLength(1);
  });
});
