import { describe, expect, it } from 'vitest';
import { demoBaseUrl, runDemo } from '../../scripts/demo';
import { createTestSystem, setClock } from '../support/system';

describe('npm run demo finds the instance and respects its clock', () => {
  it('talks to the port npm start uses: PUBLIC_BASE_URL, else PORT, unless PALAUTE_URL says otherwise', () => {
    expect(demoBaseUrl({})).toBe('http://localhost:3000');
    expect(demoBaseUrl({ PORT: '3999' })).toBe('http://localhost:3999');
    expect(demoBaseUrl({ PORT: '3999', PUBLIC_BASE_URL: 'http://palaute.test:8080/' })).toBe(
      'http://palaute.test:8080',
    );
    expect(demoBaseUrl({ PORT: '3999', PALAUTE_URL: 'http://127.0.0.1:4000' })).toBe('http://127.0.0.1:4000');
  });

  it('refuses, before writing anything, when the virtual clock is already past its first day', async () => {
    const system = await createTestSystem();
    await setClock(system, '2026-12-01T08:00:00+02:00');
    const requests: string[] = [];
    const run = runDemo({
      baseUrl: 'http://localhost:3000',
      adminToken: 'test-admin-token',
      reportsToken: 'test-reports-token',
      days: 3,
      endDate: '2026-11-20',
      seed: 1,
      fetch: async (url, init) => {
        requests.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
        return system.app.request(url, init);
      },
      log: () => {},
    });
    await expect(run).rejects.toThrow(/virtual clock is at 2026-12-01T06:00:00.000Z.*--fresh/);
    expect(requests).toEqual(['GET /healthz', 'GET /local/clock']);
  });
});
