import { describe, expect, it } from 'vitest';
import { DEMO_ORGANIZATION, runDemo } from '../../scripts/demo';
import type { ReportRow } from '../../shared/domain/aggregatePublication';
import { createTestSystem } from '../support/system';

describe('npm run demo', () => {
  it('fills an instance with visits and answers, runs the nights, and leaves a report with suppressed cells', async () => {
    const system = await createTestSystem();
    const lines: string[] = [];
    const result = await runDemo({
      baseUrl: 'http://localhost:3000',
      adminToken: 'test-admin-token',
      reportsToken: 'test-reports-token',
      days: 4,
      endDate: '2026-11-20',
      seed: 7,
      scale: 0.6,
      fetch: async (url, init) => system.app.request(url, init),
      log: (line) => lines.push(line),
    });
    expect(result).toMatchObject({ from: '2026-11-17', to: '2026-11-20', jobs: 4 });
    expect(result.visits).toBeGreaterThan(40);
    expect(result.smsSent).toBeGreaterThan(20);
    expect(result.answers).toBeGreaterThan(5);
    expect(lines.filter((l) => /^2026-11-\d\d: /.test(l))).toHaveLength(4);

    const response = await system.app.request(
      `/api/v1/reports/daily?organizationId=${DEMO_ORGANIZATION}&from=2026-11-17&to=2026-11-20`,
      { headers: { Authorization: 'Bearer test-reports-token' } },
    );
    const { rows } = (await response.json()) as { rows: ReportRow[] };
    expect(rows.some((r) => r.suppressed)).toBe(true);
    expect(rows.filter((r) => r.unitId === '*')).toHaveLength(4);
    expect(system.published.events.filter((e) => e.detailType === 'Aggregates Ready')).toHaveLength(4);
  }, 120_000);

  it('says how to start an instance when none answers', async () => {
    await expect(
      runDemo({
        baseUrl: 'http://127.0.0.1:9',
        adminToken: 'x',
        reportsToken: 'y',
        days: 1,
        endDate: '2026-11-20',
        seed: 1,
        log: () => {},
      }),
    ).rejects.toThrow(/npm start/);
  });
});
