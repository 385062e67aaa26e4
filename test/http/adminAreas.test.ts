import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../shared/http/app';
import { bearerTokenAuthenticator } from '../../shared/http/auth';
import {
  ADMIN,
  configure,
  createTestSystem,
  putJson,
  REPORTS,
  type TestSystem,
  unitBody,
} from '../support/system';

const AREA = '/api/v1/areas/area-pohjoinen';
const areaBody = (organizationId = 'org-pohde', overrides: Record<string, unknown> = {}) => ({
  organizationId,
  name: { fi: 'Pohjoinen palvelualue', sv: 'Norra serviceområdet' },
  ...overrides,
});
const LIMITED = { Authorization: 'Bearer pohde-admin-token' };

describe('areas', () => {
  let system: TestSystem;
  let limited: ReturnType<typeof createApp>;
  beforeEach(async () => {
    system = await createTestSystem();
    limited = createApp({
      clock: system.clock,
      config: system.config,
      surveys: system.surveys,
      aggregates: system.aggregates,
      comments: system.comments,
      log: system.log,
      publicBaseUrl: 'https://palaute.example.fi',
      authenticate: bearerTokenAuthenticator([
        {
          id: 'pohde-admin',
          token: 'pohde-admin-token',
          scopes: ['admin', 'reports:read'],
          organizationId: 'org-pohde',
        },
      ]),
    });
    system.clock.set(new Date('2026-11-20T10:00:00Z'));
    await configure(system);
    await configure(system, { organizationId: 'org-other', unitId: 'unit-other' });
  });

  it('creates, reads, patches and lists an area with versions and a history', async () => {
    const created = await putJson(system, AREA, areaBody());
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(await created.json()).toMatchObject({ areaId: 'area-pohjoinen', version: 1, ...areaBody() });

    const read = await system.app.request(AREA, { headers: REPORTS });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');

    const stale = await system.app.request(AREA, {
      method: 'PATCH',
      headers: { ...ADMIN, 'content-type': 'application/merge-patch+json', 'if-match': '"7"' },
      body: JSON.stringify({ name: { en: 'Northern area' } }),
    });
    expect(stale.status).toBe(412);

    const patched = await system.app.request(AREA, {
      method: 'PATCH',
      headers: { ...ADMIN, 'content-type': 'application/merge-patch+json', 'if-match': '"1"' },
      body: JSON.stringify({ name: { en: 'Northern area' } }),
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      version: 2,
      name: { fi: 'Pohjoinen palvelualue', sv: 'Norra serviceområdet', en: 'Northern area' },
    });

    const history = await system.app.request(`${AREA}/history`, { headers: ADMIN });
    expect(await history.json()).toMatchObject({
      entries: [
        { version: 2, by: 'local-admin', changes: [{ path: 'name.en', from: null, to: 'Northern area' }] },
        { version: 1 },
      ],
    });

    await putJson(system, '/api/v1/areas/area-other', areaBody('org-other'));
    const list = await system.app.request('/api/v1/areas?organizationId=org-pohde', { headers: ADMIN });
    const { areas } = (await list.json()) as { areas: { areaId: string; version: number }[] };
    expect(areas.map((a) => [a.areaId, a.version])).toEqual([['area-pohjoinen', 2]]);
  });

  it('rejects a body without a Finnish name, and an area that would move (409)', async () => {
    const invalid = await putJson(system, AREA, { organizationId: 'org-pohde', name: { sv: 'Norr' } });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { details: [{ path: 'name.fi' }] } });
    await putJson(system, AREA, areaBody());
    const moved = await putJson(system, AREA, areaBody('org-other'));
    expect(moved.status).toBe(409);
  });

  it("answers 404 for another organization's area, alike to a missing one, and keeps it unchanged", async () => {
    await putJson(system, '/api/v1/areas/area-other', areaBody('org-other'));
    for (const [path, method] of [
      ['/api/v1/areas/ID', 'GET'],
      ['/api/v1/areas/ID/history', 'GET'],
    ] as const) {
      const foreign = await limited.request(path.replace('ID', 'area-other'), { method, headers: LIMITED });
      const missing = await limited.request(path.replace('ID', 'area-missing'), {
        method,
        headers: LIMITED,
      });
      expect(foreign.status).toBe(404);
      expect((await foreign.text()).replace('area-other', 'X')).toBe(
        (await missing.text()).replace('area-missing', 'X'),
      );
    }
    const overwrite = await limited.request('/api/v1/areas/area-other', {
      method: 'PUT',
      headers: { ...LIMITED, 'content-type': 'application/json' },
      body: JSON.stringify(areaBody('org-pohde')),
    });
    expect(overwrite.status).toBe(404);
    const list = await limited.request('/api/v1/areas?organizationId=org-other', { headers: LIMITED });
    expect(list.status).toBe(404);
    expect(await system.config.getArea('area-other')).toMatchObject({
      organizationId: 'org-other',
      version: 1,
    });
  });

  it('lets a unit name an area of its own organization only (400 areaId otherwise)', async () => {
    await putJson(system, AREA, areaBody());
    await putJson(system, '/api/v1/areas/area-other', areaBody('org-other'));
    const ok = await putJson(
      system,
      '/api/v1/units/unit-tk-keskusta',
      unitBody('org-pohde', {}, { areaId: 'area-pohjoinen' }),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ areaId: 'area-pohjoinen', version: 2 });

    for (const areaId of ['area-other', 'area-missing']) {
      const refused = await putJson(
        system,
        '/api/v1/units/unit-tk-keskusta',
        unitBody('org-pohde', {}, { areaId }),
      );
      expect(refused.status, areaId).toBe(400);
      expect(await refused.json()).toMatchObject({
        error: { details: [{ path: 'areaId', message: `no area ${areaId} in organization org-pohde` }] },
      });
    }
    const patched = await system.app.request('/api/v1/units/unit-tk-keskusta', {
      method: 'PATCH',
      headers: { ...ADMIN, 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ areaId: 'area-other' }),
    });
    expect(patched.status).toBe(400);
    expect((await system.config.getUnit('unit-tk-keskusta'))?.areaId).toBe('area-pohjoinen');
  });
});
