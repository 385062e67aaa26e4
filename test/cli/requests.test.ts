import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Served, serveOnFreePort } from '../support/serve';
import { completedEvent, unitBody } from '../support/system';
import { type CliRun, jsonFiles, palauteInProcess } from './support';

/*
 * The requests the command builds and how it prints the answers, against a small stub server that
 * answers in the API's documented shapes: preview, history, question sets, remote event validation,
 * the If-Match / If-None-Match / 412 protocol of apply, and the mapping of error statuses to exit codes.
 */
interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}
let seen: Seen[] = [];
let server: Served;
let env: Record<string, string>;

const stored = {
  unitId: 'unit-a',
  ...unitBody('org-pohde', { samplingRate: 0.5 }),
  updatedAt: '2026-11-20T08:00:00Z',
  version: 3,
};
/** What the stub's PUT of a unit answers next: 200, or a status to test the error mapping. */
let putStatus = 200;

const stub = new Hono();
stub.use('*', async (c, next) => {
  const text = c.req.method === 'GET' ? '' : await c.req.text();
  seen.push({
    method: c.req.method,
    path: c.req.path + (new URL(c.req.url).search || ''),
    headers: Object.fromEntries(c.req.raw.headers),
    body: text ? JSON.parse(text) : undefined,
  });
  await next();
});
stub.get('/api/v1/units/unit-a', (c) => c.json(stored, 200, { ETag: '"v3"' }));
stub.get('/api/v1/units/unit-new', (c) =>
  c.json({ error: { code: 'NOT_FOUND', message: 'No unit unit-new.' } }, 404),
);
stub.put('/api/v1/units/:unitId', (c) => {
  if (putStatus === 412)
    return c.json({ error: { code: 'PRECONDITION_FAILED', message: 'The unit has changed.' } }, 412);
  if (putStatus === 409) return c.json({ error: { code: 'CONFLICT', message: 'Units do not move.' } }, 409);
  if (putStatus === 500)
    return c.json({ error: { code: 'INTERNAL', message: 'Something went wrong.' } }, 500);
  if (putStatus === 403)
    return c.json({ error: { code: 'FORBIDDEN', message: 'Another organization.' } }, 403);
  return c.json({}, 200);
});
stub.post('/api/v1/units/unit-a/preview', (c) =>
  c.json({
    outcome: 'SCHEDULED',
    sendAt: '2026-11-23T06:00:00.000Z',
    sendAtLocal: '2026-11-23T08:00:00+02:00',
    shifts: [
      { reason: 'nextDay', from: '2026-11-20T09:40:00+02:00', to: '2026-11-21T12:00:00+02:00' },
      { reason: 'weekday', from: '2026-11-22T12:00:00+02:00', to: '2026-11-23T08:00:00+02:00' },
    ],
    sms: {
      text: 'Hei! Kerro kokemuksestasi: https://p.fi/s/abc -Pohde',
      characters: 52,
      segments: 1,
      encoding: 'GSM-7',
    },
  }),
);
stub.get('/api/v1/units/unit-a/history', (c) =>
  c.json({
    entries: [
      { version: 1, at: '2026-11-01T08:00:00Z', by: 'admin', changes: [{ path: 'enabled', to: true }] },
      {
        version: 2,
        at: '2026-11-10T08:00:00Z',
        by: 'maija',
        changes: [
          { path: 'rules.samplingRate', from: 1, to: 0.5 },
          { path: 'rules.dailyQuota', from: 40 },
        ],
      },
    ],
  }),
);
stub.get('/api/v1/question-sets', (c) =>
  c.json({
    questionSets: [
      { questionSetId: 'thl-national-v2', version: 1, questions: new Array(9).fill({}) },
      {
        questionSetId: 'pohde-own',
        version: 2,
        organizationId: 'org-pohde',
        extends: 'thl-national-v2',
        questions: new Array(10).fill({}),
      },
    ],
  }),
);
stub.get('/api/v1/question-sets/pohde-own', (c) => c.json({ questionSetId: 'pohde-own', version: 2 }));
stub.post('/api/v1/events/validate', async (c) => {
  const body = (await c.req.json()) as { detail?: { unitId?: string } };
  return body.detail?.unitId === 'bad'
    ? c.json({ valid: false, errors: [{ path: 'detail.unitId', message: 'no such unit' }] })
    : c.json({ valid: true });
});

const run = (args: string[]) => palauteInProcess(args, env);
const lines = (r: CliRun) => r.stdout.trimEnd().split('\n');

beforeAll(async () => {
  server = await serveOnFreePort((request) => stub.fetch(request));
  env = { PALAUTE_URL: server.url, PALAUTE_TOKEN: 'stub-token' };
});
afterAll(async () => {
  await server?.close();
});
beforeEach(() => {
  seen = [];
  putStatus = 200;
});

