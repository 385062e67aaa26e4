import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../shared/domain/sendTime';
import type { ScheduleVisitResult } from '../../shared/ports';
import type { DecisionRecord, DispatchRecord } from '../../shared/schemas/records';
import { completedEvent, configure, createTestSystem, setClock, type TestSystem } from '../support/system';

const RECONTACT_DAYS = 30;
const BASE = Date.parse('2026-11-20T06:00:00Z');

/** A visit of one person, as ingest hands it to the store: its decision and dispatch. */
function visitOf(person: string, appointmentId: string, sendAt: number) {
  const context = {
    organizationId: 'org-pohde',
    unitId: 'unit-tk-keskusta',
    visitDate: new Date(sendAt).toISOString().slice(0, 10),
    contactType: 'visit' as const,
    language: 'fi' as const,
  };
  const completedAt = new Date(sendAt - 2 * HOUR_MS).toISOString();
  const decision: DecisionRecord = {
    ...context,
    appointmentId,
    outcome: 'SCHEDULED',
    completedAt,
    source: 'test',
    decidedAt: new Date(BASE).toISOString(),
  };
  const dispatch: DispatchRecord = {
    ...context,
    appointmentId,
    completedAt,
    state: 'PENDING',
    sendAt: new Date(sendAt).toISOString(),
    sendBy: new Date(sendAt + 72 * HOUR_MS).toISOString(),
    phone: '+358401234567',
    phoneHmac: 'phone-hmac',
    scheduleName: `visit-${appointmentId}`,
    attempts: 0,
    updatedAt: new Date(BASE).toISOString(),
  };
  return { decision, dispatch, personHmac: person, recontactDays: RECONTACT_DAYS };
}

/** Send times of a person's visits, hours after BASE: anywhere in 100 days, often exactly 30 days apart. */
const sendHours = fc.array(
  fc.oneof(
    fc.integer({ min: 0, max: 100 * 24 }),
    fc.integer({ min: 0, max: 3 }).map((k) => k * 30 * 24),
  ),
  { minLength: 2, maxLength: 6 },
);

describe('recontact on DynamoDB Local, whatever the order of arrival', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await createTestSystem();
  });

  it('no two scheduled sends of a person are closer than recontactDays; one decision per visit', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        sendHours.chain((hours) =>
          fc.tuple(
            fc.constant(hours),
            fc.shuffledSubarray([...hours.keys()], { minLength: hours.length, maxLength: hours.length }),
            fc.constantFrom('one by one', 'all at once', 'in pairs'),
          ),
        ),
        async ([hours, order, arrival]) => {
          run += 1;
          const person = `person-${run}-${Date.now()}`;
          const visits = hours.map((h, i) => visitOf(person, `${person}-A${i}`, BASE + h * HOUR_MS));
          const results = new Map<number, ScheduleVisitResult>();
          const schedule = async (i: number) => {
            results.set(i, await system.visits.scheduleVisit(visits[i] as (typeof visits)[number]));
          };
          if (arrival === 'one by one') for (const i of order) await schedule(i);
          else if (arrival === 'all at once') await Promise.all(order.map(schedule));
          else
            for (let k = 0; k < order.length; k += 2) await Promise.all(order.slice(k, k + 2).map(schedule));

          const decisions = await Promise.all(
            visits.map((v) =>
              system.visits.getDecision({
                organizationId: 'org-pohde',
                appointmentId: v.decision.appointmentId,
              }),
            ),
          );
          // Exactly one decision per visit, and it is the one the store answered.
          decisions.forEach((decision, i) => {
            expect(decision?.outcome).toBe(results.get(i));
          });
          expect([...results.values()].every((r) => r === 'SCHEDULED' || r === 'RECENTLY_SURVEYED')).toBe(
            true,
          );
          const scheduled = hours.filter((_, i) => results.get(i) === 'SCHEDULED');
          expect(scheduled.length).toBeGreaterThan(0);
          for (const a of scheduled)
            for (const b of scheduled.filter((_, j) => j !== scheduled.indexOf(a)))
              expect(Math.abs(a - b) * HOUR_MS).toBeGreaterThanOrEqual(RECONTACT_DAYS * DAY_MS);
          // And no visit was turned away without a scheduled send near it.
          hours.forEach((h, i) => {
            if (results.get(i) === 'RECENTLY_SURVEYED')
              expect(scheduled.some((s) => Math.abs(s - h) * HOUR_MS < RECONTACT_DAYS * DAY_MS)).toBe(true);
          });
          // Only a scheduled visit has a dispatch.
          for (const [i, v] of visits.entries()) {
            const dispatch = await system.visits.getDispatch({
              organizationId: 'org-pohde',
              appointmentId: v.decision.appointmentId,
            });
            expect(dispatch !== undefined).toBe(results.get(i) === 'SCHEDULED');
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('a late event of the same person, end to end', () => {
  it('is not sent hours after the survey of a later visit', async () => {
    const system = await createTestSystem();
    await configure(system, { organization: { recontactDays: 1 } });
    const personRef = 'person-late';
    // The later visit arrives first and is scheduled for 12:00 on the 22nd.
    await setClock(system, '2026-11-22T10:00:00+02:00');
    const later = completedEvent({ completedAt: '2026-11-22T10:00:00+02:00' }, { personRef });
    expect(await system.ingest(JSON.stringify(later))).toMatchObject({ outcome: 'SCHEDULED' });
    // The earlier visit (two days before) arrives now: it would be sent at once, two hours from the other.
    const earlier = completedEvent({ completedAt: '2026-11-20T10:00:00+02:00' }, { personRef });
    expect(await system.ingest(JSON.stringify(earlier))).toMatchObject({ outcome: 'RECENTLY_SURVEYED' });
    await setClock(system, '2026-11-23T12:00:00+02:00');
    expect(system.outbox.messages).toHaveLength(1);
  });
});
