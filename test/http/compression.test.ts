import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SURVEY_CSS_PATH } from '../../shared/http/survey/styles';
import { type Served, serveOnFreePort } from '../support/serve';
import {
  ADMIN,
  configure,
  createTestSystem,
  plantSurvey,
  setClock,
  type TestSystem,
} from '../support/system';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** node:http, not fetch: fetch decodes the body and asks for compression by itself. */
function raw(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('compression in local mode', () => {
  let system: TestSystem;
  let served: Served;
  let token: string;
  beforeAll(async () => {
    system = await createTestSystem();
    await configure(system);
    await setClock(system, '2026-11-21T10:00:00+02:00');
    token = await plantSurvey(system);
    served = await serveOnFreePort(system.app.fetch);
  });
  afterAll(() => served?.close());

  it('sends a survey page gzip-encoded to a client that accepts it, at most a third of its size', async () => {
    const plain = await raw(`${served.url}/s/${token}`);
    const gzipped = await raw(`${served.url}/s/${token}`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(plain.status).toBe(200);
    expect(gzipped.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toMatch(/accept-encoding/i);
    const html = gunzipSync(gzipped.body).toString('utf8');
    expect(html).toBe(plain.body.toString('utf8'));
    expect(html).toContain('<!DOCTYPE html>');
    expect(gzipped.body.length).toBeLessThanOrEqual(plain.body.length / 3);
  });

  it('compresses the stylesheet and JSON too', async () => {
    const css = await raw(`${served.url}${SURVEY_CSS_PATH}`, { 'Accept-Encoding': 'gzip' });
    expect(css.status).toBe(200);
    expect(css.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(css.body).toString('utf8')).toContain('{');
    const json = await raw(`${served.url}/api/openapi.json`, { 'Accept-Encoding': 'gzip' });
    expect(json.status).toBe(200);
    expect(json.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(json.body).toString('utf8'))).toHaveProperty('openapi');
  });

  it('answers HEAD without a body or an encoding', async () => {
    const head = await raw(`${served.url}/s/${token}`, { 'Accept-Encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBeUndefined();
    expect(head.body.length).toBe(0);
  });

  it('leaves a bodiless answer alone: a redirect comes through unencoded and empty', async () => {
    const response = await raw(`${served.url}/reports/logout?lang=fi`, { 'Accept-Encoding': 'gzip' }, 'POST');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/reports?lang=fi');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body.length).toBe(0);
  });

  it('keeps a strong ETag strong, so it still names the version for If-Match', async () => {
    const response = await system.app.request('/api/v1/organizations/org-pohde', {
      headers: { ...ADMIN, 'Accept-Encoding': 'gzip' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('etag')).toMatch(/^"\d+"$/);
  });
});
