import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { keys } from '../../shared/adapters/dynamo/tables';
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
  error: { code: string; message: string; details?: unknown };
}
interface History {
  entries: {
    version: number;
    at: string;
    by: string;
    changes: { path: string; from: unknown; to: unknown }[];
  }[];
  nextCursor?: string;
}

const ORG = '/api/v1/organizations/org-pohde';
const UNIT = '/api/v1/units/unit-tk-keskusta';
const MERGE_PATCH = { 'content-type': 'application/merge-patch+json' };

function patch(system: TestSystem, path: string, body: unknown, headers: Record<string, string> = {}) {
  return system.app.request(path, {
    method: 'PATCH',
    headers: { ...ADMIN, ...MERGE_PATCH, ...headers },
    body: JSON.stringify(body),
  });
}
const get = (system: TestSystem, path: string, headers: Record<string, string> = ADMIN) =>
  system.app.request(path, { headers });

describe('versions, ETags and preconditions', () => {
  let system: TestSystem;
  beforeEach(async () => {
    system = await createTestSystem();
    system.clock.set(new Date('2026-11-20T10:00:00Z'));
  });

  it('starts at version 1 with an ETag, and raises the version only when something changes', async () => {
    const created = await putJson(system, ORG, organizationBody());
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(await created.json()).toMatchObject({ version: 1, updatedAt: '2026-11-20T10:00:00.000Z' });

    const same = await putJson(system, ORG, organizationBody());
    expect(same.status).toBe(200);
    expect(same.headers.get('etag')).toBe('"1"');

    const changed = await putJson(system, ORG, organizationBody({ minReportN: 7 }));
    expect(changed.headers.get('etag')).toBe('"2"');
    const read = await get(system, ORG, REPORTS);
    expect(read.headers.get('etag')).toBe('"2"');
    expect(await read.json()).toMatchObject({ version: 2, minReportN: 7 });
  });

  it('refuses a stale If-Match with 412 and the current version, and accepts the current one', async () => {
    await putJson(system, ORG, organizationBody());
    await putJson(system, ORG, organizationBody({ minReportN: 7 }));

    const stale = await putJson(system, ORG, organizationBody({ minReportN: 9 }), {
      ...ADMIN,
      'If-Match': '"1"',
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe('"2"');
    const body = (await stale.json()) as ErrorBody;
    expect(body.error.code).toBe('PRECONDITION_FAILED');
    expect(body.error.details).toEqual({ currentVersion: 2 });
    expect(((await (await get(system, ORG)).json()) as { minReportN: number }).minReportN).toBe(7);

    const stalePatch = await patch(system, ORG, { minReportN: 9 }, { 'If-Match': '"1"' });
    expect(stalePatch.status).toBe(412);

    const current = await patch(system, ORG, { minReportN: 9 }, { 'If-Match': '"2"' });
    expect(current.status).toBe(200);
    expect(current.headers.get('etag')).toBe('"3"');
    // Weak and bare forms of the same tag are understood too.
    expect((await patch(system, ORG, { minReportN: 10 }, { 'If-Match': 'W/"3"' })).status).toBe(200);
    expect((await patch(system, ORG, { minReportN: 11 }, { 'If-Match': '"3", "4"' })).status).toBe(200);
    // If-Match on a record that does not exist fails too.
    const missing = await putJson(system, '/api/v1/organizations/org-none', organizationBody(), {
      ...ADMIN,
      'If-Match': '*',
    });
    expect(missing.status).toBe(412);
    expect(((await missing.json()) as ErrorBody).error.details).toEqual({ currentVersion: null });
  });

  it('creates only with If-None-Match: *', async () => {
    const first = await putJson(system, ORG, organizationBody(), { ...ADMIN, 'If-None-Match': '*' });
    expect(first.status).toBe(201);
    const second = await putJson(system, ORG, organizationBody({ minReportN: 8 }), {
      ...ADMIN,
      'If-None-Match': '*',
    });
    expect(second.status).toBe(412);
    expect(((await (await get(system, ORG)).json()) as { minReportN: number }).minReportN).toBe(5);
  });

  it('PUT replaces the whole record: fields left out fall back to their defaults', async () => {
    await configure(system, { unit: { smsName: { fi: 'Keskusta' } }, rules: { samplingRate: 0.5 } });
    const replaced = await putJson(system, UNIT, {
      organizationId: 'org-pohde',
      name: { fi: 'Keskusta' },
    });
    expect(replaced.status).toBe(200);
    const unit = (await replaced.json()) as Record<string, unknown>;
    expect(unit).not.toHaveProperty('smsName');
    expect(unit).toMatchObject({ enabled: true, rules: {}, name: { fi: 'Keskusta' }, version: 2 });
  });

  it('PATCH merges (RFC 7396): only the fields given change, null removes one, the result is validated', async () => {
    await configure(system, {
      unit: { smsName: { fi: 'Keskusta', sv: 'Centrum' } },
      rules: { samplingRate: 0.5 },
    });
    const changed = await patch(system, UNIT, {
      rules: { dailyQuota: 40, samplingRate: null },
      smsName: { sv: null },
    });
    expect(changed.status).toBe(200);
    const unit = (await changed.json()) as {
      rules: Record<string, unknown>;
      smsName: unknown;
      name: unknown;
    };
    expect(unit.rules).toEqual({ timing: { mode: 'delay', delayMinutes: 120 }, dailyQuota: 40 });
    expect(unit.smsName).toEqual({ fi: 'Keskusta' });
    expect(unit.name).toMatchObject({ fi: 'Keskustan terveysasema' });

    const invalid = await patch(system, UNIT, { rules: { samplingRate: 2 }, name: { fi: null } });
    expect(invalid.status).toBe(400);
    const paths = ((await invalid.json()) as { error: { details: { path: string }[] } }).error.details.map(
      (d) => d.path,
    );
    expect(paths).toEqual(expect.arrayContaining(['rules.samplingRate', 'name.fi']));
    expect(((await (await get(system, UNIT)).json()) as { version: number }).version).toBe(2);

    expect((await patch(system, UNIT, { version: 9 })).status).toBe(400);
    expect((await patch(system, UNIT, { organizationId: 'org-other' })).status).toBe(409);
    expect((await patch(system, '/api/v1/units/unit-none', { enabled: false })).status).toBe(404);
  });

  it('PATCH wants the merge-patch media type; non-JSON bodies get the error contract', async () => {
    await configure(system);
    const plainJson = await patch(system, UNIT, { enabled: false }, { 'content-type': 'application/json' });
    expect(plainJson.status).toBe(415);
    expect(((await plainJson.json()) as ErrorBody).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const text = await system.app.request(UNIT, {
      method: 'PUT',
      headers: { ...ADMIN, 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(text.status).toBe(415);
    expect(((await text.json()) as ErrorBody).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const broken = await system.app.request(UNIT, {
      method: 'PATCH',
      headers: { ...ADMIN, ...MERGE_PATCH },
      body: '{"enabled":',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as ErrorBody).error.code).toBe('BAD_REQUEST');
  });

  it('reads records stored before versions existed as version 1, and writes on from there', async () => {
    await configure(system);
    const { version, ...legacy } = (await (await get(system, ORG)).json()) as Record<string, unknown>;
    await system.db.send(
      new PutCommand({
        TableName: system.tables.config,
        Item: { ...keys.organization('org-legacy'), ...legacy, organizationId: 'org-legacy' },
      }),
    );
    const read = await get(system, '/api/v1/organizations/org-legacy');
    expect(read.headers.get('etag')).toBe('"1"');
    const changed = await patch(
      system,
      '/api/v1/organizations/org-legacy',
      { minReportN: 6 },
      { 'If-Match': '"1"' },
    );
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('"2"');
  });
});

describe('history', () => {
  let system: TestSystem;
  beforeEach(async () => {
    system = await createTestSystem();
  });

  it('records who, when and each changed leaf with its old and new value, newest first', async () => {
    system.clock.set(new Date('2026-11-20T10:00:00Z'));
    await configure(system);
    system.clock.set(new Date('2026-11-21T08:30:00Z'));
    await patch(system, UNIT, {
      rules: { samplingRate: 0.25, timing: { delayMinutes: 60 } },
      enabled: false,
    });
    system.clock.set(new Date('2026-11-22T08:30:00Z'));
    await patch(system, UNIT, { rules: { samplingRate: null } });

    const response = await get(system, `${UNIT}/history`, REPORTS);
    expect(response.status).toBe(200);
    const history = (await response.json()) as History;
    expect(history.entries.map((e) => e.version)).toEqual([3, 2, 1]);
    expect(history.entries[0]).toEqual({
      version: 3,
      at: '2026-11-22T08:30:00.000Z',
      by: 'local-admin',
      changes: [{ path: 'rules.samplingRate', from: 0.25, to: null }],
    });
    expect(history.entries[1]).toEqual({
      version: 2,
      at: '2026-11-21T08:30:00.000Z',
      by: 'local-admin',
      changes: [
        { path: 'enabled', from: true, to: false },
        { path: 'rules.samplingRate', from: null, to: 0.25 },
        { path: 'rules.timing.delayMinutes', from: 120, to: 60 },
      ],
    });
    const creation = history.entries[2];
    expect(creation?.at).toBe('2026-11-20T10:00:00.000Z');
    expect(creation?.changes).toEqual(
      expect.arrayContaining([
        { path: 'organizationId', from: null, to: 'org-pohde' },
        { path: 'rules.timing.mode', from: null, to: 'delay' },
      ]),
    );
    expect(history.nextCursor).toBeUndefined();
  });

  it('pages with limit and cursor', async () => {
    await configure(system);
    for (const minReportN of [6, 7, 8, 9]) await patch(system, ORG, { minReportN });
    const first = (await (await get(system, `${ORG}/history?limit=2`)).json()) as History;
    expect(first.entries.map((e) => e.version)).toEqual([5, 4]);
    expect(first.nextCursor).toBeDefined();
    const second = (await (
      await get(system, `${ORG}/history?limit=2&cursor=${first.nextCursor}`)
    ).json()) as History;
    expect(second.entries.map((e) => e.version)).toEqual([3, 2]);
    const last = (await (
      await get(system, `${ORG}/history?limit=2&cursor=${second.nextCursor}`)
    ).json()) as History;
    expect(last.entries.map((e) => e.version)).toEqual([1]);
    expect(last.nextCursor).toBeUndefined();
    const bad = await get(system, `${ORG}/history?limit=0&cursor=abc`);
    expect(bad.status).toBe(400);
    expect(
      ((await bad.json()) as { error: { details: { path: string }[] } }).error.details
        .map((d) => d.path)
        .sort(),
    ).toEqual(['cursor', 'limit']);
    expect((await get(system, '/api/v1/organizations/org-none/history')).status).toBe(404);
  });

  it('names the credentials of each writer', async () => {
    await configure(system);
    const reportsWrite = await patch(system, ORG, { minReportN: 6 }, REPORTS);
    expect(reportsWrite.status).toBe(403);
    const history = (await (await get(system, `${ORG}/history`)).json()) as History;
    expect(history.entries.map((e) => e.by)).toEqual(['local-admin']);
  });
});

describe('question sets in rules', () => {
  let system: TestSystem;
  beforeEach(async () => {
    system = await createTestSystem();
  });

  it('refuses an unknown questionSetId in a unit or in organization defaults (400 with its path)', async () => {
    await configure(system);
    const unit = await putJson(
      system,
      '/api/v1/units/unit-x',
      unitBody('org-pohde', { questionSetId: 'no-such-set' }),
    );
    expect(unit.status).toBe(400);
    expect(((await unit.json()) as { error: { details: { path: string }[] } }).error.details).toEqual([
      { path: 'rules.questionSetId', message: 'no question set no-such-set' },
    ]);
    expect((await get(system, '/api/v1/units/unit-x')).status).toBe(404);

    const patched = await patch(system, UNIT, { rules: { questionSetId: 'no-such-set' } });
    expect(patched.status).toBe(400);

    const organization = await putJson(
      system,
      ORG,
      organizationBody({ defaults: { questionSetId: 'thl-nope' } }),
    );
    expect(organization.status).toBe(400);
    expect(
      ((await organization.json()) as { error: { details: { path: string }[] } }).error.details.map(
        (d) => d.path,
      ),
    ).toEqual(['defaults.questionSetId']);
    expect(
      (await putJson(system, UNIT, unitBody('org-pohde', { questionSetId: 'thl-core-v1' }))).status,
    ).toBe(200);
  });
});

describe('concurrent writers (DynamoDB conditional writes)', () => {
  let system: TestSystem;
  beforeEach(async () => {
    system = await createTestSystem();
    // An SMS name needs its Finnish form: each patch below may then add one language on its own.
    await configure(system, { unit: { smsName: { fi: 'Alku' } } });
  });

  it('lets exactly one of 20 PATCHes with the same If-Match through; the others get 412', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        patch(system, UNIT, { rules: { dailyQuota: i + 1 } }, { 'If-Match': '"1"' }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    const unit = (await (await get(system, UNIT)).json()) as { version: number };
    expect(unit.version).toBe(2);
    const history = (await (await get(system, `${UNIT}/history`)).json()) as History;
    expect(history.entries.map((e) => e.version)).toEqual([2, 1]);
  });

  it('loses no field of 20 parallel PATCHes without If-Match', async () => {
    const patches: Record<string, unknown>[] = [
      { rules: { samplingRate: 0.5 } },
      { rules: { dailyQuota: 10 } },
      { rules: { maxLagHours: 48 } },
      { rules: { linkTtlDays: 7 } },
      { rules: { minAge: 16 } },
      { rules: { requireSmsConsent: true } },
      { rules: { excludeSecurityBan: false } },
      { rules: { blockedDates: ['2026-12-24'] } },
      { rules: { excludedServiceCodes: ['X1'] } },
      { rules: { contactTypes: ['visit'] } },
      { rules: { questionSetId: 'thl-core-v1' } },
      { rules: { sendWindow: { start: '09:00', end: '20:00', days: ['mon'] } } },
      { rules: { timing: { mode: 'nextDay', at: '10:00' } } },
      { name: { fi: 'Keskusta' } },
      { name: { sv: 'Centrum' } },
      { name: { en: 'Centre' } },
      { smsName: { fi: 'Keskusta' } },
      { smsName: { sv: 'Centrum' } },
      { smsName: { en: 'Centre' } },
      { enabled: false },
    ];
    const responses = await Promise.all(patches.map((p) => patch(system, UNIT, p)));
    expect(responses.map((r) => r.status)).toEqual(patches.map(() => 200));
    const unit = (await (await get(system, UNIT)).json()) as Record<string, unknown>;
    expect(unit).toMatchObject({
      version: 21,
      enabled: false,
      name: { fi: 'Keskusta', sv: 'Centrum', en: 'Centre' },
      smsName: { fi: 'Keskusta', sv: 'Centrum', en: 'Centre' },
      rules: {
        samplingRate: 0.5,
        dailyQuota: 10,
        maxLagHours: 48,
        linkTtlDays: 7,
        minAge: 16,
        requireSmsConsent: true,
        excludeSecurityBan: false,
        blockedDates: ['2026-12-24'],
        excludedServiceCodes: ['X1'],
        contactTypes: ['visit'],
        questionSetId: 'thl-core-v1',
        sendWindow: { start: '09:00', end: '20:00', days: ['mon'] },
        timing: { mode: 'nextDay', at: '10:00' },
      },
    });
    const history = (await (await get(system, `${UNIT}/history?limit=100`)).json()) as History;
    expect(history.entries.map((e) => e.version)).toEqual(Array.from({ length: 21 }, (_, i) => 21 - i));
  }, 30_000);
});

describe('the store condition on version', () => {
  it('refuses a write whose expected version is not the stored one, even when its history slot is free', async () => {
    const system = await createTestSystem();
    await configure(system);
    const stored = await system.config.readVersioned('organization', 'org-pohde');
    if (!stored) throw new Error('not stored');
    const entry = { version: 5, at: '2026-11-20T10:00:00.000Z', by: 'test', changes: [] };
    expect(await system.config.writeVersion('organization', { ...stored, version: 5 }, 4, entry)).toBe(
      'conflict',
    );
    expect(
      await system.config.writeVersion('organization', { ...stored, version: 2 }, 1, {
        ...entry,
        version: 2,
      }),
    ).toBe('written');
    expect((await system.config.readVersioned('organization', 'org-pohde'))?.version).toBe(2);
  });
});
