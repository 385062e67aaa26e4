import fc from 'fast-check';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryLog } from '../../shared/adapters/local/memory';
import { createKeyedHasher } from '../../shared/domain/keys';
import { noMetrics } from '../../shared/ports';
import { type IngestDeps, ingestVisitEvent } from '../../shared/services/ingest';
import {
  cancelledEvent,
  completedEvent,
  configure,
  createTestSystem,
  setClock,
  type TestSystem,
} from '../support/system';

const NOW = '2026-11-20T10:00:00+02:00';

/** Ingest over the test system's stores, with a log of its own. */
function depsOf(system: TestSystem, log = new MemoryLog()): IngestDeps {
  return {
    clock: system.clock,
    config: system.config,
    visits: system.visits,
    scheduler: system.scheduler,
    deadLetters: system.deadLetters,
    hasher: createKeyedHasher('test-hmac-key-0123456789'),
    log,
    metrics: noMetrics,
  };
}

const envelope = (detail: unknown, detailType = 'Appointment Completed') =>
  JSON.stringify({
    version: '0',
    id: 'evt-1',
    source: 'fi.example.apotti',
    'detail-type': detailType,
    detail,
  });

describe('malformed input is dead-lettered, never thrown', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await createTestSystem();
    await configure(system);
    await setClock(system, NOW);
  });

  it('any JSON as the body, or as the detail of either event type', async () => {
    const deps = depsOf(system);
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue(),
        fc.constantFrom('Appointment Completed', 'Appointment Cancelled', 'Something Else'),
        fc.boolean(),
        async (value, detailType, asDetail) => {
          const body = asDetail ? envelope(value, detailType) : JSON.stringify(value);
          const before = system.deadLetters.entries.length;
          const result = await ingestVisitEvent(deps, body);
          expect(result.status).toBe('dead-lettered');
          if (result.status !== 'dead-lettered') return;
          expect(result.reason.length).toBeGreaterThan(0);
          expect(system.deadLetters.entries.length).toBe(before + 1);
          expect(system.deadLetters.entries.at(-1)).toMatchObject({ reason: result.reason, body });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a valid event with any JSON in its fields', async () => {
    const deps = depsOf(system);
    const base = completedEvent();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('appointmentId', 'organizationId', 'unitId', 'completedAt', 'client', 'serviceCode'),
        fc.jsonValue(),
        async (field, value) => {
          fc.pre(typeof value !== 'string');
          const result = await ingestVisitEvent(deps, envelope({ ...base.detail, [field]: value }));
          expect(result.status).toBe('dead-lettered');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a valid event completed at any instant of years 0000–9999, in any offset', async () => {
    const deps = depsOf(system);
    const offset = fc
      .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([sign, h, m]) => `${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    await fc.assert(
      fc.asyncProperty(
        fc.date({
          min: new Date('0000-01-02T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        }),
        offset,
        async (date, zone) => {
          const completedAt = date.toISOString().replace('Z', zone);
          const result = await ingestVisitEvent(deps, JSON.stringify(completedEvent({ completedAt })));
          expect(['decided', 'dead-lettered']).toContain(result.status);
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    ['arrays', (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`],
    ['objects', (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`],
  ])('100,000 levels of nested %s, as the body and as the detail', async (_, nested) => {
    const deps = depsOf(system);
    const deep = nested(100_000);
    for (const body of [
      deep,
      `{"source":"s","detail-type":"Appointment Completed","detail":${deep}}`,
      `{"source":"s","detail-type":"Appointment Completed","detail":{"schemaVersion":1,"client":${deep}}}`,
    ]) {
      const result = await ingestVisitEvent(deps, body);
      expect(result.status).toBe('dead-lettered');
    }
  });

  it('text that is not JSON, and ids no store can keep (lone surrogates)', async () => {
    const deps = depsOf(system);
    expect(await ingestVisitEvent(deps, '{"source":')).toEqual({
      status: 'dead-lettered',
      reason: 'body is not JSON',
    });
    const event = completedEvent({ appointmentId: 'A-\ud800' });
    const result = await ingestVisitEvent(deps, JSON.stringify(event));
    expect(result).toMatchObject({ status: 'dead-lettered', reason: expect.stringMatching(/appointmentId/) });
  });
});

describe('visits dated in the future or before 2000', () => {
  let system: TestSystem;
  beforeEach(async () => {
    system = await createTestSystem();
    await configure(system);
    await setClock(system, NOW);
  });

  it('9999-12-31 is dead-lettered with its reason, and nothing of it is kept', async () => {
    const event = completedEvent({ completedAt: '9999-12-31T23:59:59+02:00' });
    const result = await system.ingest(JSON.stringify(event));
    expect(result).toEqual({
      status: 'dead-lettered',
      reason: 'invalid Appointment Completed: completedAt: more than a day after the event was received',
    });
    const key = { organizationId: 'org-pohde', appointmentId: event.detail.appointmentId };
    expect(await system.visits.getDecision(key)).toBeUndefined();
    expect(await system.visits.getDispatch(key)).toBeUndefined();
    expect(system.deadLetters.entries.at(-1)?.reason).toMatch(/completedAt/);
  });

  it('up to a day ahead of the clock is a visit; a minute more is not; before 2000 is not', async () => {
    const dayAhead = completedEvent({ completedAt: '2026-11-21T10:00:00+02:00' });
    expect(await system.ingest(JSON.stringify(dayAhead))).toMatchObject({ status: 'decided' });
    const beyond = completedEvent({ completedAt: '2026-11-21T10:01:00+02:00' });
    expect(await system.ingest(JSON.stringify(beyond))).toMatchObject({ status: 'dead-lettered' });
    const old = completedEvent({ completedAt: '1999-12-31T23:59:59Z' });
    expect(await system.ingest(JSON.stringify(old))).toEqual({
      status: 'dead-lettered',
      reason: 'invalid Appointment Completed: completedAt: before 2000-01-01',
    });
  });
});

describe('log lines an integrator can follow', () => {
  it('carry the EventBridge event id as correlationId, and nothing personal', async () => {
    const system = await createTestSystem();
    await configure(system);
    await setClock(system, NOW);
    const log = new MemoryLog();
    const deps = depsOf(system, log);
    const event = completedEvent({}, { personRef: 'person-secret-ref' });
    await ingestVisitEvent(deps, JSON.stringify(event));
    const decided = log.lines.find((line) => line.message === 'visit decided');
    expect(decided?.extra).toEqual({
      unitId: 'unit-tk-keskusta',
      outcome: 'SCHEDULED',
      correlationId: event.id,
    });

    const cancel = cancelledEvent({
      organizationId: 'org-pohde',
      appointmentId: event.detail.appointmentId,
      unitId: 'unit-tk-keskusta',
    });
    await ingestVisitEvent(deps, JSON.stringify(cancel));
    expect(log.lines.find((l) => l.message === 'visit cancelled')?.extra?.correlationId).toBe(cancel.id);

    const invalid = { ...completedEvent({ completedAt: 'yesterday' }), id: 'evt-invalid-1' };
    await ingestVisitEvent(deps, JSON.stringify(invalid));
    expect(log.lines.find((l) => l.message === 'visit event rejected')?.extra?.correlationId).toBe(
      'evt-invalid-1',
    );
    expect(log.text()).not.toMatch(/person-secret-ref|358401234567|0401234567/);
  });
});
