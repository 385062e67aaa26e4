import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventsApp } from '../../shared/http/events';
import { describeIssues, type EventIssue } from '../../shared/schemas/events';
import {
  ADMIN,
  cancelledEvent,
  completedEvent,
  configure,
  createTestSystem,
  REPORTS,
  type TestSystem,
} from '../support/system';

type Answer = { valid: true } | { valid: false; errors: EventIssue[] };

const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../docs/events/examples/${name}`, import.meta.url), 'utf8'));

describe('POST /api/v1/events/validate', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await createTestSystem();
    await configure(system);
  });

  const validate = async (body: unknown, headers: Record<string, string> = ADMIN) => {
    const response = await system.app.request('/api/v1/events/validate', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer & { error?: unknown } };
  };

  /** What ingest says about the same event: its dead-letter reason. */
  const deadLetterReason = async (event: unknown) => {
    const result = await system.ingest(JSON.stringify(event));
    if (result.status !== 'dead-lettered') throw new Error(`expected a dead letter, got ${result.status}`);
    return result.reason;
  };

  const badEvents: [string, unknown][] = [
    ['schemaVersion 2', completedEvent({ schemaVersion: 2 })],
    ['no offset in completedAt', completedEvent({ completedAt: '2026-11-20T09:40:00' })],
    ['no personRef, a negative age', completedEvent({}, { personRef: undefined, age: -1 })],
    ['blank ids', cancelledEvent({ organizationId: 'org-pohde', appointmentId: '  ', unitId: '' })],
    [
      'detail not an object',
      { ...cancelledEvent({ organizationId: 'o', appointmentId: 'a', unitId: 'u' }), detail: 7 },
    ],
    ['no source', { 'detail-type': 'Appointment Cancelled', detail: {} }],
    ['another detail-type', { source: 'x', 'detail-type': 'Appointment Moved', detail: {} }],
  ];

  it.each(badEvents)('says what ingest dead-letters an event for: %s', async (_name, event) => {
    const reason = await deadLetterReason(event);
    const { status, body } = await validate(event);
    expect(status).toBe(200);
    expect(body.valid).toBe(false);
    if (body.valid) return;
    expect(body.errors.length).toBeGreaterThan(0);
    // The dead letter is "<heading>: path: message; …" made from the very same issues.
    const heading =
      /^(invalid envelope|invalid Appointment (?:Completed|Cancelled)|unsupported detail-type): /;
    expect(reason).toMatch(heading);
    expect(reason.replace(heading, '')).toBe(describeIssues(body.errors));
  });

  it('names the failing fields of the detail as ingest does, in all three body forms', async () => {
    const event = completedEvent(
      { schemaVersion: 2, contactType: 'clinic', completedAt: 'eilen' },
      { personRef: undefined, age: 151 },
    );
    const expected = [
      { path: 'schemaVersion', message: 'must be 1' },
      { path: 'contactType', message: expect.stringContaining('visit') },
      { path: 'completedAt', message: 'must be an ISO 8601 date-time with seconds and an offset or Z' },
      { path: 'client.personRef', message: 'required' },
      { path: 'client.age', message: expect.any(String) },
    ];
    const asEvent = await validate(event);
    expect(asEvent.body).toEqual({ valid: false, errors: expected });
    const entry = {
      Source: event.source,
      DetailType: event['detail-type'],
      Detail: JSON.stringify(event.detail),
    };
    expect((await validate(entry)).body).toEqual(asEvent.body);
    // A bare detail with `client` is checked as a completion.
    expect((await validate(event.detail)).body).toEqual(asEvent.body);
    expect(await deadLetterReason(event)).toBe(
      `invalid Appointment Completed: ${describeIssues((asEvent.body as { errors: EventIssue[] }).errors)}`,
    );
  });

  it('names envelope problems by the fields of the form that was sent', async () => {
    expect((await validate({ DetailType: 'Appointment Cancelled', Detail: '{}' })).body).toEqual({
      valid: false,
      errors: [{ path: 'Source', message: 'required' }],
    });
    expect((await validate({ Source: 'x', DetailType: 'Appointment Moved', Detail: '{}' })).body).toEqual({
      valid: false,
      errors: [{ path: 'DetailType', message: expect.stringContaining('"Appointment Moved" is not one of') }],
    });
    expect(
      (await validate({ Source: 'x', DetailType: 'Appointment Cancelled', Detail: '{nope' })).body,
    ).toEqual({
      valid: false,
      errors: [{ path: 'Detail', message: 'is not JSON' }],
    });
    expect(
      (await validate({ Source: 'x', DetailType: 'Appointment Cancelled', Detail: { a: 1 } })).body,
    ).toEqual({
      valid: false,
      errors: [{ path: 'Detail', message: 'must be a string of JSON, as in PutEvents' }],
    });
    expect((await validate({ source: 'x', 'detail-type': 'Appointment Cancelled' })).body).toEqual({
      valid: false,
      errors: [{ path: 'detail', message: 'required' }],
    });
  });

  it('checks a bare detail with completedAt or client as a completion, any other as a cancellation', async () => {
    const ids = { schemaVersion: 1, appointmentId: 'A-1', organizationId: 'o', unitId: 'u' };
    expect((await validate({ ...ids, client: { personRef: 'p' } })).body).toEqual({
      valid: false,
      errors: [{ path: 'completedAt', message: 'required' }],
    });
    expect((await validate({ ...ids, completedAt: '2026-11-20T09:40:00Z' })).body).toEqual({
      valid: false,
      errors: [{ path: 'client', message: 'required' }],
    });
    expect(
      (await validate({ schemaVersion: 1, appointmentId: 'A-1', organizationId: 'o', unitId: 'u' })).body,
    ).toEqual({ valid: true });
    expect((await validate({ schemaVersion: 1, appointmentId: 'A-1' })).body).toEqual({
      valid: false,
      errors: [
        { path: 'organizationId', message: 'required' },
        { path: 'unitId', message: 'required' },
      ],
    });
  });

  it('accepts the valid examples in every form, and stores or sends nothing', async () => {
    const deadLettersBefore = system.deadLetters.entries.length;
    const completed = example('appointment-completed.json');
    for (const [detailType, detail] of [
      ['Appointment Completed', completed],
      ['Appointment Completed', example('appointment-completed-national-phone.json')],
      ['Appointment Cancelled', example('appointment-cancelled.json')],
    ] as const) {
      expect((await validate(detail)).body).toEqual({ valid: true });
      expect(
        (await validate({ source: 'fi.example.apotti', 'detail-type': detailType, detail })).body,
      ).toEqual({
        valid: true,
      });
      const entry = { Source: 'fi.example.apotti', DetailType: detailType, Detail: JSON.stringify(detail) };
      expect((await validate(entry)).body).toEqual({ valid: true });
    }
    const key = { organizationId: completed.organizationId, appointmentId: completed.appointmentId };
    expect(await system.visits.getDecision(key)).toBeUndefined();
    expect(system.deadLetters.entries).toHaveLength(deadLettersBefore);
    expect(system.outbox.messages).toHaveLength(0);
  });

  it('answers the documented invalid example with its documented errors', async () => {
    const expected = example('appointment-completed-invalid.errors.json');
    expect((await validate(example('appointment-completed-invalid.json'))).body).toEqual(expected);
  });

  it('wants the admin scope and a JSON object of at most 256 KB', async () => {
    expect((await validate({})).status).toBe(200);
    expect((await validate({}, {})).status).toBe(401);
    expect((await validate({}, REPORTS)).status).toBe(403);
    const notJson = await validate('{"source":');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error).toMatchObject({ code: 'BAD_REQUEST' });
    const array = await validate([completedEvent()]);
    expect(array.status).toBe(400);
    expect(array.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: '(body)' }] });
    const text = await system.app.request('/api/v1/events/validate', {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(text.status).toBe(400);
    const huge = await validate({ ...completedEvent(), padding: 'x'.repeat(256 * 1024) });
    expect(huge.status).toBe(413);
    expect((await system.app.request('/api/v1/events/validate', { headers: ADMIN })).status).toBe(404);
  });

  it('is described for the OpenAPI document from its zod schemas', () => {
    const doc = eventsApp({ authenticate: () => undefined }).getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'Palaute', version: '1' },
    });
    const operation = doc.paths?.['/events/validate']?.post;
    expect(operation?.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(operation?.responses ?? {})).toEqual(['200', '400', '401', '403', '413']);
    expect(doc.components?.schemas?.EventValidationResult).toMatchObject({ anyOf: [{}, {}] });
    expect(doc.components?.schemas?.EventValidationRequest).toMatchObject({ type: 'object' });
  });
});
