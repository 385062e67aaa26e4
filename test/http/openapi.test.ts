import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, BASE_URL, configure, createTestSystem, type TestSystem } from '../support/system';

type Document = {
  openapi: string;
  servers: { url: string }[];
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string }[];
        responses: Record<string, { headers?: Record<string, unknown> }>;
      }
    >
  >;
  components: { securitySchemes: Record<string, { type: string; scheme: string }> };
};

const METHODS = ['get', 'put', 'patch', 'post', 'delete'];

/** A documented path with sample ids in its parameters. */
const concrete = (path: string) =>
  path
    .replace('{organizationId}', 'org-pohde')
    .replace('{unitId}', 'unit-tk-keskusta')
    .replace(/\{[^}]+\}/g, 'x');

describe('OpenAPI document and reference page', () => {
  let system: TestSystem;
  let document: Document;
  beforeAll(async () => {
    system = await createTestSystem();
    await configure(system);
    const response = await system.app.request('/api/openapi.json');
    expect(response.status).toBe(200);
    document = (await response.json()) as Document;
  });

  it('is a valid OpenAPI 3.1 document with servers, bearer security, ETag and If-Match', async () => {
    const result = await new Validator().validate(structuredClone(document) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: BASE_URL }]);
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    const unit = document.paths['/api/v1/units/{unitId}'];
    expect(unit?.get?.responses['200']?.headers).toHaveProperty('ETag');
    expect(unit?.patch?.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['path:unitId', 'header:if-match']),
    );
    expect(Object.keys(unit?.put?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '201', '400', '401', '403', '404', '409', '412']),
    );
  });

  it('documents only routes that exist', async () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS.filter((m) => m in item)) {
        const response = await system.app.request(concrete(path), {
          method: method.toUpperCase(),
          headers: {
            ...ADMIN,
            'content-type': method === 'patch' ? 'application/merge-patch+json' : 'application/json',
          },
          body: method === 'get' ? undefined : '{}',
        });
        const text = await response.text();
        expect(text, `${method} ${path}`).not.toContain('No route for');
      }
    }
  });

  it('documents every route of the API, the reporting API with its CSV alternative', () => {
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, item]) =>
        METHODS.filter((m) => m in item).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    const routes = system.app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`);
    expect(routes.length).toBeGreaterThanOrEqual(13);
    for (const route of new Set(routes)) expect(documented, route).toContain(route);
    for (const report of ['daily', 'monthly', 'comments', 'platform']) {
      expect(documented).toContain(`GET /api/v1/reports/${report}`);
    }
    const daily = document.paths['/api/v1/reports/daily']?.get as unknown as {
      parameters: { name: string; in: string }[];
      responses: Record<string, { content?: Record<string, unknown> }>;
    };
    expect(daily.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['query:unitId', 'query:organizationId', 'query:from', 'query:to']),
    );
    expect(Object.keys(daily.responses['200']?.content ?? {})).toEqual(['application/json', 'text/csv']);
  });

  it('renders a readable reference page without scripts', async () => {
    const response = await system.app.request('/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).not.toMatch(/<script/i);
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS.filter((m) => m in item)) {
        expect(html).toContain(`<span class="method">${method.toUpperCase()}</span> <code>${path}</code>`);
      }
    }
    // Parameters, body fields and responses are spelled out.
    expect(html).toContain('<code>if-match</code>');
    expect(html).toContain('<code>rules.samplingRate</code>');
    expect(html).toContain('<strong>412</strong>');
    const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1];
    expect(stylesheet).toBeDefined();
    const css = await system.app.request(stylesheet as string);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
  });
});
