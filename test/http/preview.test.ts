import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../shared/http/app';
import { bearerTokenAuthenticator } from '../../shared/http/auth';
import {
  ADMIN,
  BASE_URL,
  completedEvent,
  configure,
  createTestSystem,
  REPORTS,
  type TestSystem,
} from '../support/system';

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}
interface Preview {
  outcome: string;
  sendAt: string | null;
  sendAtLocal: string | null;
  baseAt: string | null;
  sendBy: string | null;
  shifts: { reason: string; from: string; to: string; fromLocal: string; toLocal: string }[];
  sms: { text: string; characters: number; segments: number; encoding: string };
  warnings: { path: string; message: string }[];
  ruleErrors: { path: string; message: string }[];
}

const PATH = '/api/v1/units/unit-tk-keskusta/preview';
const TOKEN = 'x'.repeat(22);
/** Saturday before the October change: the Sunday is 25 hours long and not a send day. */
const SATURDAY_VISIT = '2026-10-24T09:40:00+03:00';

const visit = (overrides: Record<string, unknown> = {}, client: Record<string, unknown> = {}) =>
  completedEvent({ completedAt: SATURDAY_VISIT, ...overrides }, client).detail;

async function preview(
  system: TestSystem,
  body: unknown,
  headers: Record<string, string> = ADMIN,
  path = PATH,
) {
  return system.app.request(path, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function scan(system: TestSystem, table: string) {
  return (await system.db.send(new ScanCommand({ TableName: table }))).Items ?? [];
}

/** Everything a preview could have touched, to compare before and after. */
async function snapshot(system: TestSystem) {
  return {
    config: await scan(system, system.tables.config),
    visits: await scan(system, system.tables.visits),
    surveys: await scan(system, system.tables.surveys),
    aggregates: await scan(system, system.tables.aggregates),
    outbox: system.outbox.messages.length,
    schedules: system.scheduler.pending().length,
    deadLetters: system.deadLetters.entries.length,
    published: system.published.events.length,
  };
}

describe('POST /api/v1/units/{unitId}/preview', () => {
  let system: TestSystem;
  beforeEach(async () => {
    system = await createTestSystem();
    await configure(system, { rules: { timing: { mode: 'nextDay', at: '12:00' } } });
    system.clock.set(new Date('2026-10-24T09:45:00+03:00'));
  });

  it('explains a send across the October DST change, and stores, schedules and sends nothing', async () => {
    const before = await snapshot(system);
    const response = await preview(system, { visit: visit() });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Preview;
    const text = `Hei! Kiitos asioinnistasi. Kerro kokemuksestasi, se vie minuutin: ${BASE_URL}/s/${TOKEN} -Pohde`;
    expect(body).toEqual({
      outcome: 'SCHEDULED',
      sendAt: '2026-10-26T06:00:00.000Z',
      sendAtLocal: '2026-10-26T08:00:00+02:00',
      baseAt: '2026-10-25T10:00:00.000Z',
      sendBy: '2026-10-27T06:40:00.000Z',
      shifts: [
        {
          reason: 'nextDay',
          from: '2026-10-24T06:40:00.000Z',
          to: '2026-10-25T10:00:00.000Z',
          fromLocal: '2026-10-24T09:40:00+03:00',
          toLocal: '2026-10-25T12:00:00+02:00',
        },
        {
          reason: 'weekday',
          from: '2026-10-25T10:00:00.000Z',
          to: '2026-10-26T06:00:00.000Z',
          fromLocal: '2026-10-25T12:00:00+02:00',
          toLocal: '2026-10-26T08:00:00+02:00',
        },
      ],
      sms: { text, characters: text.length, segments: 1, encoding: 'GSM-7' },
      warnings: [],
      ruleErrors: [],
    });
    const after = await snapshot(system);
    expect(after).toEqual(before);
    expect(after.visits).toEqual([]);
    expect(after.surveys).toEqual([]);
    expect(after.outbox + after.schedules + after.deadLetters + after.published).toBe(0);
  });

  it('tries rules merged over the unit’s own, without saving them', async () => {
    const unitBefore = await (
      await system.app.request('/api/v1/units/unit-tk-keskusta', { headers: ADMIN })
    ).json();
    const response = await preview(system, {
      visit: visit(),
      rules: {
        sendWindow: { start: '08:00', end: '21:00', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] },
      },
    });
    const body = (await response.json()) as Preview;
    // The unit's nextDay 12:00 still applies; Sunday is now a send day.
    expect(body.sendAtLocal).toBe('2026-10-25T12:00:00+02:00');
    expect(body.shifts.map((s) => s.reason)).toEqual(['nextDay']);
    const unitAfter = await (
      await system.app.request('/api/v1/units/unit-tk-keskusta', { headers: ADMIN })
    ).json();
    expect(unitAfter).toEqual(unitBefore);
  });

  it('returns what a save of the rules would warn about or refuse', async () => {
    const response = await preview(system, {
      visit: visit(),
      rules: {
        samplingRate: 0,
        sendWindow: { start: '21:00', end: '08:00', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
      },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Preview;
    expect(body.outcome).toBe('NOT_SAMPLED');
    expect(body.sendAt).toBeNull();
    expect(body.warnings.map((w) => w.path)).toEqual(['samplingRate']);
    expect(body.ruleErrors).toEqual([
      {
        path: 'sendWindow.end',
        message:
          'the window ends before it starts (21:00–08:00); a window across midnight needs "allowNight": true',
      },
    ]);
  });

  it('uses the injected clock: the same visit previewed days later is STALE', async () => {
    system.clock.set(new Date('2026-10-28T10:00:00+02:00'));
    const body = (await (await preview(system, { visit: visit() })).json()) as Preview;
    expect(body.outcome).toBe('STALE');
    expect(body.sendAt).toBeNull();
    expect(body.sendAtLocal).toBeNull();
    expect(body.shifts.map((s) => s.reason)).toEqual(['nextDay', 'late']);
  });

  it('gives the rule outcome of an ineligible visit and the SMS in the visit’s language', async () => {
    const body = (await (
      await preview(system, { visit: visit({}, { age: 15, language: 'sv' }) })
    ).json()) as Preview;
    expect(body.outcome).toBe('UNDER_AGE');
    expect(body.shifts).toEqual([]);
    expect(body.sms.text).toMatch(/^Hej! .*\/s\/x{22} -Pohde$/);
  });

  it('counts a legacy template outside GSM-7 as UCS-2 and says a save would refuse it', async () => {
    const organization = await system.config.getOrganization('org-pohde');
    if (!organization) throw new Error('no organization');
    // Written past the API's checks: a template saved before they existed.
    const legacy = { version: organization.version + 1, at: organization.updatedAt, by: 'test', changes: [] };
    await system.config.writeVersion(
      'organization',
      {
        ...organization,
        version: organization.version + 1,
        smsTemplates: { ...organization.smsTemplates, fi: 'Kerro “kokemuksesi” 🙂 {link} -{orgName}' },
      },
      organization.version,
      legacy,
    );
    const body = (await (await preview(system, { visit: visit() })).json()) as Preview;
    const text = `Kerro “kokemuksesi” 🙂 ${BASE_URL}/s/${TOKEN} -Pohde`;
    expect(body.sms).toEqual({ text, characters: text.length, segments: 2, encoding: 'UCS-2' });
    expect(body.ruleErrors.map((e) => e.path)).toEqual(['smsTemplates.fi']);
  });

  it('a bad body is 400 with the path of every field', async () => {
    const bad = visit({ schemaVersion: 2 }, { personRef: '' });
    const response = await preview(system, {
      visit: bad,
      rules: { sendWindow: { start: '08:00', end: '25:00', days: ['mon'] }, surprise: 1 },
      extra: true,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details?.map((d) => d.path).sort()).toEqual([
      '(body)',
      'rules',
      'rules.sendWindow.end',
      'visit.client.personRef',
      'visit.schemaVersion',
    ]);
    const missing = (await (await preview(system, {})).json()) as ErrorBody;
    expect(missing.error.details).toEqual([expect.objectContaining({ path: 'visit' })]);
  });

  it('a body that is not JSON is 400', async () => {
    const response = await preview(system, '{ not json');
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error.code).toBe('BAD_REQUEST');
    const text = await system.app.request(PATH, { method: 'POST', headers: ADMIN, body: 'visit' });
    expect(text.status).toBe(400);
  });

  it('the visit must belong to the unit previewed', async () => {
    const response = await preview(system, {
      visit: visit({ unitId: 'unit-muu', organizationId: 'org-muu' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error.details).toEqual([
      { path: 'visit.unitId', message: 'must be unit-tk-keskusta, the unit being previewed' },
      {
        path: 'visit.organizationId',
        message: 'must be org-pohde, the organization of unit unit-tk-keskusta',
      },
    ]);
  });

  it('wants a token (401) with the admin scope (403); an unknown unit is 404', async () => {
    expect((await preview(system, { visit: visit() }, {})).status).toBe(401);
    expect((await preview(system, { visit: visit() }, REPORTS)).status).toBe(403);
    const unknown = await preview(system, { visit: visit() }, ADMIN, '/api/v1/units/unit-nowhere/preview');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No such unit.' } });
  });

  it('a token limited to another organization gets the same 404 as for a unit that does not exist', async () => {
    await configure(system, { organizationId: 'org-other', unitId: 'unit-other' });
    const app = createApp({
      clock: system.clock,
      config: system.config,
      surveys: system.surveys,
      aggregates: system.aggregates,
      comments: system.comments,
      log: system.log,
      publicBaseUrl: BASE_URL,
      authenticate: bearerTokenAuthenticator([
        { token: 'other-admin', scopes: ['admin'], organizationId: 'org-other' },
      ]),
    });
    const request = (path: string) =>
      app.request(path, {
        method: 'POST',
        headers: { Authorization: 'Bearer other-admin', 'content-type': 'application/json' },
        body: JSON.stringify({ visit: visit() }),
      });
    const foreign = await request(PATH);
    const missing = await request('/api/v1/units/unit-nowhere/preview');
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual(await missing.json());
    const own = await request('/api/v1/units/unit-other/preview');
    // Its own unit: the visit names org-pohde's unit, so it is a 400, not a 404.
    expect(own.status).toBe(400);
  });
});
