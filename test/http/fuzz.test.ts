import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ADMIN,
  BASE_URL,
  completedEvent,
  configure,
  createTestSystem,
  plantSurvey,
  REPORTS,
  type TestSystem,
} from '../support/system';

/**
 * Property-based fuzzing of every input from outside: event details, form bodies and headers of the
 * public pages, and the query strings of the admin and reporting API. None may crash a batch, answer
 * 500 or run long.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
/** The most one request may take, even on a busy machine; a full scan or a runaway loop takes far longer. */
const REQUEST_BUDGET_MS = 5_000;
// Hundreds of requests per property on a shared machine.
vi.setConfig({ testTimeout: 120_000 });

let system: TestSystem;
let openToken: string;
beforeAll(async () => {
  system = await createTestSystem();
  await configure(system);
  system.clock.set(new Date('2026-11-21T10:00:00+02:00'));
  openToken = await plantSurvey(system);
});

async function timed(
  request: () => Response | Promise<Response>,
): Promise<{ response: Response; ms: number }> {
  const started = performance.now();
  const response = await request();
  await response.clone().arrayBuffer();
  return { response, ms: performance.now() - started };
}

/** Strings that integrations and attackers actually send, besides arbitrary ones. */
const nasty = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '%',
  '%%',
  '%E0%A4%A',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '9'.repeat(400),
  'ä'.repeat(3000),
  '-1',
  '1e308',
  'NaN',
  'null',
  '[]',
  '{}',
  '0000-01-01',
  '9999-12-31',
  '2026-02-30',
  '2026-11-20',
  '2026-11',
  '__proto__',
  'constructor',
);
const anyText = fc.oneof(nasty, fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 30 }));

