import { beforeEach, describe, expect, it } from 'vitest';
import {
  completedEvent,
  configure,
  createTestSystem,
  setClock,
  type TestSystem,
  tokenFrom,
} from '../support/system';

describe('a visit from event to answer', () => {
  let system: TestSystem;
  beforeEach(async () => {
    system = await createTestSystem();
    await configure(system);
    await setClock(system, '2026-11-20T10:00:00+02:00');
  });

  it('schedules, sends one SMS at the send time, and takes one answer', async () => {
    const event = completedEvent();
    expect(await system.ingest(JSON.stringify(event))).toEqual({ status: 'decided', outcome: 'SCHEDULED' });
    expect((await setClock(system, '2026-11-20T11:39:00+02:00')).fired).toBe(0);
    expect(system.outbox.messages).toHaveLength(0);
    expect((await setClock(system, '2026-11-20T11:40:00+02:00')).fired).toBe(1);
    expect(system.outbox.messages).toHaveLength(1);
    const [sms] = system.outbox.messages;
    expect(sms?.to).toBe('+358401234567');
    expect(sms?.senderId).toBe('Pohde');
    expect(sms?.body).toMatch(
      /^Hei! Kiitos asioinnistasi\. .* https:\/\/palaute\.example\.fi\/s\/[A-Za-z0-9_-]{22} -Pohde$/,
    );

    const token = tokenFrom(sms?.body ?? '');
    expect((await system.app.request(`/s/${token}`)).status).toBe(200);
    const post = await system.app.request(`/s/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'nps=9&caredFor=5&participation=na',
    });
    expect(post.status).toBe(200);
    const dispatch = await system.visits.getDispatch({
      organizationId: 'org-pohde',
      appointmentId: event.detail.appointmentId,
    });
    expect(dispatch?.state).toBe('SENT');
    expect(dispatch?.phone).toBeUndefined();
  });
});
