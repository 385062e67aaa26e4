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
  if (schema.$ref?.endsWith('/OwnQuestionSetBody'))
    return { organizationId, extends: 'thl-national-v2', name: organizationBody().name, statements: [] };
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
  if (schema.$ref?.endsWith('/OpenLinkBody')) return { channel: 'qr', respondent: 'client' };
  if (schema.$ref?.endsWith('/PaperAnswerBody'))
    return { visitDate: '2026-11-20', respondent: 'client', answers: { nps: 9 } };
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
    const otherSet = await system.app.request('/api/v1/question-sets/qs-other', {
      method: 'PUT',
      headers: { Authorization: 'Bearer test-admin-token', 'content-type': 'application/json' },
      body: JSON.stringify(bodyFor('application/json', { $ref: '/OwnQuestionSetBody' }, 'org-other')),
    });
    expect(otherSet.status).toBe(201);
    app = createApp({
      clock: system.clock,
      config: system.config,
      surveys: system.surveys,
      aggregates: system.aggregates,
      comments: system.comments,
      log: system.log,
      publicBaseUrl: 'https://palaute.example.fi',
      openLinks: { store: system.openLinks },
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

  /** A valid range for a report's `from` and `to`: months for the monthly report, days otherwise. */
  const RANGE = (path: string) =>
    path.endsWith('/monthly') ? { from: '2026-11', to: '2026-11' } : { from: '2026-11-20', to: '2026-11-20' };

  /**
   * The request of an operation with the given ids in its path, query and body. A query that takes
   * either `unitId` or `organizationId` gets the one named by `scope`.
   */
  async function call(
    path: string,
    method: string,
    operation: Operation,
    ids: { org: string; unit: string },
    scope: 'unitId' | 'organizationId' | 'areaId' = 'organizationId',
  ) {
    const questionSetId = ids.org.replace('org-', 'qs-');
    const url = new URL(
      `http://x${path.replace('{organizationId}', ids.org).replace('{unitId}', ids.unit).replace('{questionSetId}', questionSetId).replace('{areaId}', ids.unit.replace('unit-', 'area-'))}`,
    );
    const query = new Set((operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
    const both = query.has('unitId') && query.has('organizationId');
    if (query.has('organizationId') && (!both || scope === 'organizationId'))
      url.searchParams.set('organizationId', ids.org);
    if (query.has('unitId') && (!both || scope === 'unitId')) url.searchParams.set('unitId', ids.unit);
    if (query.has('areaId') && scope === 'areaId')
      url.searchParams.set('areaId', ids.unit.replace('unit-', 'area-'));
    if (query.has('from'))
      for (const [name, value] of Object.entries(RANGE(path))) url.searchParams.set(name, value);
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
    for (const [path, item] of Object.entries(paths).filter(([p]) => p.startsWith('/api/v1/'))) {
      for (const [method, operation] of Object.entries(item)) {
        const names = new Set((operation.parameters ?? []).map((p) => p.name));
        const scopes =
          names.has('unitId') && names.has('organizationId')
            ? names.has('areaId')
              ? (['unitId', 'areaId', 'organizationId'] as const)
              : (['unitId', 'organizationId'] as const)
            : (['organizationId'] as const);
        for (const scope of scopes) {
          const label = `${method.toUpperCase()} ${path} (${scope})`;
          seen.push(label);
          const foreign = await call(
            path,
            method,
            operation,
            { org: 'org-other', unit: 'unit-other' },
            scope,
          );
          if (path.startsWith('/api/v1/reports/')) {
            // Reports of another organization, and the platform's figures to a limited token, do not exist.
            expect(foreign.status, label).toBe(404);
            const missing = await call(
              path,
              method,
              operation,
              { org: 'org-missing', unit: 'unit-missing' },
              scope,
            );
            expect(missing.status, label).toBe(404);
            expect(foreign.body, label).toEqual(missing.body);
            continue;
          }
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
            expect(
              JSON.stringify(foreign.body).replace(/org-other|unit-other|qs-other|area-other/, 'ID'),
              label,
            ).toBe(
              JSON.stringify(missing.body).replace(/org-missing|unit-missing|qs-missing|area-missing/, 'ID'),
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
    }
    expect(seen.length).toBeGreaterThanOrEqual(15);
    for (const report of ['daily', 'monthly', 'comments', 'platform'])
      expect(seen.join('\n')).toContain(`GET /api/v1/reports/${report}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        'GET /api/v1/question-sets (organizationId)',
        'PUT /api/v1/question-sets/{questionSetId} (organizationId)',
        'PATCH /api/v1/question-sets/{questionSetId} (organizationId)',
        'GET /api/v1/question-sets/{questionSetId}/history (organizationId)',
      ]),
    );
    expect(seen).toContain('PUT /api/v1/areas/{areaId} (organizationId)');
    const setHistory = await system.app.request('/api/v1/question-sets/qs-other/history', {
      headers: { Authorization: 'Bearer test-admin-token' },
    });
    expect(((await setHistory.json()) as { entries: unknown[] }).entries).toHaveLength(1);
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
