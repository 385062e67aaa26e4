import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../shared/http/app';
import { bearerTokenAuthenticator, cognitoClaimsAuthenticator } from '../../shared/http/auth';
import { configure, createTestSystem, organizationBody, type TestSystem, unitBody } from '../support/system';

describe('organization-limited tokens', () => {
  let system: TestSystem;
  let app: ReturnType<typeof createApp>;
  beforeEach(async () => {
    system = await createTestSystem();
    await configure(system);
    await configure(system, { organizationId: 'org-other', unitId: 'unit-other' });
    app = createApp({
      clock: system.clock,
      config: system.config,
      surveys: system.surveys,
      aggregates: system.aggregates,
      comments: system.comments,
      log: system.log,
      publicBaseUrl: 'https://palaute.example.fi',
      authenticate: bearerTokenAuthenticator([
        { token: 'pohde-admin-token', scopes: ['admin', 'reports:read'], organizationId: 'org-pohde' },
      ]),
    });
  });
  const as = { Authorization: 'Bearer pohde-admin-token' };

  it('sees and changes its own organization only', async () => {
    expect((await app.request('/api/v1/organizations/org-pohde', { headers: as })).status).toBe(200);
    expect((await app.request('/api/v1/organizations/org-other', { headers: as })).status).toBe(404);
    expect((await app.request('/api/v1/units/unit-other', { headers: as })).status).toBe(404);
    expect((await app.request('/api/v1/units?organizationId=org-other', { headers: as })).status).toBe(404);
    const own = await app.request('/api/v1/units', { headers: as });
    expect(((await own.json()) as { units: { unitId: string }[] }).units.map((u) => u.unitId)).toEqual([
      'unit-tk-keskusta',
    ]);
    const write = await app.request('/api/v1/units/unit-new', {
      method: 'PUT',
      headers: { ...as, 'content-type': 'application/json' },
      body: JSON.stringify(unitBody('org-other')),
    });
    // A body naming another organization is answered like one naming a missing organization.
    expect(write.status).toBe(400);
    const org = await app.request('/api/v1/organizations/org-other', {
      method: 'PUT',
      headers: { ...as, 'content-type': 'application/json' },
      body: JSON.stringify(organizationBody()),
    });
    expect(org.status).toBe(404);
  });

  it('cannot tell a unit of another organization from one that does not exist', async () => {
    const other = await app.request('/api/v1/units/unit-other', { headers: as });
    const missing = await app.request('/api/v1/units/unit-nope', { headers: as });
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    const [otherBody, missingBody] = (await Promise.all([other.json(), missing.json()])) as {
      error: { code: string; message: string };
    }[];
    // Only the id asked for differs: nothing says that one of them exists.
    expect(JSON.stringify(otherBody).replace('unit-other', 'ID')).toBe(
      JSON.stringify(missingBody).replace('unit-nope', 'ID'),
    );
  });
});

describe('Cognito claims in the cloud', () => {
  const authenticate = cognitoClaimsAuthenticator({ 'client-pohde': 'org-pohde', 'client-all': '*' });
  const contextWith = (claims: Record<string, unknown> | undefined) =>
    ({ env: { event: { requestContext: { authorizer: claims ? { claims } : undefined } } } }) as never;

  it('maps scopes and organizations from the verified claims', async () => {
    const principal = await authenticate(
      contextWith({ client_id: 'client-pohde', scope: 'palaute/reports:read' }),
    );
    expect(principal && [...principal.scopes]).toEqual(['reports:read']);
    expect(principal?.organizationId).toBe('org-pohde');
    expect(principal?.id).toBe('client-pohde');
    const admin = await authenticate(
      contextWith({ client_id: 'client-all', scope: 'palaute/admin palaute/reports:read' }),
    );
    expect(admin && [...admin.scopes].sort()).toEqual(['admin', 'reports:read']);
    expect(admin?.organizationId).toBeUndefined();
  });

  it('refuses unknown clients and requests without claims', async () => {
    expect(
      await authenticate(contextWith({ client_id: 'client-x', scope: 'palaute/admin' })),
    ).toBeUndefined();
    expect(await authenticate(contextWith(undefined))).toBeUndefined();
  });
});
