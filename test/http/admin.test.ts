import { beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN,
  configure,
  createTestSystem,
  organizationBody,
  putJson,
  REPORTS,
  type TestSystem,
  unitBody,
} from '../support/system';

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

describe('admin API', () => {
  let system: TestSystem;
  beforeEach(async () => {
    system = await createTestSystem();
  });

  it('answers /healthz without a token', async () => {
    const response = await system.app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('wants a token (401), and the admin scope to write (403)', async () => {
    const path = '/api/v1/organizations/org-pohde';
    const none = await putJson(system, path, organizationBody(), {});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await none.json()) as ErrorBody).error.code).toBe('UNAUTHORIZED');
    expect(
      (await putJson(system, path, organizationBody(), { Authorization: 'Bearer wrong-token' })).status,
    ).toBe(401);
    const reports = await putJson(system, path, organizationBody(), REPORTS);
    expect(reports.status).toBe(403);
    expect(((await reports.json()) as ErrorBody).error.code).toBe('FORBIDDEN');
    expect((await putJson(system, path, organizationBody(), ADMIN)).status).toBe(201);
    expect((await putJson(system, path, organizationBody(), ADMIN)).status).toBe(200);
  });

  it('stores and returns an organization with its defaults filled in', async () => {
    await putJson(system, '/api/v1/organizations/org-pohde', organizationBody());
    const response = await system.app.request('/api/v1/organizations/org-pohde', { headers: REPORTS });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      organizationId: 'org-pohde',
      timeZone: 'Europe/Helsinki',
      recontactDays: 30,
      minReportN: 5,
      smsSenderId: 'Pohde',
    });
    expect((await system.app.request('/api/v1/organizations/org-none', { headers: ADMIN })).status).toBe(404);
  });

  it('rejects invalid configuration with 400 and the field paths', async () => {
    const response = await putJson(
      system,
      '/api/v1/organizations/org-pohde',
      organizationBody({
        smsSenderId: 'Too-long-sender',
        timeZone: 'Europe/Tampere',
        defaults: { samplingRate: 1.5, timing: { mode: 'nextDay', at: '25:00' }, unknownRule: true },
      }),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    const paths = body.error.details?.map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'smsSenderId',
        'timeZone',
        'defaults.samplingRate',
        'defaults.timing.at',
        'defaults',
      ]),
    );
  });

  it('rejects SMS templates that could exceed one segment or use non-GSM characters', async () => {
    const response = await putJson(
      system,
      '/api/v1/organizations/org-pohde',
      organizationBody({
        smsTemplates: { fi: `${'Pitkä teksti. '.repeat(10)}{link}`, sv: '”Hej” {link}', en: 'No link here' },
      }),
    );
    expect(response.status).toBe(400);
    const details = ((await response.json()) as ErrorBody).error.details ?? [];
    expect(details.map((d) => d.path)).toEqual(['smsTemplates.fi', 'smsTemplates.sv', 'smsTemplates.en']);
    expect(details[0]?.message).toMatch(/one SMS holds 160/);
  });

  it('answers non-JSON bodies with a clear 400', async () => {
    const response = await system.app.request('/api/v1/organizations/org-pohde', {
      method: 'PUT',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error.code).toBe('BAD_REQUEST');
  });

  it('stores units, lists them per organization, and refuses units of unknown organizations', async () => {
    await configure(system);
    await putJson(system, '/api/v1/units/unit-b', unitBody('org-pohde'));
    const list = await system.app.request('/api/v1/units?organizationId=org-pohde', { headers: REPORTS });
    expect(((await list.json()) as { units: { unitId: string }[] }).units.map((u) => u.unitId)).toEqual([
      'unit-b',
      'unit-tk-keskusta',
    ]);
    const orphan = await putJson(system, '/api/v1/units/unit-x', unitBody('org-none'));
    expect(orphan.status).toBe(400);
    expect(((await orphan.json()) as ErrorBody).error.details?.[0]?.path).toBe('organizationId');
    expect((await system.app.request('/api/v1/units/unit-none', { headers: ADMIN })).status).toBe(404);
    expect((await system.app.request('/api/v1/units', { headers: ADMIN })).status).toBe(400);
  });

  it('refuses a unit moving to another organization (409) and non-GSM SMS names (400)', async () => {
    await configure(system);
    await putJson(system, '/api/v1/organizations/org-other', organizationBody());
    expect((await putJson(system, '/api/v1/units/unit-tk-keskusta', unitBody('org-other'))).status).toBe(409);
    const emoji = await putJson(
      system,
      '/api/v1/units/unit-c',
      unitBody('org-pohde', {}, { smsName: { fi: 'Klinikka 🙂' } }),
    );
    expect(emoji.status).toBe(400);
    expect(((await emoji.json()) as ErrorBody).error.details?.[0]?.path).toBe('smsName.fi');
  });
});
