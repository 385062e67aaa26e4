import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Served, serveOnFreePort } from '../support/serve';
import {
  ADMIN,
  completedEvent,
  configure,
  createTestSystem,
  setClock,
  type TestSystem,
  unitBody,
} from '../support/system';
import { type CliRun, jsonFiles, palaute, palauteInProcess } from './support';

/*
 * The real command in a child process (node + tsx, as the bin runs it) against a full local system
 * (DynamoDB Local) served on a free port. Secondary checks run the same program in-process
 * (`palauteInProcess`, same code without the bin) to keep the file fast.
 */
let system: TestSystem;
let server: Served;
let env: Record<string, string>;
/** Method and path of every request the server got, to prove what was (not) sent. */
const hits: string[] = [];

const storedUnit = async (unitId: string) => {
  const response = await system.app.request(`/api/v1/units/${unitId}`, { headers: ADMIN });
  return response.status === 200 ? ((await response.json()) as Record<string, unknown>) : undefined;
};

const unitFile = (
  unitId: string,
  rules: Record<string, unknown> = {},
  overrides: Record<string, unknown> = {},
) => ({
  unitId,
  ...unitBody('org-pohde', rules, overrides),
});

const expectExit = (run: CliRun, code: number) =>
  expect(run.code, `exit ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`).toBe(code);

beforeAll(async () => {
  system = await createTestSystem();
  await configure(system);
  await setClock(system, '2026-11-20T10:00:00+02:00');
  // One visit sent and counted, so the reports have a row.
  const ingested = await system.ingest(JSON.stringify(completedEvent()));
  if (ingested.status !== 'decided') throw new Error(`not ingested: ${JSON.stringify(ingested)}`);
  await setClock(system, '2026-11-20T12:00:00+02:00');
  const job = await system.app.request('/local/jobs/aggregate', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ date: '2026-11-20' }),
  });
  if (job.status !== 200) throw new Error(`aggregate: ${job.status} ${await job.text()}`);
  server = await serveOnFreePort((request) => {
    hits.push(`${request.method} ${new URL(request.url).pathname}`);
    return system.app.fetch(request);
  });
  env = { PALAUTE_URL: server.url, PALAUTE_TOKEN: 'test-admin-token' };
});

afterAll(async () => {
  await server?.close();
});

describe('palaute units list / get', () => {
  it('lists the units of an organization as a table and as JSON', async () => {
    const table = await palaute(['units', 'list', '--organization', 'org-pohde'], env);
    expectExit(table, 0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^id\s+name\s+enabled$/);
    expect(lines).toContainEqual(expect.stringMatching(/^unit-tk-keskusta\s+Keskustan terveysasema\s+yes$/));

    const json = await palauteInProcess(['units', 'list', '--organization', 'org-pohde', '--json'], env);
    expectExit(json, 0);
    expect(JSON.parse(json.stdout)).toContainEqual(
      expect.objectContaining({ unitId: 'unit-tk-keskusta', organizationId: 'org-pohde', enabled: true }),
    );
  });

  it('prints one unit as JSON, and says "not found" with exit 3 for an unknown one', async () => {
    const found = await palaute(['units', 'get', 'unit-tk-keskusta'], env);
    expectExit(found, 0);
    expect(JSON.parse(found.stdout)).toMatchObject({
      unitId: 'unit-tk-keskusta',
      rules: { timing: { mode: 'delay' } },
    });

    const missing = await palauteInProcess(['units', 'get', 'unit-nowhere'], env);
    expectExit(missing, 3);
    expect(missing.stderr.trim()).toBe('palaute: not found: No unit unit-nowhere.');
  });
});

