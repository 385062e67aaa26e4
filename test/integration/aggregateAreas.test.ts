import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryEventPublisher } from '../../shared/adapters/local/memory';
import type { ReportRow } from '../../shared/domain/aggregatePublication';
import { createApp } from '../../shared/http/app';
import { bearerTokenAuthenticator } from '../../shared/http/auth';
import type { Organization } from '../../shared/schemas/config';
import { nightlyRunInstant } from '../../shared/services/aggregate';
import { aggregateOrganization } from '../../shared/services/aggregateOrganization';
import { MemorySources } from '../support/aggregateFakes';
import { configure, createTestSystem, putJson, REPORTS, type TestSystem, unitBody } from '../support/system';

const ORG = 'org-pohde';
const DAY = '2026-11-20';
const LIMITED = { Authorization: 'Bearer pohde-reports-token' };

async function rows(app: { request: TestSystem['app']['request'] }, path: string, headers = REPORTS) {
  const response = await app.request(path, { headers });
  expect(response.status, path).toBe(200);
  return ((await response.json()) as { rows: ReportRow[] }).rows;
}

/**
 * Area N: u-a (2 answers, NPS 0), u-b (10 answers, NPS 10), u-c (12 answers, NPS 9). Area S: u-d
 * (20 answers, NPS 8). No area: u-e (9 answers, NPS 10). Every answered visit was sent.
 */