describe('ingest never throws out of a batch on arbitrary input', () => {
  const valid = completedEvent();
  it('dead-letters or decides arbitrary JSON as the event detail', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), anyText, async (detail, detailType) => {
        for (const body of [
          JSON.stringify({ ...valid, detail }),
          JSON.stringify({ ...valid, 'detail-type': detailType, detail }),
          JSON.stringify(detail),
        ]) {
          const result = await system.ingest(body);
          expect(['dead-lettered', 'decided', 'duplicate', 'cancelled']).toContain(result.status);
          if (result.status === 'dead-lettered') expect(result.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('dead-letters or decides a valid event with any one field replaced by anything', async () => {
    const fields = [
      'appointmentId',
      'organizationId',
      'unitId',
      'serviceCode',
      'contactType',
      'completedAt',
      'schemaVersion',
      'client',
    ];
    const clientFields = [
      'personRef',
      'mobilePhone',
      'language',
      'age',
      'smsConsent',
      'deceased',
      'securityBan',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields),
        fc.constantFrom(...clientFields),
        fc.oneof(fc.jsonValue({ maxDepth: 2 }), anyText),
        fc.boolean(),
        async (field, clientField, value, inClient) => {
          const event = completedEvent();
          const detail: Record<string, unknown> = inClient
            ? { ...event.detail, client: { ...event.detail.client, [clientField]: value } }
            : { ...event.detail, [field]: value };
          const result = await system.ingest(JSON.stringify({ ...event, detail }));
          expect(['dead-lettered', 'decided', 'duplicate']).toContain(result.status);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

/** What HTTP can carry in a header: visible ASCII, space and tab (Latin-1 beyond that is legal but rare). */
const headerSafe = (text: string) => text.replace(/[^\t\x20-\x7e\xa0-\xff]/g, '');
const contentTypes = fc.oneof(
  fc.constantFrom(
    'application/x-www-form-urlencoded',
    'application/x-www-form-urlencoded; charset=iso-8859-1',
    'multipart/form-data',
    'multipart/form-data; boundary=xyz',
    'application/json',
    'text/plain',
    'application/octet-stream',
    '',
    ';;;',
    'multipart/form-data; boundary=',
  ),
  anyText.map(headerSafe),
);
const headerValue = fc.oneof(nasty, fc.string({ maxLength: 40 })).map(headerSafe);
const extraHeaders = fc.dictionary(
  fc.constantFrom(
    'accept-language',
    'accept',
    'cookie',
    'origin',
    'referer',
    'sec-fetch-site',
    'x-forwarded-for',
    'user-agent',
    'accept-encoding',
    'if-match',
  ),
  headerValue,
  { maxKeys: 4 },
);
const formBody = fc.oneof(
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom('nps', 'comment', 'q1', 'lang', '_csrf', 'username', 'password'), anyText),
        anyText,
      ),
      {
        maxLength: 8,
      },
    )
    .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')),
  anyText,
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);

describe('the public pages never answer 500', () => {
  it('survey, opt-out, login and the accessibility statement, with any body, content type and headers', async () => {
    const paths = fc.oneof(
      fc.constantFrom(
        () => `/s/${openToken}`,
        () => `/s/${openToken}/opt-out`,
        () => '/s/AAAAAAAAAAAAAAAAAAAAAA',
        () => '/login',
        () => '/accessibility',
        () => '/reports/login',
      ),
      anyText.map((t) => () => `/s/${encodeURIComponent(t)}`),
    );
    await fc.assert(
      fc.asyncProperty(
        paths,
        fc.constantFrom('GET', 'POST', 'HEAD', 'PUT'),
        contentTypes,
        extraHeaders,
        formBody,
        anyText,
        async (path, method, contentType, headers, body, lang) => {
          const url = `${path()}?lang=${encodeURIComponent(lang)}`;
          const { response, ms } = await timed(() =>
            system.app.request(url, {
              method,
              headers: { ...headers, 'content-type': contentType, origin: headers.origin ?? BASE_URL },
              body: method === 'GET' || method === 'HEAD' ? undefined : body,
            }),
          );
          expect({ url, method, contentType, status: response.status }).not.toMatchObject({ status: 500 });
          expect(response.status).toBeLessThan(500);
          expect(ms).toBeLessThan(REQUEST_BUDGET_MS);
        },
      ),
      // A POST may use the open link (it stays answered); the property holds for answered links too.
      { numRuns: RUNS * 2 },
    );
  });
});

describe('admin and report query strings give 400 with paths, never 500, never a long request', () => {
  const endpoints = [
    ['/api/v1/reports/daily', REPORTS],
    ['/api/v1/reports/monthly', REPORTS],
    ['/api/v1/reports/comments', REPORTS],
    ['/api/v1/reports/platform', ADMIN],
    ['/api/v1/units', ADMIN],
    ['/api/v1/areas', ADMIN],
    ['/api/v1/organizations', ADMIN],
    ['/api/v1/question-sets', ADMIN],
    ['/api/v1/units/unit-tk-keskusta/history', ADMIN],
    ['/api/v1/organizations/org-pohde/history', ADMIN],
    ['/reports', ADMIN],
    ['/reports/units/unit-tk-keskusta', ADMIN],
  ] as const;
  const key = fc.oneof(
    fc.constantFrom(
      'unitId',
      'organizationId',
      'areaId',
      'from',
      'to',
      'month',
      'date',
      'limit',
      'cursor',
      'lang',
      'group',
      'unit',
    ),
    anyText,
  );
  const value = fc.oneof(
    anyText,
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 7)),
    fc.integer().map(String),
  );

  it('on every list, report and history endpoint', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...endpoints),
        fc.array(fc.tuple(key, value), { maxLength: 5 }),
        fc.constantFrom('application/json', 'text/csv', '*/*'),
        async ([path, auth], pairs, accept) => {
          const query = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
          const url = `${path}?${query}`;
          const { response, ms } = await timed(() =>
            system.app.request(url, { headers: { ...auth, accept } }),
          );
          expect({ url, status: response.status }).not.toMatchObject({ status: 500 });
          expect([200, 400, 404]).toContain(response.status);
          expect(ms).toBeLessThan(REQUEST_BUDGET_MS);
          if (response.status === 400 && path.startsWith('/api/')) {
            const body = (await response.json()) as { error: { details?: { path: string }[] } };
            expect(body.error.details?.length).toBeGreaterThan(0);
            for (const detail of body.error.details ?? []) expect(typeof detail.path).toBe('string');
          }
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });
});
