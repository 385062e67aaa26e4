import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../shared/http/app';
import { bearerTokenAuthenticator } from '../../shared/http/auth';
import {
  configure,
  createTestSystem,
  organizationBody,
  putJson,
  type TestSystem,
  unitBody,
} from '../support/system';

type Operation = {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
};

const LIMITED = { Authorization: 'Bearer pohde-admin-token' };

/** A body each documented request schema accepts, naming the other organization where it can. */
function bodyFor(mediaType: string, schema: { $ref?: string }, organizationId: string): unknown {
  if (mediaType === 'application/merge-patch+json') return { enabled: false };
  if (schema.$ref?.endsWith('/OrganizationBody')) return organizationBody();
  if (schema.$ref?.endsWith('/UnitBody')) return unitBody(organizationId);
  if (schema.$ref?.endsWith('/AreaBody')) return { organizationId, name: { fi: 'Alue' } };
  const visit = {
    schemaVersion: 1,
    appointmentId: 'A-1',
    organizationId,
    unitId: 'unit-other',
    completedAt: '2026-11-20T09:40:00+02:00',
    client: { personRef: 'p-1', mobilePhone: '+358401234567', age: 47 },
  };
  if (schema.$ref?.endsWith('/EventValidationRequest')) return visit;
  if (schema.$ref?.endsWith('/UnitPreviewRequest')) return { visit };
  throw new Error(`no sample body for ${schema.$ref ?? mediaType}: add one to this test`);
}

describe('a token limited to one organization, on every documented route', () => {
  let system: TestSystem;
  let app: ReturnType<typeof createApp>;
  let paths: Record<string, Record<string, Operation>>;
  beforeAll(async () => {
    system = await createTestSystem();
    await configure(system);
    await configure(system, { organizationId: 'org-other', unitId: 'unit-other' });
    await putJson(system, '/api/v1/areas/area-other', { organizationId: 'org-other', name: { fi: 'Alue' } });
    app = createApp({
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
    paths = ((await (await app.request('/api/openapi.json')).json()) as { paths: typeof paths }).paths;
  });

  /** The request of an operation with the given ids in its path, query and body. */
  async function call(
    path: string,
    method: string,
    operation: Operation,
    ids: { org: string; unit: string },
  ) {
    const area = ids.unit.replace('unit-', 'area-');
    const url = new URL(
      `http://x${path.replace('{organizationId}', ids.org).replace('{unitId}', ids.unit).replace('{areaId}', area)}`,
    );
    for (const p of operation.parameters ?? [])
      if (p.in === 'query' && p.name === 'organizationId') url.searchParams.set(p.name, ids.org);
    const [mediaType, content] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
    const response = await app.request(`${url.pathname}${url.search}`, {
      method: method.toUpperCase(),
      headers: { ...LIMITED, ...(mediaType ? { 'content-type': mediaType } : {}) },
      body: mediaType && content ? JSON.stringify(bodyFor(mediaType, content.schema, ids.org)) : undefined,
    });
    return { status: response.status, body: (await response.json()) as { error?: { message: string } } };
  }

  it('answers 404 for everything of another organization, alike to a missing record', async () => {
    const seen: string[] = [];
    for (const [path, item] of Object.entries(paths).filter(
      ([p]) => p.startsWith('/api/v1/') && !p.startsWith('/api/v1/reports'),
    )) {
      for (const [method, operation] of Object.entries(item)) {
        const label = `${method.toUpperCase()} ${path}`;
        seen.push(label);
        const foreign = await call(path, method, operation, { org: 'org-other', unit: 'unit-other' });
        if (path === '/api/v1/events/validate') {
          // Validation reads nothing stored: any organization's name gets the same answer as a missing one.
          const missing = await call(path, method, operation, { org: 'org-missing', unit: 'unit-missing' });
          expect(foreign.status, label).toBe(200);
          expect(foreign.body, label).toEqual(missing.body);
          continue;
        }
        // A unit PUT names the organization in its body too: refused there like a missing organization.
        expect([404, 400], label).toContain(foreign.status);
        if (foreign.status === 404) {
          // The same answer as reading a record that does not exist (writes to a missing id create it).
          const missing = item.get
            ? await call(path, 'get', item.get, { org: 'org-missing', unit: 'unit-missing' })
            : await call(path, method, operation, { org: 'org-missing', unit: 'unit-missing' });
          expect(missing.status, label).toBe(404);
          expect(JSON.stringify(foreign.body).replace(/org-other|unit-other|area-other/, 'ID'), label).toBe(
            JSON.stringify(missing.body).replace(/org-missing|unit-missing|area-missing/, 'ID'),
          );
        } else {
          const missing = await call(path, method, operation, { org: 'org-missing', unit: 'unit-missing' });
          expect(missing.status, label).toBe(400);
          expect(JSON.stringify(foreign.body).replaceAll('org-other', 'ID'), label).toBe(
            JSON.stringify(missing.body).replaceAll('org-missing', 'ID'),
          );
        }
      }
    }
    expect(seen.length).toBeGreaterThanOrEqual(9);
    expect(seen).toContain('PUT /api/v1/areas/{areaId}');
    // The other organization's records are untouched.
    const history = await system.app.request('/api/v1/units/unit-other/history', {
      headers: { Authorization: 'Bearer test-admin-token' },
    });
    expect(((await history.json()) as { entries: unknown[] }).entries).toHaveLength(1);
  });

  it('cannot create another organization', async () => {
    const response = await app.request('/api/v1/organizations/org-new', {
      method: 'PUT',
      headers: { ...LIMITED, 'content-type': 'application/json' },
      body: JSON.stringify(organizationBody()),
    });
    expect(response.status).toBe(404);
    expect(await system.config.getOrganization('org-new')).toBeUndefined();
  });

  it('names the organization in a unit body: a foreign one reads like a missing one (400 organizationId)', async () => {
    const response = await app.request('/api/v1/units/unit-new', {
      method: 'PUT',
      headers: { ...LIMITED, 'content-type': 'application/json' },
      body: JSON.stringify(unitBody('org-other')),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { details: [{ path: 'organizationId', message: 'no organization org-other; create it first' }] },
    });
  });
});