describe('area cells of the nightly job and area reports, on DynamoDB Local', () => {
  let system: TestSystem;
  let limited: ReturnType<typeof createApp>;
  beforeAll(async () => {
    system = await createTestSystem();
    await configure(system, { unitId: 'u-e' });
    await configure(system, { organizationId: 'org-other', unitId: 'u-other' });
    for (const [areaId, organizationId] of [
      ['area-n', ORG],
      ['area-s', ORG],
      ['area-other', 'org-other'],
    ] as const) {
      const response = await putJson(system, `/api/v1/areas/${areaId}`, {
        organizationId,
        name: { fi: areaId },
      });
      expect(response.status).toBe(201);
    }
    const sources = new MemorySources();
    const fixture: [string, string, number, number][] = [
      ['u-a', 'area-n', 2, 0],
      ['u-b', 'area-n', 10, 10],
      ['u-c', 'area-n', 12, 9],
      ['u-d', 'area-s', 20, 8],
    ];
    for (const [unitId, areaId, answers, nps] of fixture) {
      const response = await putJson(system, `/api/v1/units/${unitId}`, unitBody(ORG, {}, { areaId }));
      expect(response.status).toBe(201);
      for (let i = 0; i < answers; i++) sources.addAnswered(ORG, unitId, DAY, { nps });
    }
    for (let i = 0; i < 9; i++) sources.addAnswered(ORG, 'u-e', DAY, { nps: 10 });
    // A visit that was not surveyed: counted in the funnel of u-c and of area N.
    sources.addVisit(ORG, 'u-c', DAY, 'UNDER_AGE');

    const at = nightlyRunInstant(DAY);
    await aggregateOrganization(
      {
        config: system.config,
        sources,
        aggregates: system.aggregates,
        events: new MemoryEventPublisher(() => at),
        log: system.log,
      },
      (await system.config.getOrganization(ORG)) as Organization,
      DAY,
      at,
    );
    limited = createApp({
      clock: system.clock,
      config: system.config,
      surveys: system.surveys,
      aggregates: system.aggregates,
      comments: system.comments,
      log: system.log,
      publicBaseUrl: 'https://palaute.example.fi',
      authenticate: bearerTokenAuthenticator([
        { id: 'pohde-reports', token: 'pohde-reports-token', scopes: ['reports:read'], organizationId: ORG },
      ]),
    });
  });

  it("writes each area's day and month as the sums of its units, unitId * and areaId set", async () => {
    const daily = await rows(system.app, `/api/v1/reports/daily?areaId=area-n&from=${DAY}&to=${DAY}`);
    expect(daily).toHaveLength(1);
    // 2 + 10 + 12 answers; 24 sent; 25 visits (one UNDER_AGE); promoters 10 + 12, detractors 2:
    // NPS = (22 − 2) / 24 = 83.3 % → 83.
    expect(daily[0]).toMatchObject({
      date: DAY,
      organizationId: ORG,
      unitId: '*',
      areaId: 'area-n',
      suppressed: false,
      responses: 24,
      funnel: { received: 25, sent: 24, decisions: { SCHEDULED: 24, UNDER_AGE: 1 } },
      npsCounts: { promoters: 22, passives: 0, detractors: 2 },
      nps: 83,
    });
    const monthly = await rows(system.app, '/api/v1/reports/monthly?areaId=area-s&from=2026-11&to=2026-11');
    expect(monthly).toEqual([
      expect.objectContaining({ date: '2026-11', unitId: '*', areaId: 'area-s', responses: 20, nps: 0 }),
    ]);
  });

  it("hides enough inside an area that its small unit is not area − shown units, and the organization's report has the area rows", async () => {
    const all = await rows(system.app, `/api/v1/reports/daily?organizationId=${ORG}&from=${DAY}&to=${DAY}`);
    const by = (unitId: string, areaId?: string) =>
      all.find((r) => r.unitId === unitId && r.areaId === areaId) as ReportRow;
    expect(all.map((r) => r.areaId ?? r.unitId)).toEqual([
      '*',
      'area-n',
      'area-s',
      'u-a',
      'u-b',
      'u-c',
      'u-d',
      'u-e',
    ]);
    expect(by('*')).toMatchObject({ responses: 53, suppressed: false });
    expect(by('u-a')).toMatchObject({ suppressed: true, suppressionReason: 'minReportN' });
    expect(by('u-a').nps).toBeNull();
    // Area N − u-c would be u-a alone if u-b were shown: it is hidden, so the difference is u-a + u-b.
    expect(by('u-b')).toMatchObject({ suppressed: true, suppressionReason: 'complementary' });
    expect(by('u-c')).toMatchObject({ suppressed: false, responses: 12 });
    const areaN = by('*', 'area-n');
    const shownInN = all.filter((r) => ['u-a', 'u-b', 'u-c'].includes(r.unitId) && !r.suppressed);
    const promotersShown = shownInN.reduce((sum, r) => sum + (r.npsCounts?.promoters ?? 0), 0);
    expect((areaN.npsCounts?.promoters ?? 0) - promotersShown).toBe(10);
  });

  it('answers CSV with an areaId column', async () => {
    const response = await system.app.request(`/api/v1/reports/daily?areaId=area-n&from=${DAY}&to=${DAY}`, {
      headers: { ...REPORTS, Accept: 'text/csv' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('palaute-daily-area-n-');
    const [header, row] = (await response.text()).split('\r\n');
    expect(header).toMatch(/^date,organizationId,unitId,areaId,channel,respondent,suppressed,/);
    expect(row).toMatch(/^2026-11-20,org-pohde,\*,area-n,,,false,,25,/);
  });

  it("answers 404 for another organization's area, alike to a missing one, and 400 for two scopes", async () => {
    const foreign = await limited.request(`/api/v1/reports/daily?areaId=area-other&from=${DAY}&to=${DAY}`, {
      headers: LIMITED,
    });
    const missing = await limited.request(`/api/v1/reports/daily?areaId=area-missing&from=${DAY}&to=${DAY}`, {
      headers: LIMITED,
    });
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).toBe(await missing.text());
    expect(
      (await rows(limited, `/api/v1/reports/daily?areaId=area-n&from=${DAY}&to=${DAY}`, LIMITED))[0],
    ).toMatchObject({
      areaId: 'area-n',
    });
    const both = await system.app.request(
      `/api/v1/reports/daily?areaId=area-n&unitId=u-a&from=${DAY}&to=${DAY}`,
      {
        headers: REPORTS,
      },
    );
    expect(both.status).toBe(400);
    expect(await both.json()).toMatchObject({ error: { details: [{ path: 'areaId' }] } });
  });
});