describe('palaute units apply', () => {
  it('creates a unit, then shows the difference of a change and updates it; unchanged sends no write', async () => {
    const dir = await jsonFiles({ 'unit.json': unitFile('unit-cli-one', { samplingRate: 0.5 }) });
    const file = join(dir, 'unit.json');

    const created = await palaute(['units', 'apply', '-f', file], env);
    expectExit(created, 0);
    expect(created.stdout).toContain('+ rules.samplingRate: 0.5');
    expect(created.stderr).toContain('[1/1] unit-cli-one: created');
    expect(await storedUnit('unit-cli-one')).toMatchObject({ rules: { samplingRate: 0.5 } });

    await writeFile(file, JSON.stringify(unitFile('unit-cli-one', { samplingRate: 0.25, dailyQuota: 40 })));
    const dry = await palauteInProcess(['units', 'apply', '-f', file, '--dry-run'], env);
    expectExit(dry, 0);
    expect(dry.stdout).toContain('~ rules.samplingRate: 0.5 → 0.25');
    expect(dry.stderr).toContain('unit-cli-one: would update');
    expect(await storedUnit('unit-cli-one')).toMatchObject({ rules: { samplingRate: 0.5 } });

    const updated = await palaute(['units', 'apply', '-f', file], env);
    expectExit(updated, 0);
    expect(updated.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        'unit-cli-one:',
        '  + rules.dailyQuota: 40',
        '  ~ rules.samplingRate: 0.5 → 0.25',
      ]),
    );
    expect(updated.stderr).toContain('[1/1] unit-cli-one: updated');
    expect(await storedUnit('unit-cli-one')).toMatchObject({ rules: { samplingRate: 0.25, dailyQuota: 40 } });

    const before = hits.length;
    const again = await palauteInProcess(['units', 'apply', '-f', file], env);
    expectExit(again, 0);
    expect(again.stdout).toContain('no changes');
    expect(again.stderr).toContain('unit-cli-one: unchanged');
    expect(hits.slice(before)).toEqual(['GET /api/v1/units/unit-cli-one']);
  });

  it('shows the warnings the server saved a unit with', async () => {
    const dir = await jsonFiles({ 'unit.json': unitFile('unit-cli-silent', { samplingRate: 0 }) });
    const run = await palauteInProcess(['units', 'apply', '-f', join(dir, 'unit.json')], env);
    expectExit(run, 0);
    expect(run.stderr).toMatch(/warning: rules\.samplingRate: /);
  });

  it('applies a folder in name order with progress; an invalid file fails alone and sets the exit code', async () => {
    const dir = await jsonFiles({
      '1-north.json': unitFile('unit-cli-north'),
      '2-broken.json': unitFile('unit-cli-broken', { samplingRate: 2 }),
      '3-unknown-org.json': { ...unitFile('unit-cli-elsewhere'), organizationId: 'org-nowhere' },
      '4-south.json': unitFile('unit-cli-south'),
      'notes.txt': 'not a unit',
    });
    const run = await palaute(['units', 'apply', '-f', dir], env);
    expectExit(run, 2);
    const progress = run.stderr.split('\n').filter((line) => line.startsWith('['));
    expect(progress).toEqual([
      '[1/4] unit-cli-north: created',
      '[2/4] 2-broken.json: failed: invalid unit',
      '[3/4] unit-cli-elsewhere: failed: rejected by the server: The request is not valid; see details for each field.',
      '[4/4] unit-cli-south: created',
    ]);
    expect(run.stderr).toContain('    rules.samplingRate: Too big: expected number to be <=1');
    expect(run.stderr).toContain('    organizationId: no organization org-nowhere; create it first');
    expect(run.stderr).toContain('4 files: 2 created, 2 failed');
    expect(await storedUnit('unit-cli-north')).toBeDefined();
    expect(await storedUnit('unit-cli-south')).toBeDefined();
    expect(await storedUnit('unit-cli-broken')).toBeUndefined();
  });

  it('rejects an invalid file locally with exit 2, naming each field, and sends nothing', async () => {
    const dir = await jsonFiles({
      'bad.json': {
        ...unitFile('unit-cli-bad', { timing: { mode: 'delay', delayMinutes: -5 } }),
        colour: 'blue',
      },
      'broken.json': '{ "unitId": ',
    });
    const before = hits.length;
    const invalid = await palaute(['units', 'apply', '-f', join(dir, 'bad.json')], env);
    expectExit(invalid, 2);
    expect(invalid.stderr).toContain('rules.timing.delayMinutes: Too small: expected number to be >=0');
    expect(invalid.stderr).toContain('(root): Unrecognized key: "colour"');

    const notJson = await palauteInProcess(['units', 'apply', '-f', join(dir, 'broken.json')], env);
    expectExit(notJson, 2);
    expect(notJson.stderr).toContain('[1/1] broken.json: failed: not valid JSON');
    expect(hits.slice(before)).toEqual([]);
    expect(await storedUnit('unit-cli-bad')).toBeUndefined();
  });
});

