import { beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../shared/adapters/local/clock';
import { MemoryEventPublisher, MemoryLog } from '../../shared/adapters/local/memory';
import { questionIdsOf } from '../../shared/domain/aggregate';
import { csvColumns, type ReportRow } from '../../shared/domain/aggregatePublication';
import { createApp } from '../../shared/http/app';
import { bearerTokenAuthenticator } from '../../shared/http/auth';
import { REPORTS_COOKIE } from '../../shared/http/reports';
import type { SurveyStore } from '../../shared/ports';
import { DECISION_OUTCOMES } from '../../shared/schemas/records';
import { nightlyRunInstant, runNightlyAggregation } from '../../shared/services/aggregate';
import {
  MemoryAggregateStore,
  MemoryConfig,
  MemorySources,
  organization,
  unit,
} from '../support/aggregateFakes';

const ALL = { Authorization: 'Bearer reports-all-token' };
const ORG_A = { Authorization: 'Bearer reports-org-a-token' };
const ADMIN_ONLY = { Authorization: 'Bearer admin-only-token' };

async function build(reportsOptions: { publicBaseUrl?: string } = {}) {
  const config = new MemoryConfig(
    [
      organization('org-a', {
        // an organization's own statement (its configuration names it; the page shows its text)
        customStatements: [
          {
            id: 'parking',
            text: { fi: 'Pysäköinti oli helppoa.', sv: 'Det var lätt att parkera.', en: 'Parking was easy.' },
          },
        ],
      } as Partial<ReturnType<typeof organization>>),
      organization('org-b'),
    ],
    [
      unit('a1', 'org-a', {
        name: { fi: 'Keskustan terveysasema', sv: 'Centrums hälsostation', en: 'Central' },
      }),
      unit('a2', 'org-a'),
      unit('a3', 'org-a'),
      unit('b1', 'org-b'),
    ],
  );
  const sources = new MemorySources(4);
  const answer = (
    unitId: string,
    date: string,
    n: number,
    nps: (i: number) => number,
    comment?: (i: number) => string,
  ) => {
    for (let i = 0; i < n; i++) {
      sources.addVisit(unitId.startsWith('b') ? 'org-b' : 'org-a', unitId, date, 'SCHEDULED', 'SENT');
      sources.addAnswer(
        unitId.startsWith('b') ? 'org-b' : 'org-a',
        unitId,
        date,
        { nps: nps(i), smooth: (i % 5) + 1, caredFor: 4, ...(i === 0 ? { parking: 'na' as const } : {}) },
        comment
          ? {
              text: comment(i),
              language: i % 3 === 0 ? 'sv' : 'fi',
              answeredDate: i % 2 === 0 ? date : '2026-11-22',
            }
          : undefined,
      );
    }
    sources.addVisit('org-a', unitId, date, 'UNDER_AGE');
  };
  answer(
    'a1',
    '2026-11-18',
    5,
    () => 10,
    (i) => `a1 18 #${i}`,
  );
  answer(
    'a1',
    '2026-11-19',
    6,
    (i) => i,
    (i) => `a1 19 #${i}, "quoted"`,
  );
  answer(
    'a1',
    '2026-11-20',
    12,
    (i) => (i % 2 ? 9 : 6),
    (i) => `a1 20 #${i}`,
  );
  answer(
    'a2',
    '2026-11-20',
    2,
    () => 0,
    (i) => `SECRET a2 #${i}`,
  );
  answer(
    'a3',
    '2026-11-20',
    6,
    () => 8,
    (i) => `SECRET a3 #${i}`,
  );
  answer(
    'b1',
    '2026-11-20',
    9,
    () => 9,
    (i) => `b1 #${i}`,
  );

  const aggregates = new MemoryAggregateStore();
  await runNightlyAggregation(
    { config, sources, aggregates, events: new MemoryEventPublisher(() => new Date()), log: new MemoryLog() },
    { at: nightlyRunInstant('2026-11-20'), date: '2026-11-20' },
  );
  const clock = new VirtualClock();
  clock.set(new Date('2026-11-21T08:00:00+02:00'));
  const authenticate = bearerTokenAuthenticator([
    { token: 'reports-all-token', scopes: ['reports:read'] },
    { token: 'reports-org-a-token', scopes: ['reports:read'], organizationId: 'org-a' },
    { token: 'admin-only-token', scopes: ['admin'] },
  ]);
  const app = createApp({
    clock,
    config,
    surveys: {} as SurveyStore,
    aggregates,
    comments: sources,
    log: new MemoryLog(),
    authenticate,
    publicBaseUrl: reportsOptions.publicBaseUrl ?? 'http://localhost',
  });
  return { app, aggregates };
}

/** RFC 4180: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || record.length > 0) throw new Error('CSV does not end with CRLF');
  return records;
}

let app: Awaited<ReturnType<typeof build>>['app'];
beforeAll(async () => {
  ({ app } = await build());
});

const get = (path: string, headers: Record<string, string> = ALL) => app.request(path, { headers });
const DAILY_A = '/api/v1/reports/daily?organizationId=org-a&from=2026-11-18&to=2026-11-20';

describe('reporting API: auth and organization limits', () => {
  it.each([
    '/api/v1/reports/daily?unitId=a1&from=2026-11-01&to=2026-11-30',
    '/api/v1/reports/monthly?unitId=a1&from=2026-01&to=2026-12',
    '/api/v1/reports/comments?unitId=a1&from=2026-11-01&to=2026-11-30',
  ])('%s: 401 without a valid token, 403 without reports:read', async (path) => {
    const none = await app.request(path);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    expect((await get(path, { Authorization: 'Bearer wrong-token' })).status).toBe(401);
    const forbidden = await get(path, ADMIN_ONLY);
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  });

  it('a token limited to an organization sees nothing of another: 404, the same body as for nothing', async () => {
    for (const [other, missing] of [
      [
        '/api/v1/reports/daily?organizationId=org-b&from=2026-11-20&to=2026-11-20',
        '/api/v1/reports/daily?organizationId=org-nope&from=2026-11-20&to=2026-11-20',
      ],
      [
        '/api/v1/reports/daily?unitId=b1&from=2026-11-20&to=2026-11-20',
        '/api/v1/reports/daily?unitId=nope&from=2026-11-20&to=2026-11-20',
      ],
      [
        '/api/v1/reports/monthly?unitId=b1&from=2026-11&to=2026-11',
        '/api/v1/reports/monthly?unitId=nope&from=2026-11&to=2026-11',
      ],
      [
        '/api/v1/reports/monthly?organizationId=org-b&from=2026-11&to=2026-11',
        '/api/v1/reports/monthly?organizationId=org-nope&from=2026-11&to=2026-11',
      ],
      [
        '/api/v1/reports/comments?unitId=b1&from=2026-11-20&to=2026-11-20',
        '/api/v1/reports/comments?unitId=nope&from=2026-11-20&to=2026-11-20',
      ],
    ] as const) {
      const response = await get(other, ORG_A);
      const absent = await get(missing, ORG_A);
      expect(response.status, other).toBe(404);
      expect(absent.status, missing).toBe(404);
      const body = await response.text();
      expect(body, other).toBe(await absent.text());
      expect(body).not.toContain('b1');
    }
    expect((await get('/api/v1/reports/daily?unitId=a1&from=2026-11-20&to=2026-11-20', ORG_A)).status).toBe(
      200,
    );
  });

  it('without unitId or organizationId, a limited token gets its own organization', async () => {
    const response = await get('/api/v1/reports/daily?from=2026-11-20&to=2026-11-20', ORG_A);
    const { rows } = (await response.json()) as { rows: ReportRow[] };
    expect(new Set(rows.map((r) => r.organizationId))).toEqual(new Set(['org-a']));
    const unlimited = await get('/api/v1/reports/daily?from=2026-11-20&to=2026-11-20');
    expect(unlimited.status).toBe(400);
  });

  it('404 for a unit or organization that does not exist', async () => {
    expect((await get('/api/v1/reports/daily?unitId=nope&from=2026-11-20&to=2026-11-20')).status).toBe(404);
    expect((await get('/api/v1/reports/monthly?organizationId=nope&from=2026-11&to=2026-11')).status).toBe(
      404,
    );
  });
});

describe('reporting API: validation', () => {
  const details = async (path: string) => {
    const response = await get(path);
    expect(response.status, path).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; details: { path: string; message: string }[] };
    };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    return body.error.details.map((d) => d.path);
  };

  it('names the field that is wrong', async () => {
    expect(await details('/api/v1/reports/daily?unitId=a1&from=2026-13-01&to=2026-12-01')).toEqual(['from']);
    expect(await details('/api/v1/reports/daily?unitId=a1&from=2026-11-01')).toEqual(['to']);
    expect(await details('/api/v1/reports/daily?unitId=a1&from=2026-11-02&to=2026-11-01')).toEqual(['to']);
    expect(await details('/api/v1/reports/daily?unitId=a1&from=2024-01-01&to=2025-01-01')).toEqual(['to']);
    expect(
      await details('/api/v1/reports/daily?unitId=a1&organizationId=org-a&from=2026-11-01&to=2026-11-02'),
    ).toEqual(['organizationId']);
    expect(await details('/api/v1/reports/daily?unitId=bad%20id&from=2026-11-01&to=2026-11-02')).toEqual([
      'unitId',
    ]);
    expect(await details('/api/v1/reports/monthly?unitId=a1&from=2026-1&to=2026-02')).toEqual(['from']);
    expect(await details('/api/v1/reports/monthly?unitId=a1&from=2024-01&to=2027-01')).toEqual(['to']);
    expect(await details('/api/v1/reports/comments?unitId=a1&from=2026-11-01&to=2026-11-30&limit=0')).toEqual(
      ['limit'],
    );
    expect(
      await details('/api/v1/reports/comments?unitId=a1&from=2026-11-01&to=2026-11-30&cursor=xyz'),
    ).toEqual(['cursor']);
    expect(await details('/api/v1/reports/comments?from=2026-11-01&to=2026-11-30')).toEqual(['unitId']);
  });

  it('says what is wrong with a range, the same way for daily, monthly and comments', async () => {
    const messages = async (path: string) => {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      return ((await response.json()) as { error: { details: { path: string; message: string }[] } }).error
        .details;
    };
    const backwards = [{ path: 'to', message: 'must not be before from' }];
    expect(await messages('/api/v1/reports/daily?unitId=a1&from=2026-11-02&to=2026-11-01')).toEqual(
      backwards,
    );
    expect(await messages('/api/v1/reports/monthly?unitId=a1&from=2026-11&to=2026-10')).toEqual(backwards);
    expect(await messages('/api/v1/reports/comments?unitId=a1&from=2026-11-02&to=2026-11-01')).toEqual(
      backwards,
    );
    expect(
      await messages('/api/v1/reports/daily?organizationId=org-a&from=2024-01-01&to=2025-01-01'),
    ).toEqual([{ path: 'to', message: 'at most 366 days per request' }]);
    expect(await messages('/api/v1/reports/comments?unitId=a1&from=2024-01-01&to=2025-01-01')).toEqual([
      { path: 'to', message: 'at most 366 days per request' },
    ]);
    expect(await messages('/api/v1/reports/monthly?organizationId=org-a&from=2024-01&to=2027-01')).toEqual([
      { path: 'to', message: 'at most 36 months per request' },
    ]);
    // the scope first, then the range; a malformed end skips the range checks
    expect(
      await messages('/api/v1/reports/monthly?unitId=a1&organizationId=org-a&from=2026-11&to=2026-10'),
    ).toEqual([
      { path: 'organizationId', message: 'give one of unitId, areaId or organizationId, not more' },
      ...backwards,
    ]);
    expect(await messages('/api/v1/reports/daily?unitId=a1&from=2026-11-02&to=nope')).toEqual([
      { path: 'to', message: 'expected a date YYYY-MM-DD' },
    ]);
  });

  it('accepts exactly 366 days and 36 months', async () => {
    expect((await get('/api/v1/reports/daily?unitId=a1&from=2024-01-01&to=2024-12-31')).status).toBe(200);
    expect((await get('/api/v1/reports/monthly?unitId=a1&from=2024-01&to=2026-12')).status).toBe(200);
  });
});

describe('reporting API: rows', () => {
  it('an organization request gives one row per unit and day plus the organization row (unitId "*")', async () => {
    const response = await get(DAILY_A);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { rows } = (await response.json()) as { rows: ReportRow[] };
    expect(rows.map((r) => `${r.date} ${r.unitId}`)).toEqual([
      '2026-11-18 *',
      '2026-11-18 a1',
      '2026-11-19 *',
      '2026-11-19 a1',
      '2026-11-20 *',
      '2026-11-20 a1',
      '2026-11-20 a2',
      '2026-11-20 a3',
    ]);
    const row = (date: string, unitId: string) => rows.find((r) => r.date === date && r.unitId === unitId);
    expect(row('2026-11-20', 'a2')).toMatchObject({
      suppressed: true,
      suppressionReason: 'minReportN',
      nps: null,
      npsCounts: null,
      questions: null,
      responses: 2,
      funnel: { received: 3, sent: 2, decisions: { SCHEDULED: 2, UNDER_AGE: 1 } },
    });
    expect(row('2026-11-20', 'a3')).toMatchObject({ suppressed: true, suppressionReason: 'complementary' });
    // a1 on 20.11.: nps alternates 6 and 9 → 6 promoters, 6 detractors → 0
    expect(row('2026-11-20', 'a1')).toMatchObject({
      suppressed: false,
      nps: 0,
      responses: 12,
      responseRate: 1,
    });
    expect(row('2026-11-20', '*')).toMatchObject({ suppressed: false, responses: 20 });
    expect(Object.keys(row('2026-11-20', 'a1')?.questions ?? {})).toEqual([
      'helpInTime',
      'caredFor',
      'participation',
      'safety',
      'continuity',
      'information',
      'useful',
      'smooth',
      'respect',
      'parking',
    ]);
  });

  it('monthly rows are marked with the month', async () => {
    const response = await get('/api/v1/reports/monthly?organizationId=org-a&from=2026-10&to=2026-11');
    const { rows } = (await response.json()) as { rows: ReportRow[] };
    expect(rows.map((r) => `${r.date} ${r.unitId} ${r.suppressed}`)).toEqual([
      '2026-11 * false',
      '2026-11 a1 false',
      '2026-11 a2 true',
      '2026-11 a3 true',
    ]);
    expect(rows[1]?.responses).toBe(23);
  });

  it('CSV: UTF-8, a header row, one row per unit and period, and it parses back to the JSON figures', async () => {
    const json = ((await (await get(DAILY_A)).json()) as { rows: ReportRow[] }).rows;
    const response = await get(DAILY_A, { ...ALL, Accept: 'text/csv' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toContain(
      'attachment; filename="palaute-daily-org-a-',
    );
    const [header, ...records] = parseCsv(await response.text());
    const ids = questionIdsOf(json);
    expect(header).toEqual(csvColumns(ids));
    expect(header?.slice(0, 11)).toEqual([
      'date',
      'organizationId',
      'unitId',
      'areaId',
      'channel',
      'respondent',
      'suppressed',
      'suppressionReason',
      'received',
      `decisions.${DECISION_OUTCOMES[0]}`,
      `decisions.${DECISION_OUTCOMES[1]}`,
    ]);
    expect(records).toHaveLength(json.length);
    records.forEach((record, i) => {
      const row = json[i] as ReportRow;
      const value = (column: string) => record[(header as string[]).indexOf(column)];
      expect(value('date')).toBe(row.date);
      expect(value('unitId')).toBe(row.unitId);
      expect(value('suppressed')).toBe(String(row.suppressed));
      expect(Number(value('received'))).toBe(row.funnel.received);
      expect(Number(value('decisions.UNDER_AGE'))).toBe(row.funnel.decisions.UNDER_AGE);
      expect(Number(value('responses'))).toBe(row.responses);
      expect(value('responseRate')).toBe(row.responseRate === null ? '' : String(row.responseRate));
      expect(value('nps')).toBe(row.nps === null ? '' : String(row.nps));
      expect(value('promoters')).toBe(row.npsCounts ? String(row.npsCounts.promoters) : '');
      expect(value('smooth.mean')).toBe(
        row.questions?.smooth?.mean == null ? '' : String(row.questions.smooth.mean),
      );
      expect(value('smooth.3')).toBe(row.questions ? String(row.questions.smooth?.distribution['3']) : '');
      expect(value('parking.na')).toBe(
        row.questions ? String(row.questions.parking?.distribution.na ?? '') : '',
      );
    });
  });
});

describe('comments', () => {
  type Page = {
    comments: { date: string; unitId: string; language: string; nps: number | null; comment: string }[];
    nextCursor: string | null;
  };
  const commentsOf = async (query: string, headers = ALL) =>
    (await (await get(`/api/v1/reports/comments?${query}`, headers)).json()) as Page;

  it('newest first, with date, unit, language and the NPS given; never from a suppressed cell', async () => {
    const { comments, nextCursor } = await commentsOf('unitId=a1&from=2026-11-01&to=2026-11-30&limit=200');
    expect(nextCursor).toBeNull();
    expect(comments).toHaveLength(23);
    expect(comments.map((c) => c.date)).toEqual([...comments.map((c) => c.date)].sort().reverse());
    expect(comments[0]).toEqual({
      date: '2026-11-20',
      unitId: 'a1',
      language: expect.any(String),
      nps: expect.any(Number),
      comment: expect.stringMatching(/^a1 20 #/),
    });
    // within a visit date, answers given later come first
    const first20 = comments.filter((c) => c.date === '2026-11-20');
    expect(first20.slice(0, 6).every((c) => Number(c.comment.split('#')[1]) % 2 === 1)).toBe(true);
    expect(comments.find((c) => c.comment === 'a1 19 #3, "quoted"')).toMatchObject({
      nps: 3,
      language: 'sv',
    });
    for (const unitId of ['a2', 'a3']) {
      const hidden = await commentsOf(`unitId=${unitId}&from=2026-11-01&to=2026-11-30`);
      expect(hidden.comments).toEqual([]);
    }
  });

  it('pages with a cursor, without gaps or repeats', async () => {
    const all = (await commentsOf('unitId=a1&from=2026-11-01&to=2026-11-30&limit=200')).comments;
    const seen: Page['comments'] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await commentsOf(
        `unitId=a1&from=2026-11-01&to=2026-11-30&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.comments.length).toBeLessThanOrEqual(4);
      seen.push(...page.comments);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(6);
    expect(seen).toEqual(all);
  });

  it('respects the date range', async () => {
    const { comments } = await commentsOf('unitId=a1&from=2026-11-19&to=2026-11-19');
    expect(comments).toHaveLength(6);
    expect(comments.every((c) => c.date === '2026-11-19')).toBe(true);
  });
});

describe('the report page', () => {
  it('asks to sign in without credentials', async () => {
    const response = await app.request('/reports/units/a1');
    expect(response.status).toBe(401);
    const html = await response.text();
    expect(html).toContain('<form method="post" action="/reports/login?lang=fi"');
    expect(html).toContain('type="password"');
  });

  it('renders charts with their tables in Finnish, marks suppressed cells, and has no inline style or script', async () => {
    const response = await app.request('/reports/units/a3', { headers: ALL });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<html lang="fi">');
    expect(html).toContain('Viimeiset 30 päivää');
    expect(html).toContain('12 kuukautta');
    expect((html.match(/<svg class="chart"/g) ?? []).length).toBe(6);
    // Each chart's table, and the table of the last twelve months by channel and respondent.
    expect((html.match(/<table>/g) ?? []).length).toBe(7);
    expect(html).toContain('suojattu, jotta pienen yksikön');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).toContain('<link rel="stylesheet" href="/reports/report.css"/>');
  });

  it.each([
    {
      lang: 'fi',
      period: 'Ajanjakso: 22.10.–20.11.2026.',
      day: '<th scope="row">2.11.</th>',
      month: '<th scope="row">joulu 2025</th>',
      mean: '<td>2,78</td>',
      meanWithN: '<td>2,78 (n 23)</td>',
      negative: '<td>−4</td>',
      percent: '<td>100\u00a0%</td>',
      wrong: /<td>-?\d+\.\d+|<td>-\d/,
    },
    {
      lang: 'sv',
      period: 'Period: 22.10–20.11.2026.',
      day: '<th scope="row">2.11</th>',
      month: '<th scope="row">dec. 2025</th>',
      mean: '<td>2,78</td>',
      meanWithN: '<td>2,78 (n 23)</td>',
      negative: '<td>−4</td>',
      percent: '<td>100\u00a0%</td>',
      wrong: /<td>-?\d+\.\d+|<td>-\d/,
    },
    {
      lang: 'en',
      period: 'Period: 22/10/2026\u2009–\u200920/11/2026.',
      day: '<th scope="row">02/11</th>',
      month: '<th scope="row">Dec 2025</th>',
      mean: '<td>2.78</td>',
      meanWithN: '<td>2.78 (n 23)</td>',
      negative: '<td>-4</td>',
      percent: '<td>100%</td>',
      wrong: /<td>-?\d+,\d+|<td>−\d/,
    },
  ])('writes dates, periods and numbers the $lang way (Intl)', async (expected) => {
    const html = await (
      await app.request(`/reports/units/a1?lang=${expected.lang}`, { headers: ALL })
    ).text();
    expect(html).toContain(expected.period);
    expect(html).toContain(expected.day);
    expect(html).toContain(expected.month);
    expect(html).toContain(expected.mean);
    expect(html).toContain(expected.meanWithN);
    expect(html).toContain(expected.negative);
    expect(html).toContain(expected.percent);
    // one decimal separator and one minus sign throughout the page's tables
    expect(html).not.toMatch(expected.wrong);
  });

  it('shows published figures of a unit, in Swedish on request', async () => {
    const response = await app.request('/reports/units/a1?lang=sv', { headers: ALL });
    const html = await response.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('Centrums hälsostation');
    expect(html).toContain('De senaste 30 dagarna');
    expect(html).toContain('Ärendet sköttes smidigt.');
  });

  it('a limited token gets the same 404 page for another organization’s unit as for no unit', async () => {
    const other = await app.request('/reports/units/b1?lang=en', { headers: ORG_A });
    const missing = await app.request('/reports/units/nope?lang=en', { headers: ORG_A });
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await other.text()).toBe(await missing.text());
  });

  it('signs in with a form into an HttpOnly SameSite=Strict cookie, and out again', async () => {
    const bad = await app.request('/reports/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: 'token=admin-only-token',
    });
    expect(bad.status).toBe(401);
    const login = await app.request('/reports/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: 'token=reports-org-a-token',
    });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^${REPORTS_COOKIE}=reports-org-a-token;`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/reports');
    const pair = cookie.split(';')[0] as string;
    const index = await app.request('/reports', { headers: { cookie: pair } });
    expect(index.status).toBe(200);
    const html = await index.text();
    expect(html).toContain('/reports/units/a1');
    expect(html).not.toContain('/reports/units/b1');
    expect((await app.request('/reports/units/a1', { headers: { cookie: pair } })).status).toBe(200);
    // the cookie is for the page only, not the API
    expect((await app.request(DAILY_A, { headers: { cookie: pair } })).status).toBe(401);
    const logout = await app.request('/reports/logout', {
      method: 'POST',
      headers: {
        cookie: pair,
        origin: 'http://localhost',
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
    expect(logout.status).toBe(303);
    expect(logout.headers.get('set-cookie')).toMatch(new RegExp(`^${REPORTS_COOKIE}=;.*Max-Age=0`));
  });

  it('marks the cookie Secure when the client came over HTTPS, also through a proxy', async () => {
    const login = await app.request('/reports/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost',
        'x-forwarded-proto': 'https',
      },
      body: 'token=reports-org-a-token',
    });
    expect(login.status).toBe(303);
    expect(login.headers.get('set-cookie')).toContain('Secure');
    const plain = await app.request('/reports/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: 'token=reports-org-a-token',
    });
    expect(plain.headers.get('set-cookie')).not.toContain('Secure');
  });

  it('accepts our own form from a browser that sends Origin: null under Referrer-Policy: no-referrer', async () => {
    const variants: Record<string, string>[] = [
      { 'sec-fetch-site': 'same-origin', origin: 'null' },
      { origin: 'null' },
    ];
    for (const headers of variants) {
      const login = await app.request('/reports/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: 'token=reports-org-a-token',
      });
      expect(login.status).toBe(303);
    }
  });

  it('labels an organization’s own statements with their text', async () => {
    const html = await (await app.request('/reports/units/a1', { headers: ALL })).text();
    expect(html).toContain('Pysäköinti oli helppoa.');
  });

  it('labels the national statements of every set with their text, not their id', async () => {
    const html = await (await app.request('/reports/units/a1', { headers: ALL })).text();
    expect(html).toContain('Asiointi oli sujuvaa.'); // thl-core-v1
    expect(html).toContain('Minulle jäi tunne, että minusta välitettiin kokonaisvaltaisesti.'); // thl-national-v2
  });

  it('refuses a sign-in posted from another site', async () => {
    const fetchSite = await app.request('/reports/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      body: 'token=reports-org-a-token',
    });
    expect(fetchSite.status).toBe(403);
    const response = await app.request('/reports/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'token=reports-org-a-token',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('serves its stylesheet from the same origin', async () => {
    const response = await app.request('/reports/report.css');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/css');
  });
});

describe('the report page under the base path of PUBLIC_BASE_URL (an API Gateway stage)', () => {
  const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
  let staged: Awaited<ReturnType<typeof build>>['app'];
  beforeAll(async () => {
    ({ app: staged } = await build({ publicBaseUrl: 'https://palaute.example.fi/live/' }));
  });

  it('links, forms and the stylesheet carry the base path', async () => {
    const login = await (await staged.request('/reports/units/a1')).text();
    expect(login).toContain('<form method="post" action="/live/reports/login?lang=fi"');
    expect(login).toContain('<link rel="stylesheet" href="/live/reports/report.css"/>');
    expect(login).toContain('href="/live/reports?lang=fi"');
    expect(login).toContain('href="/live/reports?lang=sv"');
    expect(login).not.toMatch(/(href|action)="\/reports/);

    const index = await (await staged.request('/reports?lang=en', { headers: ALL })).text();
    expect(index).toContain('href="/live/reports/units/a1?lang=en"');
    expect(index).toContain('action="/live/reports/logout?lang=en"');
    expect(index).not.toMatch(/(href|action)="\/reports/);

    const unit = await (await staged.request('/reports/units/a1', { headers: ALL })).text();
    expect(unit).toContain('href="/live/reports/units/a1?lang=sv"');
    expect(unit).not.toMatch(/(href|action)="\/reports/);
  });

  it('signs in from the public origin: cookie path and redirects under the base path, Secure over HTTPS', async () => {
    // The function is reached over HTTP from API Gateway, which reports the client's HTTPS.
    const login = await staged.request('/reports/login?lang=sv', {
      method: 'POST',
      headers: { ...FORM, origin: 'https://palaute.example.fi', 'x-forwarded-proto': 'https' },
      body: 'token=reports-org-a-token',
    });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/live/reports?lang=sv');
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('Path=/live/reports;');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('HttpOnly');

    const logout = await staged.request('/reports/logout', {
      method: 'POST',
      headers: { ...FORM, cookie: cookie.split(';')[0] as string, origin: 'https://palaute.example.fi' },
    });
    expect(logout.status).toBe(303);
    expect(logout.headers.get('location')).toBe('/live/reports?lang=fi');
    expect(logout.headers.get('set-cookie')).toMatch(
      /Max-Age=0.*Path=\/live\/reports|Path=\/live\/reports.*Max-Age=0/,
    );
  });

  it('no Secure flag when the client came over plain HTTP', async () => {
    const login = await staged.request('/reports/login', {
      method: 'POST',
      headers: { ...FORM, origin: 'https://palaute.example.fi', 'x-forwarded-proto': 'http' },
      body: 'token=reports-org-a-token',
    });
    expect(login.status).toBe(303);
    expect(login.headers.get('set-cookie')).not.toContain('Secure');
  });

  it('still refuses sign-in and sign-out posted from another site', async () => {
    for (const path of ['/reports/login', '/reports/logout']) {
      const variants: Record<string, string>[] = [
        { origin: 'https://evil.example' },
        { 'sec-fetch-site': 'same-site' },
      ];
      for (const headers of variants) {
        const response = await staged.request(path, {
          method: 'POST',
          headers: { ...FORM, ...headers },
          body: 'token=reports-org-a-token',
        });
        expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
        expect(response.headers.get('set-cookie')).toBeNull();
      }
    }
  });
});