describe('units apply: the write protocol', () => {
  it('sends If-Match with the ETag it read, and the validated body without unitId', async () => {
    // The unit as `units get` prints it, with one setting changed: the server-kept fields may stay in.
    const dir = await jsonFiles({ 'a.json': { ...stored, rules: { ...stored.rules, samplingRate: 0.25 } } });
    const applied = await run(['units', 'apply', '-f', join(dir, 'a.json')]);
    expect(applied.code).toBe(0);
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'GET /api/v1/units/unit-a',
      'PUT /api/v1/units/unit-a',
    ]);
    const put = seen[1];
    expect(put?.headers['if-match']).toBe('"v3"');
    expect(put?.headers['if-none-match']).toBeUndefined();
    expect(put?.headers.authorization).toBe('Bearer stub-token');
    expect(put?.body).toEqual(unitBody('org-pohde', { samplingRate: 0.25 }));
    // the stored unit's server-kept fields (updatedAt, version) are no difference
    expect(lines(applied)).toEqual(['unit-a:', '  ~ rules.samplingRate: 0.5 → 0.25']);
  });

  it('sends If-None-Match: * for a unit that does not exist yet', async () => {
    const dir = await jsonFiles({ 'n.json': { unitId: 'unit-new', ...unitBody('org-pohde') } });
    const result = await run(['units', 'apply', '-f', join(dir, 'n.json')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('[1/1] unit-new: created');
    expect(seen[1]?.headers['if-none-match']).toBe('*');
    expect(seen[1]?.headers['if-match']).toBeUndefined();
  });

  it('reports a 412 as changed by someone else, exit 4', async () => {
    putStatus = 412;
    const dir = await jsonFiles({
      'a.json': { unitId: 'unit-a', ...unitBody('org-pohde', { samplingRate: 0.1 }) },
    });
    const result = await run(['units', 'apply', '-f', join(dir, 'a.json')]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(
      '[1/1] unit-a: failed: changed by someone else since you read it; run again',
    );
  });

  it.each([
    [409, 4, 'conflict: Units do not move.'],
    [403, 3, 'forbidden: Another organization.'],
    [500, 5, `server error 500 from PUT`],
  ])('maps a %i answer to exit %i', async (status, code, message) => {
    putStatus = status;
    const dir = await jsonFiles({
      'a.json': { unitId: 'unit-a', ...unitBody('org-pohde', { samplingRate: 0.1 }) },
    });
    const result = await run(['units', 'apply', '-f', join(dir, 'a.json')]);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(message);
  });
});

describe('units preview', () => {
  it('posts { visit, rules } and prints outcome, send time in UTC and local, shifts with reasons and the SMS', async () => {
    const event = completedEvent({ unitId: 'unit-a' });
    const dir = await jsonFiles({ 'visit.json': event.detail, 'rules.json': { samplingRate: 0.5 } });
    const result = await run([
      'units',
      'preview',
      'unit-a',
      '-f',
      join(dir, 'visit.json'),
      '--rules',
      join(dir, 'rules.json'),
    ]);
    expect(result.code).toBe(0);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      path: '/api/v1/units/unit-a/preview',
      body: { visit: event.detail, rules: { samplingRate: 0.5 } },
    });
    expect(lines(result)).toEqual([
      'Outcome:  SCHEDULED  (unit unit-a)',
      'Send at:  2026-11-23T06:00:00.000Z (UTC)',
      '          2026-11-23T08:00:00+02:00 (local)',
      'Shifts:',
      '  2026-11-20T09:40:00+02:00 → 2026-11-21T12:00:00+02:00  sent the next day',
      '  2026-11-22T12:00:00+02:00 → 2026-11-23T08:00:00+02:00  not a sending day',
      'SMS:      Hei! Kerro kokemuksestasi: https://p.fi/s/abc -Pohde',
      '          52 characters, 1 segment, GSM-7',
    ]);
  });

  it('takes the detail out of an EventBridge event file, and rejects an invalid visit locally (exit 2, nothing sent)', async () => {
    const event = completedEvent({ unitId: 'unit-a' });
    const dir = await jsonFiles({
      'event.json': event,
      'bad.json': { ...event.detail, completedAt: 'yesterday' },
    });
    expect((await run(['units', 'preview', 'unit-a', '-f', join(dir, 'event.json')])).code).toBe(0);
    expect(seen[0]?.body).toEqual({ visit: event.detail });
    seen = [];
    const bad = await run(['units', 'preview', 'unit-a', '-f', join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'completedAt: must be an ISO 8601 date-time with seconds and an offset or Z',
    );
    expect(seen).toEqual([]);
  });
});

describe('units history, question sets', () => {
  it('prints each version with who changed what', async () => {
    const result = await run(['units', 'history', 'unit-a']);
    expect(result.code).toBe(0);
    expect(lines(result)).toEqual([
      'version 1  2026-11-01T08:00:00Z  by admin',
      '  + enabled: true',
      'version 2  2026-11-10T08:00:00Z  by maija',
      '  ~ rules.samplingRate: 1 → 0.5',
      '  - rules.dailyQuota: 40',
    ]);
  });

  it('lists question sets as a table and gets one as JSON', async () => {
    const list = await run(['question-sets', 'list']);
    expect(list.code).toBe(0);
    expect(lines(list)).toEqual([
      'id               version  organization  extends          questions',
      'thl-national-v2  1        (national)    -                9',
      'pohde-own        2        org-pohde     thl-national-v2  10',
    ]);
    const one = await run(['question-sets', 'get', 'pohde-own']);
    expect(JSON.parse(one.stdout)).toEqual({ questionSetId: 'pohde-own', version: 2 });
    expect(seen.map((s) => s.path)).toEqual(['/api/v1/question-sets', '/api/v1/question-sets/pohde-own']);
  });
});

describe('events validate --remote', () => {
  it('posts each event and prints the server’s errors under the event’s place in the file', async () => {
    const good = completedEvent();
    const bad = completedEvent({ unitId: 'bad' });
    const dir = await jsonFiles({ 'events.json': [good, bad] });
    const result = await run(['events', 'validate', join(dir, 'events.json'), '--remote']);
    expect(result.code).toBe(2);
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'POST /api/v1/events/validate',
      'POST /api/v1/events/validate',
    ]);
    expect(seen[1]?.body).toEqual({
      source: bad.source,
      'detail-type': bad['detail-type'],
      detail: bad.detail,
    });
    expect(lines(result).slice(1)).toEqual(['  [1].detail.unitId: no such unit']);
  });
});