describe('palaute events validate', () => {
  const valid = completedEvent();
  it('accepts a valid file (an event, and an array with a PutEvents entry) with exit 0', async () => {
    const dir = await jsonFiles({
      'one.json': valid,
      'many.json': [
        valid,
        {
          Source: 'fi.example.apotti',
          DetailType: 'Appointment Cancelled',
          Detail: JSON.stringify({
            schemaVersion: 1,
            appointmentId: 'A-1',
            organizationId: 'org-pohde',
            unitId: 'unit-tk-keskusta',
          }),
        },
      ],
    });
    const [one, many] = await Promise.all([
      palaute(['events', 'validate', 'one.json'], {}, dir),
      palaute(['events', 'validate', 'many.json'], {}, dir),
    ]);
    expectExit(one, 0);
    expect(one.stdout.trim()).toBe('one.json: valid (1 event)');
    expectExit(many, 0);
    expect(many.stdout.trim()).toBe('many.json: valid (2 events)');
  });

  it('prints each error with its path and exits 2', async () => {
    const broken = completedEvent(
      { schemaVersion: 2, completedAt: '2026-11-20 09:40' },
      { personRef: undefined },
    );
    const dir = await jsonFiles({ 'bad.json': [valid, broken] });
    const run = await palaute(['events', 'validate', 'bad.json'], {}, dir);
    expectExit(run, 2);
    expect(run.stdout.trim().split('\n')).toEqual([
      'bad.json: invalid (2 events, 3 errors)',
      '  [1].detail.schemaVersion: must be 1',
      '  [1].detail.completedAt: must be an ISO 8601 date-time with seconds and an offset or Z',
      '  [1].detail.client.personRef: required',
    ]);
  });
});

describe('palaute reports', () => {
  it('prints the daily rows as JSON and as the API’s CSV', async () => {
    const args = [
      'reports',
      'daily',
      '--unit',
      'unit-tk-keskusta',
      '--from',
      '2026-11-20',
      '--to',
      '2026-11-20',
    ];
    const [json, csv, table] = await Promise.all([
      palaute([...args, '--json'], env),
      palaute([...args, '--csv'], env),
      palauteInProcess(args, env),
    ]);
    expectExit(json, 0);
    const { rows } = JSON.parse(json.stdout) as { rows: Array<Record<string, unknown>> };
    expect(rows).toEqual([
      expect.objectContaining({
        date: '2026-11-20',
        unitId: 'unit-tk-keskusta',
        suppressed: true,
        funnel: expect.objectContaining({ received: 1, sent: 1 }),
      }),
    ]);

    expectExit(csv, 0);
    const api = await system.app.request(
      '/api/v1/reports/daily?unitId=unit-tk-keskusta&from=2026-11-20&to=2026-11-20',
      { headers: { ...ADMIN, accept: 'text/csv' } },
    );
    expect(csv.stdout).toBe(`${(await api.text()).replace(/\n$/, '')}\n`);
    expect(csv.stdout).toMatch(/^date,organizationId,unitId,/);

    expectExit(table, 0);
    expect(table.stdout.trim().split('\n')[1]).toMatch(
      /^2026-11-20\s+unit-tk-keskusta\s+1\s+1\s+0\s+0%\s+suppressed$/,
    );
  });
});

