import { describe, expect, it } from 'vitest';
import { createTestSystem, setClock } from '../support/system';

describe('the start page of local mode', () => {
  it('is an HTML page with a language, a title and headings, linking the walk-through, reports, endpoints and docs', async () => {
    const system = await createTestSystem();
    await setClock(system, '2026-11-20T10:00:00+02:00');
    const response = await system.app.request('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(html).toContain('<title>Palaute in local mode</title>');
    expect(html).toContain('<h1>Palaute in local mode</h1>');
    expect(html).toContain('2026-11-20T10:00:00.000+02:00');
    for (const href of [
      '/local/docs/README.md',
      '/local/docs/local-mode.md',
      '/reports',
      '/local/outbox',
      '/local/clock',
      '/local/dead-letters',
      '/local/schedules',
      '/local/published-events',
    ]) {
      expect(html).toContain(`href="${href}"`);
    }
  });

  it('serves every document it links to, as text, and nothing outside README.md and docs/', async () => {
    const system = await createTestSystem();
    const html = await (await system.app.request('/')).text();
    const docs = [...html.matchAll(/href="(\/local\/docs\/[^"]+)"/g)].map((m) => m[1] as string);
    expect(docs).toContain('/local/docs/architecture.md');
    for (const path of new Set(docs)) {
      const response = await system.app.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect((await response.text()).startsWith('#'), path).toBe(true);
    }
    for (const path of [
      '/local/docs/package.json',
      '/local/docs/..%2Fpackage.json',
      '/local/docs/nothing.md',
    ]) {
      expect((await system.app.request(path)).status, path).toBe(404);
    }
  });
});
