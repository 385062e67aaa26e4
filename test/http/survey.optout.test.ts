import { beforeEach, describe, expect, it } from 'vitest';
import { hashSurveyToken } from '../../shared/domain/keys';
import { messages } from '../../shared/i18n';
import {
  completedEvent,
  configure,
  createTestSystem,
  setClock,
  type TestSystem,
  tokenFrom,
} from '../support/system';

const PHONE = '+358401234567';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const fi = messages('fi');

/** Ingests a visit for `PHONE` (a new person each time) and returns its appointment id. */
async function visit(
  system: TestSystem,
  detail: Record<string, unknown> = {},
  client: Record<string, unknown> = {},
) {
  const event = completedEvent(detail, { mobilePhone: PHONE, ...client });
  const result = await system.ingest(JSON.stringify(event));
  return { appointmentId: event.detail.appointmentId, result };
}

describe('opting out from the survey page', () => {
  let system: TestSystem;
  beforeEach(async () => {
    system = await createTestSystem();
    await configure(system);
    await configure(system, { unitId: 'unit-hammashoitola' });
    await setClock(system, '2026-11-20T10:00:00+02:00');
  });

  async function sentToken(): Promise<string> {
    const first = await visit(system, { completedAt: '2026-11-20T09:40:00+02:00' });
    expect(first.result).toEqual({ status: 'decided', outcome: 'SCHEDULED' });
    await setClock(system, '2026-11-20T11:40:00+02:00');
    expect(system.outbox.messages).toHaveLength(1);
    return tokenFrom(system.outbox.messages[0]?.body ?? '');
  }

  it('links to a confirmation page; opening it opts nobody out', async () => {
    const token = await sentToken();
    const form = await (await system.app.request(`/s/${token}`)).text();
    expect(form).toContain(`<a href="/s/${token}/opt-out?lang=fi">Älä lähetä minulle enää kyselyitä</a>`);
    const confirm = await system.app.request(`/s/${token}/opt-out?lang=fi`);
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toContain(`<h1>${fi.optOut.title}</h1>`);
    expect(html).toContain(fi.optOut.scope('Pohde'));
    expect(html).toContain(`<form method="post" action="/s/${token}/opt-out?lang=fi">`);
    expect(html).toContain(`<a href="/s/${token}?lang=fi">${fi.optOut.cancel}</a>`);
    await system.app.request(`/s/${token}/opt-out`, { method: 'HEAD' });

    const later = await visit(system, {
      unitId: 'unit-hammashoitola',
      completedAt: '2026-11-20T11:00:00+02:00',
    });
    expect(later.result).toEqual({ status: 'decided', outcome: 'SCHEDULED' });
  });

  it('confirming adds the number to the opt-out list: a later visit of that number ends OPTED_OUT', async () => {
    const token = await sentToken();
    // The HMAC the send step stored for this survey's number (never a value the test made up).
    const survey = await system.surveys.getSurvey(hashSurveyToken(token));
    const phoneHmac = survey?.phoneHmac as string;
    expect(phoneHmac).toMatch(/\S{16,}/);
    expect(await system.config.isOptedOut('org-pohde', phoneHmac)).toBe(false);
    const done = await system.app.request(`/s/${token}/opt-out?lang=sv`, { method: 'POST', headers: FORM });
    expect(done.status).toBe(200);
    const html = await done.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain(messages('sv').optOut.doneTitle);
    expect(await system.config.isOptedOut('org-pohde', phoneHmac)).toBe(true);
    // Idempotent: confirming twice is fine.
    expect((await system.app.request(`/s/${token}/opt-out`, { method: 'POST', headers: FORM })).status).toBe(
      200,
    );

    // Another person with the same number, at another unit of the organization.
    const later = await visit(system, {
      unitId: 'unit-hammashoitola',
      completedAt: '2026-11-20T11:00:00+02:00',
    });
    expect(later.result).toEqual({ status: 'decided', outcome: 'OPTED_OUT' });
    const decision = await system.visits.getDecision({
      organizationId: 'org-pohde',
      appointmentId: later.appointmentId,
    });
    expect(decision?.outcome).toBe('OPTED_OUT');
    // Another number is still surveyed.
    const other = await visit(
      system,
      { completedAt: '2026-11-20T11:00:00+02:00' },
      { mobilePhone: '+358409876543' },
    );
    expect(other.result).toEqual({ status: 'decided', outcome: 'SCHEDULED' });
    // The survey itself can still be answered.
    const answer = await system.app.request(`/s/${token}`, { method: 'POST', headers: FORM, body: 'nps=7' });
    expect(answer.status).toBe(200);
  });

  it('a survey scheduled for that number but not yet sent ends OPTED_OUT at send time', async () => {
    // Two visits of the same number (two people, two units): the first is sent at 11:40, the second at 13:00.
    const first = await visit(system, { completedAt: '2026-11-20T09:40:00+02:00' });
    const second = await visit(system, {
      unitId: 'unit-hammashoitola',
      completedAt: '2026-11-20T11:00:00+02:00',
    });
    expect(first.result).toEqual({ status: 'decided', outcome: 'SCHEDULED' });
    expect(second.result).toEqual({ status: 'decided', outcome: 'SCHEDULED' });
    expect((await setClock(system, '2026-11-20T11:40:00+02:00')).fired).toBe(1);
    expect(system.outbox.messages).toHaveLength(1);
    const token = tokenFrom(system.outbox.messages[0]?.body ?? '');

    const pending = { organizationId: 'org-pohde', appointmentId: second.appointmentId };
    expect((await system.visits.getDispatch(pending))?.state).toBe('PENDING');
    const optOut = await system.app.request(`/s/${token}/opt-out`, { method: 'POST', headers: FORM });
    expect(optOut.status).toBe(200);

    expect((await setClock(system, '2026-11-20T13:00:00+02:00')).fired).toBe(1);
    expect(system.outbox.messages).toHaveLength(1);
    const dispatch = await system.visits.getDispatch(pending);
    expect(dispatch?.state).toBe('OPTED_OUT');
    expect(dispatch?.phone).toBeUndefined();
  });

  it('does not log the number, the token or its hash', async () => {
    const token = await sentToken();
    await system.app.request(`/s/${token}/opt-out`, { method: 'POST', headers: FORM });
    const logged = system.log.text();
    expect(logged).not.toContain(token);
    expect(logged).not.toContain('401234567');
  });
});
