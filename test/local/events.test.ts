import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { MAX_DELIVERIES } from '../../local/events';
import { completedEvent, configure, createTestSystem, freshTables, setClock } from '../support/system';

type PutEventsAnswer = { FailedEntryCount: number; Entries: Record<string, string>[] };

const entryOf = (event: ReturnType<typeof completedEvent>) => ({
  Source: event.source,
  DetailType: event['detail-type'],
  Detail: JSON.stringify(event.detail),
});
const keyOf = (event: ReturnType<typeof completedEvent>) => ({
  organizationId: event.detail.organizationId,
  appointmentId: event.detail.appointmentId,
});

async function putEvents(
  system: { app: { request: (path: string, init: RequestInit) => Response | Promise<Response> } },
  entries: unknown[],
) {
  const response = await system.app.request('/local/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ Entries: entries }),
  });
  return { status: response.status, body: (await response.json()) as PutEventsAnswer };
}

/** A document client whose calls fail for one appointment's keys, `failures` times (forever when undefined). */
function failingFor(db: DynamoDBDocumentClient, appointmentId: string, failures?: number) {
  let left = failures ?? Number.POSITIVE_INFINITY;
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return (command: { input: unknown }) => {
        if (left > 0 && JSON.stringify(command.input).includes(appointmentId)) {
          left -= 1;
          const error = new Error(
            'The level of configured provisioned throughput for the table was exceeded.',
          );
          error.name = 'ProvisionedThroughputExceededException';
          return Promise.reject(error);
        }
        return target.send(command as never);
      };
    },
  });
}

describe('POST /local/events answers each entry on its own, as PutEvents does', () => {
  it('refuses a malformed, a non-object and a deeply nested Detail in their own places; the good entry is ingested', async () => {
    const system = await createTestSystem();
    await configure(system);
    await setClock(system, '2026-11-20T10:00:00+02:00');
    const good = completedEvent();
    const deep = `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const { status, body } = await putEvents(system, [
      { Source: 'x', DetailType: 'Appointment Completed', Detail: '['.repeat(100_000) },
      {
        Source: 'x',
        DetailType: 'Appointment Completed',
        Detail: `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      },
      { Source: 'x', DetailType: 'Appointment Completed', Detail: deep },
      entryOf(good),
    ]);
    expect(status).toBe(200);
    expect(body.Entries).toHaveLength(4);
    expect(body.Entries[0]).toMatchObject({
      ErrorCode: 'MalformedDetail',
      ErrorMessage: expect.stringMatching(/JSON/),
    });
    expect(body.Entries[1]).toMatchObject({
      ErrorCode: 'MalformedDetail',
      ErrorMessage: expect.stringMatching(/object/),
    });
    // Well-formed JSON object: the bus accepts it; ingest refuses it, and it ends in the dead letters.
    expect(body.Entries[2]).toHaveProperty('EventId');
    expect(body.Entries[3]).toHaveProperty('EventId');
    expect(body.FailedEntryCount).toBe(2);
    expect(system.deadLetters.entries).toHaveLength(1);
    expect(system.deadLetters.entries[0]?.reason).toMatch(/appointmentId/);
    expect((await system.visits.getDecision(keyOf(good)))?.outcome).toBe('SCHEDULED');
  });

  it('answers an entry without Source or DetailType with InvalidArgument, and takes the rest', async () => {
    const system = await createTestSystem();
    await configure(system);
    await setClock(system, '2026-11-20T10:00:00+02:00');
    const good = completedEvent();
    const { status, body } = await putEvents(system, [
      { DetailType: 'Appointment Completed', Detail: '{}' },
      { Source: 'x', Detail: '{}' },
      'not an entry',
      entryOf(good),
    ]);
    expect(status).toBe(200);
    expect(body.FailedEntryCount).toBe(3);
    expect(body.Entries[0]).toMatchObject({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: expect.stringMatching(/Source/),
    });
    expect(body.Entries[1]).toMatchObject({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: expect.stringMatching(/DetailType/),
    });
    expect(body.Entries[2]).toMatchObject({ ErrorCode: 'InvalidArgument' });
    expect(body.Entries[3]).toHaveProperty('EventId');
    expect((await system.visits.getDecision(keyOf(good)))?.outcome).toBe('SCHEDULED');
  });

  it('still refuses a request without entries, or with more than ten, as a whole (400 with the field)', async () => {
    const system = await createTestSystem();
    for (const entries of [[], Array.from({ length: 11 }, () => ({}))]) {
      const response = await system.app.request('/local/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ Entries: entries }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        error: { code: 'VALIDATION_FAILED', details: [{ path: 'Entries' }] },
      });
    }
  });

  it('redelivers an entry whose ingest hit a storage error, then dead-letters it with the reason; the others go through', async () => {
    const { db, tables } = await freshTables();
    const broken = completedEvent();
    const system = await createTestSystem({
      db: failingFor(db, broken.detail.appointmentId),
      tables,
      retryDelayMs: () => 1,
    });
    await configure(system);
    await setClock(system, '2026-11-20T10:00:00+02:00');
    const before = completedEvent();
    const after = completedEvent();
    const { status, body } = await putEvents(system, [entryOf(before), entryOf(broken), entryOf(after)]);
    expect(status).toBe(200);
    expect(body.FailedEntryCount).toBe(0);
    expect(body.Entries.every((e) => 'EventId' in e)).toBe(true);
    expect(system.deadLetters.entries).toHaveLength(1);
    const letter = system.deadLetters.entries[0];
    expect(letter?.reason).toMatch(
      new RegExp(`${MAX_DELIVERIES} times.*ProvisionedThroughputExceededException`),
    );
    expect(letter?.body).toContain(broken.detail.appointmentId);
    expect(system.log.lines.filter((l) => l.message === 'event delivery failed')).toHaveLength(
      MAX_DELIVERIES,
    );
    expect((await system.visits.getDecision(keyOf(before)))?.outcome).toBe('SCHEDULED');
    expect((await system.visits.getDecision(keyOf(after)))?.outcome).toBe('SCHEDULED');
  });

  it('decides an entry whose storage failed twice on the third delivery, without a dead letter', async () => {
    const { db, tables } = await freshTables();
    const flaky = completedEvent();
    const system = await createTestSystem({
      db: failingFor(db, flaky.detail.appointmentId, 2),
      tables,
      retryDelayMs: () => 1,
    });
    await configure(system);
    await setClock(system, '2026-11-20T10:00:00+02:00');
    const { body } = await putEvents(system, [entryOf(flaky)]);
    expect(body).toMatchObject({ FailedEntryCount: 0, Entries: [{ EventId: expect.any(String) }] });
    expect(system.deadLetters.entries).toHaveLength(0);
    expect((await system.visits.getDecision(keyOf(flaky)))?.outcome).toBe('SCHEDULED');
  });
});
