import { describe, expect, it } from 'vitest';
import { cancelledEvent, completedEvent, configure, createTestSystem, setClock } from '../support/system';

describe('ids holding "#" or "%" on DynamoDB Local', () => {
  it('a cancellation for (org-pohde#K, 1) leaves the visit (org-pohde, K#1) alone', async () => {
    const system = await createTestSystem();
    await configure(system);
    await setClock(system, '2026-11-20T10:00:00+02:00');
    const visit = completedEvent({ organizationId: 'org-pohde', appointmentId: 'K#1' });
    expect(await system.ingest(JSON.stringify(visit))).toEqual({ status: 'decided', outcome: 'SCHEDULED' });

    const other = cancelledEvent({
      organizationId: 'org-pohde#K',
      appointmentId: '1',
      unitId: 'unit-tk-keskusta',
    });
    expect(await system.ingest(JSON.stringify(other))).toEqual({ status: 'cancelled' });

    const key = { organizationId: 'org-pohde', appointmentId: 'K#1' };
    expect((await system.visits.getDispatch(key))?.state).toBe('PENDING');
    expect(await system.visits.isCancelled(key)).toBe(false);
    expect(await system.visits.isCancelled({ organizationId: 'org-pohde#K', appointmentId: '1' })).toBe(true);
    await setClock(system, '2026-11-20T12:00:00+02:00');
    expect(system.outbox.messages).toHaveLength(1);

    // And the visit's own cancellation still reaches it.
    const own = completedEvent({ appointmentId: 'K%231' });
    await system.ingest(JSON.stringify(own));
    await system.ingest(
      JSON.stringify(cancelledEvent({ organizationId: 'org-pohde', appointmentId: 'K%231', unitId: 'u' })),
    );
    expect(
      (await system.visits.getDispatch({ organizationId: 'org-pohde', appointmentId: 'K%231' }))?.state,
    ).toBe('CANCELLED');
    expect((await system.visits.getDispatch(key))?.state).toBe('SENT');
  });
});