describe('palaute failures', () => {
  it('says the URL and the cause when the server cannot be reached (exit 5)', async () => {
    const closed = await serveOnFreePort(() => new Response('never'));
    await closed.close();
    const run = await palaute(['units', 'list', '--organization', 'org-pohde'], {
      ...env,
      PALAUTE_URL: closed.url,
    });
    expectExit(run, 5);
    expect(run.stderr.trim()).toBe(`palaute: cannot reach ${closed.url}: ECONNREFUSED`);
  });

  it('says "unauthorized" for a wrong token (exit 3), and asks for a token when there is none (exit 2)', async () => {
    const wrong = await palaute(['units', 'get', 'unit-tk-keskusta', '--token', 'not-the-token'], env);
    expectExit(wrong, 3);
    expect(wrong.stderr).toMatch(/^palaute: unauthorized: the server did not accept the token/);
    expect(wrong.stderr).not.toContain('    at ');

    const none = await palauteInProcess(['units', 'get', 'unit-tk-keskusta'], { PALAUTE_URL: server.url });
    expectExit(none, 2);
    expect(none.stderr.trim()).toBe(
      'palaute: no token: set PALAUTE_TOKEN or pass --token (an admin or reports:read token)',
    );
  });
});

describe('the commands on the endpoints of a running instance', () => {
  it('previews a visit: outcome, send time with its shifts, the SMS', async () => {
    const dir = await jsonFiles({ 'visit.json': completedEvent().detail });
    const run = await palaute(['units', 'preview', 'unit-tk-keskusta', '-f', join(dir, 'visit.json')], env);
    expectExit(run, 0);
    expect(run.stdout).toContain('Outcome:  SCHEDULED  (unit unit-tk-keskusta)');
    expect(run.stdout).toMatch(/Send at: {2}2026-11-20T\d\d:\d\d:00\.000Z \(UTC\)/);
    expect(run.stdout).toMatch(/\d+ characters, 1 segment, GSM-7/);
  });

  it('prints a unit’s history, newest first, with who changed what', async () => {
    const dir = await jsonFiles({ 'unit.json': unitFile('unit-cli-history', { samplingRate: 0.5 }) });
    const file = join(dir, 'unit.json');
    expectExit(await palauteInProcess(['units', 'apply', '-f', file], env), 0);
    await writeFile(file, JSON.stringify(unitFile('unit-cli-history', { samplingRate: 0.75 })));
    expectExit(await palauteInProcess(['units', 'apply', '-f', file], env), 0);
    const run = await palaute(['units', 'history', 'unit-cli-history'], env);
    expectExit(run, 0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^version 2 {2}\S+ {2}by /);
    expect(lines).toContain('  ~ rules.samplingRate: 0.5 → 0.75');
    expect(lines.some((line) => /^version 1 /.test(line))).toBe(true);
  });

  it('lists the question sets, the national ones first, and gets one', async () => {
    const list = await palaute(['question-sets', 'list'], env);
    expectExit(list, 0);
    expect(list.stdout).toMatch(/thl-national-v2 +1 +\(national\)/);
    const one = await palaute(['question-sets', 'get', 'thl-national-v2'], env);
    expectExit(one, 0);
    expect(JSON.parse(one.stdout)).toMatchObject({ questionSetId: 'thl-national-v2', national: true });
  });

  it('validates events on the server with the paths ingest would give', async () => {
    const dir = await jsonFiles({
      'bad.json': { ...completedEvent(), detail: { ...completedEvent().detail, schemaVersion: 2 } },
    });
    const run = await palaute(['events', 'validate', '--remote', join(dir, 'bad.json')], env);
    expectExit(run, 2);
    expect(run.stdout).toContain('  schemaVersion: must be 1');
  });
});
