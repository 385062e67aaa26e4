import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../shared/http/app';
import { bearerTokenAuthenticator } from '../../shared/http/auth';
import {
  ADMIN,
  BASE_URL,
  configure,
  createTestSystem,
  organizationBody,
  putJson,
  type TestSystem,
  unitBody,
} from '../support/system';

type Problem = { path: string; message: string };
type Answer = {
  status: number;
  body: { version?: number; warnings?: Problem[]; error?: { code: string; details?: Problem[] } };
};

const EVERY_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

describe('dangerous settings are refused or warned about when saved', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await createTestSystem();
    await configure(system);
  });

  const answer = async (response: Response): Promise<Answer> => ({
    status: response.status,
    body: (await response.json()) as Answer['body'],
  });
  const putUnit = async (
    unitId: string,
    rules: Record<string, unknown>,
    unit: Record<string, unknown> = {},
  ) => answer(await putJson(system, `/api/v1/units/${unitId}`, unitBody('org-pohde', rules, unit)));
  const patch = async (path: string, body: unknown) =>
    answer(
      await system.app.request(path, {
        method: 'PATCH',
        headers: { ...ADMIN, 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify(body),
      }),
    );
  const refused = (result: Answer) => {
    expect(result.status, JSON.stringify(result.body)).toBe(400);
    expect(result.body.error?.code).toBe('VALIDATION_FAILED');
    return result.body.error?.details ?? [];
  };
  const storedVersion = async (path: string) => {
    const response = await system.app.request(path, { headers: ADMIN });
    return response.status === 200 ? ((await response.json()) as { version: number }).version : undefined;
  };

  it('refuses a window with night hours unless allowNight is set', async () => {
    const early = { start: '07:00', end: '20:00', days: EVERY_DAY };
    expect(refused(await putUnit('unit-night', { sendWindow: early }))).toEqual([
      {
        path: 'rules.sendWindow.start',
        message:
          'the window starts at 07:00, before 08:00: sends between 21:00 and 08:00 need "allowNight": true',
      },
    ]);
    expect(await storedVersion('/api/v1/units/unit-night')).toBeUndefined();
    const allowed = await putUnit('unit-night', { sendWindow: { ...early, allowNight: true } });
    expect(allowed.status).toBe(201);
    expect(allowed.body.warnings).toEqual([]);

    // The organization's defaults are checked the same way, with their own prefix.
    const late = organizationBody({
      defaults: { sendWindow: { start: '09:00', end: '22:00', days: EVERY_DAY } },
    });
    const details = refused(await answer(await putJson(system, '/api/v1/organizations/org-late', late)));
    expect(details.map((d) => d.path)).toEqual(['defaults.sendWindow.end']);
    expect(details[0]?.message).toContain('after 21:00');
    expect(await storedVersion('/api/v1/organizations/org-late')).toBeUndefined();
  });

  it('refuses a PATCH that makes the window end before it starts, and keeps the stored version', async () => {
    const before = await storedVersion('/api/v1/units/unit-tk-keskusta');
    const details = refused(
      await patch('/api/v1/units/unit-tk-keskusta', {
        rules: { sendWindow: { start: '20:00', end: '09:00', days: EVERY_DAY } },
      }),
    );
    expect(details).toEqual([
      {
        path: 'rules.sendWindow.end',
        message:
          'the window ends before it starts (20:00–09:00); a window across midnight needs "allowNight": true',
      },
    ]);
    expect(await storedVersion('/api/v1/units/unit-tk-keskusta')).toBe(before);
  });

  it('refuses rules under which every visit would be STALE', async () => {
    const nextDay = refused(
      await putUnit('unit-stale', { timing: { mode: 'nextDay', at: '12:00' }, maxLagHours: 12 }),
    );
    expect(nextDay.map((d) => d.path)).toEqual(['rules.maxLagHours']);
    expect(nextDay[0]?.message).toMatch(/^every visit would be STALE/);
    const delay = refused(
      await putUnit('unit-stale', { timing: { mode: 'delay', delayMinutes: 4500 }, maxLagHours: 72 }),
    );
    expect(delay.map((d) => d.path)).toEqual(['rules.timing.delayMinutes']);
    expect(await storedVersion('/api/v1/units/unit-stale')).toBeUndefined();
    // A change of the organization's defaults that the unit inherits is refused at the organization.
    const org = refused(
      await patch('/api/v1/organizations/org-pohde', {
        defaults: { timing: { mode: 'nextDay', at: '12:00' }, maxLagHours: 12 },
      }),
    );
    expect(org.map((d) => d.path)).toEqual(['defaults.maxLagHours']);
  });

  it('saves sampling 0 on an enabled unit, with a warning in the answer of PUT and PATCH', async () => {
    const created = await putUnit('unit-zero', { samplingRate: 0 });
    expect(created.status).toBe(201);
    expect(created.body.warnings).toEqual([
      {
        path: 'rules.samplingRate',
        message:
          'samplingRate is 0 on an enabled unit: no visit will be surveyed (every visit is NOT_SAMPLED)',
      },
    ]);
    // Saved all the same; a GET is the record alone.
    const read = await system.app.request('/api/v1/units/unit-zero', { headers: ADMIN });
    expect(await read.json()).not.toHaveProperty('warnings');
    // Unchanged: the warning still holds.
    expect((await putUnit('unit-zero', { samplingRate: 0 })).body.warnings).toHaveLength(1);
    // A disabled unit surveys nobody anyway: no warning.
    const disabled = await patch('/api/v1/units/unit-zero', { enabled: false });
    expect(disabled.status).toBe(200);
    expect(disabled.body.warnings).toEqual([]);
    const enabled = await patch('/api/v1/units/unit-zero', { enabled: true });
    expect(enabled.body.warnings?.map((w) => w.path)).toEqual(['rules.samplingRate']);
  });

  it('refuses an SMS template that does not fit one SMS with the real link, and says each problem once', async () => {
    // The link is `${PUBLIC_BASE_URL}/s/` and a 22-character token; the name can be 40 characters.
    const link = `${BASE_URL}/s/`.length + 22;
    const fitting = `${'Kerro kokemuksestasi'.padEnd(160 - link - 40 - ' -'.length - 1, '.')} {link} -{orgName}`;
    const withTemplate = (fi: string) =>
      organizationBody({ smsTemplates: { ...organizationBody().smsTemplates, fi } });
    const ok = await answer(await putJson(system, '/api/v1/organizations/org-sms', withTemplate(fitting)));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const tooLong = refused(
      await answer(await putJson(system, '/api/v1/organizations/org-sms', withTemplate(`.${fitting}`))),
    );
    expect(tooLong).toEqual([
      {
        path: 'smsTemplates.fi',
        message: 'can be 161 GSM-7 characters with the longest name (40) and the link; one SMS holds 160',
      },
    ]);
    const noLink = refused(
      await answer(
        await putJson(system, '/api/v1/organizations/org-sms', withTemplate('Kiitos! -{orgName}')),
      ),
    );
    expect(noLink).toEqual([{ path: 'smsTemplates.fi', message: 'must contain {link} exactly once' }]);

    // The same template under a longer PUBLIC_BASE_URL (an API Gateway stage) makes a longer link.
    const staged = createApp({
      clock: system.clock,
      config: system.config,
      surveys: system.surveys,
      aggregates: system.aggregates,
      comments: system.comments,
      log: system.log,
      publicBaseUrl: `${BASE_URL}/live`,
      authenticate: bearerTokenAuthenticator([{ id: 'admin', token: 'staged-token', scopes: ['admin'] }]),
    });
    const onStage = await answer(
      await staged.request('/api/v1/organizations/org-sms-staged', {
        method: 'PUT',
        headers: { Authorization: 'Bearer staged-token', 'content-type': 'application/json' },
        body: JSON.stringify(withTemplate(fitting)),
      }),
    );
    expect(refused(onStage)[0]?.message).toContain('can be 165 GSM-7 characters');
  });

  it('documents the warnings of a save in /api/openapi.json', async () => {
    const document = (await (await system.app.request('/api/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<
          string,
          { responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }> }
        >
      >;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    for (const [path, method, status] of [
      ['/api/v1/units/{unitId}', 'put', '201'],
      ['/api/v1/units/{unitId}', 'patch', '200'],
      ['/api/v1/organizations/{organizationId}', 'put', '200'],
    ] as const) {
      const ref =
        document.paths[path]?.[method]?.responses[status]?.content['application/json']?.schema.$ref ?? '';
      const schema = document.components.schemas[ref.replace('#/components/schemas/', '')];
      expect(schema?.properties, `${method} ${path}`).toHaveProperty('warnings');
    }
    expect(document.components.schemas.Warning?.properties).toHaveProperty('path');
  });
});
