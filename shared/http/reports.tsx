/** @jsxImportSource hono/jsx */
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import {
  CORE_STATEMENT_IDS,
  DISTRIBUTION_KEYS,
  type Distribution,
  emptyDistribution,
  monthOf,
  type ReportRow,
  statementStats,
  toCsv,
} from '../domain/aggregate';
import { findQuestionSet } from '../domain/questionSets';
import { addLocalDays, localDateOf } from '../domain/sendTime';
import type { AggregateStore, Clock, CommentSource, ConfigStore } from '../ports';
import { configIdSchema, DEFAULT_MIN_REPORT_N, DEFAULT_TIME_ZONE, type Language } from '../schemas/config';
import {
  type CommentPosition,
  commentsPage,
  dailyRows,
  monthlyRows,
  type ReportScope,
} from '../services/aggregate';
import {
  type Authenticator,
  type AuthVariables,
  assertOrganizationAccess,
  type Principal,
  requireScope,
} from './auth';
import { ApiError, parseOrThrow } from './errors';
import { cameOverHttps, isCrossSiteRequest, originOf } from './security';
import { basePathOf } from './survey/layout';

export interface ReportsDeps {
  clock: Clock;
  config: ConfigStore;
  aggregates: AggregateStore;
  comments: CommentSource;
  authenticate: Authenticator;
  /**
   * `PUBLIC_BASE_URL`: its path (e.g. the API Gateway stage, `/live`) prefixes the page's links,
   * redirects and cookie path, and its origin is accepted for the sign-in form. Default `''` (root).
   */
  publicBaseUrl?: string;
}

/** At most this many days per daily request (a leap year), and months per monthly request. */
export const MAX_DAILY_DAYS = 366;
export const MAX_MONTHS = 24;
export const DEFAULT_COMMENT_LIMIT = 50;
export const MAX_COMMENT_LIMIT = 200;

// ---------------------------------------------------------------------------------------------------
// Request validation

const dateField = z.iso.date({ error: 'expected a date YYYY-MM-DD' });
const monthField = z
  .string({ error: 'expected a month YYYY-MM' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month YYYY-MM');

const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** What a `from`–`to` query ranges over: its format, how long a range is, and the most one may ask. */
interface RangeKind {
  field: z.ZodType<string>;
  length: (from: string, to: string) => number;
  max: number;
  unit: 'days' | 'months';
}

const DAYS: RangeKind = {
  field: dateField,
  length: (from, to) => daysBetween(from, to) + 1,
  max: MAX_DAILY_DAYS,
  unit: 'days',
};
const MONTHS: RangeKind = {
  field: monthField,
  length: (from, to) => monthIndex(to) - monthIndex(from) + 1,
  max: MAX_MONTHS,
  unit: 'months',
};

type QueryCheck = (q: Record<string, unknown>, ctx: z.RefinementCtx) => void;

/**
 * A query with `from` and `to` (between the fields `before` and `after`): `to` not before `from` and
 * the range at most `range.max` long, both reported on `to`. `check` runs first (e.g. the scope).
 */
function rangeQuery<Before extends z.ZodRawShape, After extends z.ZodRawShape>(
  range: RangeKind,
  before: Before,
  after: After,
  check?: QueryCheck,
) {
  return z.object({ ...before, from: range.field, to: range.field, ...after }).superRefine((query, ctx) => {
    const q = query as Record<string, unknown>;
    check?.(q, ctx);
    // Range checks only when both ends are valid (zod runs refinements even after a field failed).
    const from = range.field.safeParse(q.from);
    const to = range.field.safeParse(q.to);
    if (!from.success || !to.success) return;
    if (to.data < from.data) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    } else if (range.length(from.data, to.data) > range.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `at most ${range.max} ${range.unit} per request`,
      });
    }
  });
}

const scopeFields = {
  unitId: configIdSchema.optional(),
  organizationId: configIdSchema.optional(),
};

const onlyOneScope: QueryCheck = (q, ctx) => {
  if (q.unitId !== undefined && q.organizationId !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['organizationId'],
      message: 'give unitId or organizationId, not both',
    });
  }
};

/** `unitId` or `organizationId` (or neither: the token's own organization) and a range. */
const scopedRangeQuery = (range: RangeKind) => rangeQuery(range, scopeFields, {}, onlyOneScope);

const dailyQuerySchema = scopedRangeQuery(DAYS);
const monthlyQuerySchema = scopedRangeQuery(MONTHS);
const commentsQuerySchema = rangeQuery(
  DAYS,
  { unitId: configIdSchema },
  {
    limit: z.coerce.number().int().min(1).max(MAX_COMMENT_LIMIT).default(DEFAULT_COMMENT_LIMIT),
    cursor: z.string().max(500).optional(),
  },
);

const cursorSchema = z.tuple([z.iso.date(), z.iso.date(), z.string().min(1).max(100)]);

export function encodeCursor(position: CommentPosition): string {
  return Buffer.from(JSON.stringify([position.date, position.answeredDate, position.answerId])).toString(
    'base64url',
  );
}

function decodeCursor(cursor: string): CommentPosition {
  try {
    const [date, answeredDate, answerId] = cursorSchema.parse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')),
    );
    return { date, answeredDate, answerId };
  } catch {
    throw new ApiError(400, 'VALIDATION_FAILED', 'The request is not valid; see details for each field.', [
      { path: 'cursor', message: 'not a cursor this API gave out' },
    ]);
  }
}

/** Resolves and checks what a request may see: a unit (its organization), or a whole organization. */
async function resolveScope(
  deps: ReportsDeps,
  principal: Principal,
  query: { unitId?: string; organizationId?: string },
): Promise<ReportScope> {
  if (query.unitId !== undefined) {
    const unit = await deps.config.getUnit(query.unitId);
    if (!unit) throw new ApiError(404, 'NOT_FOUND', `No unit ${query.unitId}.`);
    assertOrganizationAccess(principal, unit.organizationId);
    return { organizationId: unit.organizationId, unitId: unit.unitId };
  }
  const organizationId = query.organizationId ?? principal.organizationId;
  if (organizationId === undefined) {
    throw new ApiError(400, 'VALIDATION_FAILED', 'The request is not valid; see details for each field.', [
      { path: 'unitId', message: 'give unitId or organizationId' },
      { path: 'organizationId', message: 'give unitId or organizationId' },
    ]);
  }
  assertOrganizationAccess(principal, organizationId);
  if (!(await deps.config.getOrganization(organizationId))) {
    throw new ApiError(404, 'NOT_FOUND', `No organization ${organizationId}.`);
  }
  return { organizationId };
}

const wantsCsv = (c: Context) => /\btext\/csv\b/i.test(c.req.header('accept') ?? '');

function respondRows(c: Context, rows: ReportRow[], name: string) {
  c.header('Cache-Control', 'no-store');
  if (wantsCsv(c)) {
    c.header('Content-Disposition', `attachment; filename="${name}.csv"`);
    return c.body(toCsv(rows), 200, { 'Content-Type': 'text/csv; charset=utf-8; header=present' });
  }
  return c.json({ rows });
}

/**
 * The reporting API, mounted at `/api/v1/reports`: `daily`, `monthly` (JSON, or CSV with
 * `Accept: text/csv`) and `comments`. Scope `reports:read`; a token limited to an organization sees
 * only that organization.
 */
export function reportsApi(deps: ReportsDeps) {
  const app = new Hono<{ Variables: AuthVariables }>();
  const readReports = requireScope(deps.authenticate, 'reports:read');

  /** `daily` and `monthly`: validate, resolve the scope, read, answer JSON or CSV. */
  const rowsHandler =
    (
      name: 'daily' | 'monthly',
      schema: ReturnType<typeof scopedRangeQuery>,
      read: (deps: ReportsDeps, scope: ReportScope, from: string, to: string) => Promise<ReportRow[]>,
    ) =>
    async (c: Context<{ Variables: AuthVariables }>) => {
      const query = parseOrThrow(schema, c.req.query());
      const scope = await resolveScope(deps, c.get('principal'), query);
      const rows = await read(deps, scope, query.from, query.to);
      return respondRows(
        c,
        rows,
        `palaute-${name}-${scope.unitId ?? scope.organizationId}-${query.from}-${query.to}`,
      );
    };

  app.get('/daily', readReports, rowsHandler('daily', dailyQuerySchema, dailyRows));
  app.get('/monthly', readReports, rowsHandler('monthly', monthlyQuerySchema, monthlyRows));

  app.get('/comments', readReports, async (c) => {
    const query = parseOrThrow(commentsQuerySchema, c.req.query());
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const scope = await resolveScope(deps, c.get('principal'), { unitId: query.unitId });
    const page = await commentsPage(deps, {
      organizationId: scope.organizationId,
      unitId: query.unitId,
      from: query.from,
      to: query.to,
      limit: query.limit,
      after,
    });
    c.header('Cache-Control', 'no-store');
    return c.json({ comments: page.comments, nextCursor: page.next ? encodeCursor(page.next) : null });
  });

  // A plain Hono app, as `createApp`'s `mounts` takes.
  return new Hono().route('/', app);
}

// ---------------------------------------------------------------------------------------------------
// The report page for people

export const REPORTS_COOKIE = 'palaute_reports';
const COOKIE_MAX_AGE_SECONDS = 8 * 60 * 60;

/** Presents the token of the login cookie to the authenticator as if it came as a bearer header. */
function withBearer(c: Context, token: string): Context {
  const req = new Proxy(c.req, {
    get(target, property) {
      if (property === 'header') {
        return (name?: string) => {
          if (name === undefined) return { ...target.header(), authorization: `Bearer ${token}` };
          return name.toLowerCase() === 'authorization' ? `Bearer ${token}` : target.header(name);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return new Proxy(c, {
    get(target, property) {
      if (property === 'req') return req;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The page accepts the bearer header, or the HttpOnly cookie that its login form sets. */
async function pagePrincipal(deps: ReportsDeps, c: Context): Promise<Principal | undefined> {
  const fromHeader = await deps.authenticate(c);
  if (fromHeader) return fromHeader;
  const token = getCookie(c, REPORTS_COOKIE);
  if (!token || !/^[\x21-\x7e]{1,512}$/.test(token)) return undefined;
  return deps.authenticate(withBearer(c, token));
}

const LOCALE: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

const TEXT = {
  fi: {
    title: 'Asiakaspalaute – raportit',
    login: 'Kirjaudu raportteihin',
    loginHelp:
      'Anna raporttien lukemiseen oikeuttava tunniste (reports:read). Se tallennetaan evästeeseen tälle selaimelle 8 tunniksi.',
    token: 'Tunniste',
    signIn: 'Kirjaudu',
    badToken: 'Tunniste ei kelpaa raporttien lukemiseen.',
    logout: 'Kirjaudu ulos',
    units: 'Yksiköt',
    noUnits: 'Ei yksiköitä.',
    notFound: 'Yksikköä ei löytynyt.',
    forbidden: 'Tällä tunnisteella ei näe tämän organisaation raportteja.',
    crossSite: 'Lomake lähetettiin toiselta sivustolta; pyyntöä ei käsitelty.',
    days30: 'Viimeiset 30 päivää',
    months12: '12 kuukautta',
    nps: 'Suositteluindeksi (NPS)',
    npsDaily: 'Suositteluindeksi (NPS) päivittäin',
    npsMonthly: 'Suositteluindeksi (NPS) kuukausittain',
    rate: 'Vastausaste',
    rateDaily: 'Vastausaste päivittäin (vastaukset / lähetetyt)',
    rateMonthly: 'Vastausaste kuukausittain (vastaukset / lähetetyt)',
    means30: 'Väittämien keskiarvot (1–5), päivät joiden luvut julkaistaan',
    meansMonthly: 'Väittämien keskiarvot (1–5) kuukausittain',
    table: 'Taulukko',
    date: 'Päivä',
    month: 'Kuukausi',
    statement: 'Väittämä',
    mean: 'Keskiarvo',
    n: 'Vastauksia',
    received: 'Käyntejä',
    sent: 'Lähetetty',
    responses: 'Vastauksia',
    suppressed: 'suojattu',
    suppressedMarker: '□ = luvut suojattu (syy taulukossa)',
    suppressedSmall: 'suojattu: alle {n} vastausta',
    suppressedComplement: 'suojattu, jotta pienen yksikön tai päivän luvut eivät olisi laskettavissa',
    noData: 'ei tietoja',
    noneShown: 'Ei julkaistavia lukuja tältä ajalta.',
    about:
      'Luvut lasketaan öisin käynnin päivän mukaan; myöhässä tulevat vastaukset päivittävät päivää vielä linkin voimassaoloajan. Solu, jossa on alle {n} vastausta, näyttää vain määrät (suojattu). Joskus myös suurempi solu suojataan, jotta pienen luvut eivät olisi laskettavissa vähentämällä.',
    period: 'Ajanjakso',
    organization: 'Organisaatio',
    languages: 'Kieli',
  },
  sv: {
    title: 'Kundrespons – rapporter',
    login: 'Logga in till rapporterna',
    loginHelp:
      'Ange en nyckel med rätt att läsa rapporter (reports:read). Den sparas i en kaka i den här webbläsaren i 8 timmar.',
    token: 'Nyckel',
    signIn: 'Logga in',
    badToken: 'Nyckeln ger inte rätt att läsa rapporter.',
    logout: 'Logga ut',
    units: 'Enheter',
    noUnits: 'Inga enheter.',
    notFound: 'Enheten hittades inte.',
    forbidden: 'Den här nyckeln ger inte rätt att se organisationens rapporter.',
    crossSite: 'Formuläret skickades från en annan webbplats; begäran behandlades inte.',
    days30: 'De senaste 30 dagarna',
    months12: '12 månader',
    nps: 'Rekommendationsindex (NPS)',
    npsDaily: 'Rekommendationsindex (NPS) per dag',
    npsMonthly: 'Rekommendationsindex (NPS) per månad',
    rate: 'Svarsfrekvens',
    rateDaily: 'Svarsfrekvens per dag (svar / skickade)',
    rateMonthly: 'Svarsfrekvens per månad (svar / skickade)',
    means30: 'Medelvärden för påståendena (1–5), dagar med publicerade siffror',
    meansMonthly: 'Medelvärden för påståendena (1–5) per månad',
    table: 'Tabell',
    date: 'Dag',
    month: 'Månad',
    statement: 'Påstående',
    mean: 'Medelvärde',
    n: 'Svar',
    received: 'Besök',
    sent: 'Skickade',
    responses: 'Svar',
    suppressed: 'skyddad',
    suppressedMarker: '□ = siffrorna skyddade (orsaken i tabellen)',
    suppressedSmall: 'skyddad: färre än {n} svar',
    suppressedComplement: 'skyddad så att en liten enhets eller dags siffror inte kan räknas ut',
    noData: 'inga uppgifter',
    noneShown: 'Inga publicerbara siffror för perioden.',
    about:
      'Siffrorna räknas varje natt enligt besöksdagen; sena svar uppdaterar dagen så länge länken gäller. En cell med färre än {n} svar visar bara antal (skyddad). Ibland skyddas även en större cell så att en liten cells siffror inte kan räknas ut genom subtraktion.',
    period: 'Period',
    organization: 'Organisation',
    languages: 'Språk',
  },
  en: {
    title: 'Customer feedback – reports',
    login: 'Sign in to the reports',
    loginHelp:
      'Enter a token that may read reports (reports:read). It is kept in a cookie in this browser for 8 hours.',
    token: 'Token',
    signIn: 'Sign in',
    badToken: 'This token may not read reports.',
    logout: 'Sign out',
    units: 'Units',
    noUnits: 'No units.',
    notFound: 'Unit not found.',
    forbidden: 'This token may not see the reports of this organization.',
    crossSite: 'The form was sent from another site; the request was not handled.',
    days30: 'Last 30 days',
    months12: '12 months',
    nps: 'Net Promoter Score (NPS)',
    npsDaily: 'Net Promoter Score (NPS) by day',
    npsMonthly: 'Net Promoter Score (NPS) by month',
    rate: 'Response rate',
    rateDaily: 'Response rate by day (responses / sent)',
    rateMonthly: 'Response rate by month (responses / sent)',
    means30: 'Statement means (1–5), days whose figures are published',
    meansMonthly: 'Statement means (1–5) by month',
    table: 'Table',
    date: 'Date',
    month: 'Month',
    statement: 'Statement',
    mean: 'Mean',
    n: 'Answers',
    received: 'Visits',
    sent: 'Sent',
    responses: 'Responses',
    suppressed: 'suppressed',
    suppressedMarker: '□ = figures suppressed (the reason is in the table)',
    suppressedSmall: 'suppressed: fewer than {n} responses',
    suppressedComplement: 'suppressed so that a small unit’s or day’s figures cannot be worked out',
    noData: 'no data',
    noneShown: 'No figures to publish for this period.',
    about:
      'Figures are computed nightly by visit date; late answers update a day while its links are valid. A cell with fewer than {n} responses shows counts only (suppressed). Sometimes a larger cell is suppressed too, so that a small one cannot be worked out by subtraction.',
    period: 'Period',
    organization: 'Organization',
    languages: 'Language',
  },
} satisfies Record<Language, Record<string, string>>;
type Texts = (typeof TEXT)['fi'];

const pickLanguage = (raw: string | undefined): Language => (raw === 'sv' || raw === 'en' ? raw : 'fi');

const STYLESHEET = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1a1a1a; background: #fff; line-height: 1.45; }
header.top { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; padding: .75rem 1rem; border-bottom: 1px solid #ccc; }
header.top form { margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin: .5rem 0; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 2px solid #1f5fa8; }
figure { margin: 1.5rem 0; }
figcaption { font-weight: 600; margin-bottom: .25rem; }
svg.chart { width: 100%; height: auto; max-width: 44rem; display: block; }
table { border-collapse: collapse; margin: .5rem 0; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #bbb; padding: .2rem .5rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
td.suppressed { color: #555; font-style: italic; text-align: left; }
.about { background: #f3f6fa; border-left: 4px solid #1f5fa8; padding: .5rem .75rem; }
.error { color: #a00000; font-weight: 600; }
.lang a { margin-right: .5rem; }
.note { font-size: .9rem; color: #333; margin: .25rem 0; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.swatch { display: inline-block; width: 1.5rem; vertical-align: middle; }
label, input, button { font-size: 1rem; }
input[type=password] { padding: .3rem; min-width: 16rem; }
button { padding: .35rem .9rem; }
a:focus, button:focus, input:focus, summary:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
`;

const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

/** A 401 names the scheme it wants; a Bearer challenge opens no browser dialog. */
const SIGN_IN_HEADERS = { ...PAGE_HEADERS, 'WWW-Authenticate': 'Bearer' };

/** Links carry `base`, the path of PUBLIC_BASE_URL; `path` is the page's own path without it. */
function Layout(props: {
  lang: Language;
  base: string;
  title: string;
  signedIn: boolean;
  path: string;
  children: Child;
}) {
  const t = TEXT[props.lang];
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <link rel="stylesheet" href={`${props.base}/reports/report.css`} />
      </head>
      <body>
        <header class="top">
          <a href={`${props.base}/reports?lang=${props.lang}`}>{t.title}</a>
          <nav class="lang" aria-label={t.languages}>
            {(['fi', 'sv', 'en'] as const).map((l) => (
              <a
                href={`${props.base}${props.path}?lang=${l}`}
                lang={l}
                aria-current={l === props.lang ? 'true' : undefined}
              >
                {l === 'fi' ? 'Suomeksi' : l === 'sv' ? 'På svenska' : 'In English'}
              </a>
            ))}
          </nav>
          {props.signedIn && (
            <form method="post" action={`${props.base}/reports/logout?lang=${props.lang}`}>
              <button type="submit">{t.logout}</button>
            </form>
          )}
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

function LoginPage(props: { lang: Language; base: string; error?: string }) {
  const t = TEXT[props.lang];
  return (
    <Layout lang={props.lang} base={props.base} title={t.login} signedIn={false} path="/reports">
      <h1>{t.login}</h1>
      <p id="token-help">{t.loginHelp}</p>
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
      <form method="post" action={`${props.base}/reports/login?lang=${props.lang}`}>
        <p>
          <label for="token">{t.token}</label>
          <br />
          <input
            id="token"
            name="token"
            type="password"
            autocomplete="current-password"
            required
            aria-describedby="token-help"
          />
        </p>
        <button type="submit">{t.signIn}</button>
      </form>
    </Layout>
  );
}

function MessagePage(props: { lang: Language; base: string; text: string; signedIn: boolean }) {
  const t = TEXT[props.lang];
  return (
    <Layout lang={props.lang} base={props.base} title={t.title} signedIn={props.signedIn} path="/reports">
      <h1>{t.title}</h1>
      <p>{props.text}</p>
    </Layout>
  );
}

// --- Charts: plain SVG, styled with attributes (no inline style, no script), each with its table.

const CHART = { width: 640, height: 240, left: 48, right: 40, top: 16, bottom: 44 };
const PALETTE = ['#1f5fa8', '#b3541e', '#2e7d32', '#6a1b9a', '#00838f', '#5d4037', '#ad1457', '#455a64'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 3', '10 4', '4 2 1 2', '12 2'];

interface Series {
  name: string;
  values: (number | null)[];
}

function xPosition(index: number, count: number): number {
  const inner = CHART.width - CHART.left - CHART.right;
  return count <= 1 ? CHART.left + inner / 2 : CHART.left + (inner * index) / (count - 1);
}

function yPosition(value: number, min: number, max: number): number {
  const inner = CHART.height - CHART.top - CHART.bottom;
  return CHART.top + inner * (1 - (value - min) / (max - min));
}

function Axes(props: {
  labels: string[];
  min: number;
  max: number;
  ticks: number[];
  format: (v: number) => string;
}) {
  const every = Math.max(1, Math.ceil(props.labels.length / 10));
  return (
    <g>
      {props.ticks.map((tick) => (
        <g>
          <line
            x1={CHART.left}
            x2={CHART.width - CHART.right}
            y1={yPosition(tick, props.min, props.max)}
            y2={yPosition(tick, props.min, props.max)}
            stroke={tick === 0 && props.min < 0 ? '#555' : '#ddd'}
            stroke-width="1"
          />
          <text
            x={CHART.left - 6}
            y={yPosition(tick, props.min, props.max) + 4}
            text-anchor="end"
            font-size="11"
            fill="#333"
          >
            {props.format(tick)}
          </text>
        </g>
      ))}
      {props.labels.map((label, i) =>
        i % every === 0 || i === props.labels.length - 1 ? (
          <text
            x={xPosition(i, props.labels.length)}
            y={CHART.height - CHART.bottom + 16}
            text-anchor="middle"
            font-size="11"
            fill="#333"
          >
            {label}
          </text>
        ) : null,
      )}
    </g>
  );
}

/** Lines with a gap where a value is missing; withheld (suppressed) periods are marked along the axis. */
function LineChart(props: {
  id: string;
  title: string;
  labels: string[];
  series: Series[];
  min: number;
  max: number;
  ticks: number[];
  format: (v: number) => string;
  suppressed: boolean[];
  suppressedText: string;
}) {
  const count = props.labels.length;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${CHART.width} ${CHART.height}`}
      role="img"
      aria-labelledby={`${props.id}-title`}
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      <Axes labels={props.labels} min={props.min} max={props.max} ticks={props.ticks} format={props.format} />
      {props.series.map((series, s) => {
        const segments: string[] = [];
        let current = '';
        series.values.forEach((value, i) => {
          if (value === null) {
            if (current) segments.push(current);
            current = '';
            return;
          }
          const point = `${xPosition(i, count).toFixed(1)},${yPosition(value, props.min, props.max).toFixed(1)}`;
          current = current ? `${current} L${point}` : `M${point}`;
        });
        if (current) segments.push(current);
        const color = PALETTE[s % PALETTE.length] as string;
        return (
          <g>
            {segments.map((d) => (
              <path
                d={d}
                fill="none"
                stroke={color}
                stroke-width="2"
                stroke-dasharray={DASHES[s % DASHES.length] || undefined}
              />
            ))}
            {series.values.map((value, i) =>
              value === null ? null : (
                <circle
                  cx={xPosition(i, count)}
                  cy={yPosition(value, props.min, props.max)}
                  r="3"
                  fill={color}
                >
                  <title>{`${series.name} ${props.labels[i]}: ${props.format(value)}`}</title>
                </circle>
              ),
            )}
          </g>
        );
      })}
      {props.suppressed.map((hidden, i) =>
        hidden ? (
          <rect
            x={xPosition(i, count) - 4}
            y={CHART.height - CHART.bottom - 8}
            width="8"
            height="8"
            fill="#fff"
            stroke="#666"
            stroke-width="1.5"
          >
            <title>{`${props.labels[i]}: ${props.suppressedText}`}</title>
          </rect>
        ) : null,
      )}
    </svg>
  );
}

function BarChart(props: {
  id: string;
  title: string;
  labels: string[];
  values: (number | null)[];
  max: number;
  ticks: number[];
  format: (v: number) => string;
}) {
  const count = props.labels.length;
  const inner = CHART.width - CHART.left - CHART.right;
  const width = Math.max(2, Math.min(28, (inner / Math.max(1, count)) * 0.7));
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${CHART.width} ${CHART.height}`}
      role="img"
      aria-labelledby={`${props.id}-title`}
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      <Axes labels={props.labels} min={0} max={props.max} ticks={props.ticks} format={props.format} />
      {props.values.map((value, i) => {
        if (value === null) return null;
        const top = yPosition(Math.min(value, props.max), 0, props.max);
        return (
          <rect
            x={xPosition(i, count) - width / 2}
            y={top}
            width={width}
            height={yPosition(0, 0, props.max) - top}
            fill={PALETTE[0]}
          >
            <title>{`${props.labels[i]}: ${props.format(value)}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}

function MeanBars(props: {
  id: string;
  title: string;
  rows: { label: string; mean: number | null; n: number }[];
}) {
  const rowHeight = 28;
  const left = 260;
  const right = 60;
  const height = CHART.top + rowHeight * props.rows.length + 28;
  const x = (v: number) => left + ((CHART.width - left - right) * (v - 1)) / 4;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${CHART.width} ${height}`}
      role="img"
      aria-labelledby={`${props.id}-title`}
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      {[1, 2, 3, 4, 5].map((tick) => (
        <g>
          <line
            x1={x(tick)}
            x2={x(tick)}
            y1={CHART.top - 4}
            y2={height - 24}
            stroke="#ddd"
            stroke-width="1"
          />
          <text x={x(tick)} y={height - 8} text-anchor="middle" font-size="11" fill="#333">
            {tick}
          </text>
        </g>
      ))}
      {props.rows.map((row, i) => {
        const y = CHART.top + i * rowHeight;
        return (
          <g>
            <text x={left - 8} y={y + 16} text-anchor="end" font-size="12" fill="#1a1a1a">
              {row.label.length > 40 ? `${row.label.slice(0, 39)}…` : row.label}
            </text>
            {row.mean !== null && (
              <rect x={x(1)} y={y + 4} width={x(row.mean) - x(1)} height={rowHeight - 10} fill={PALETTE[0]}>
                <title>{`${row.label}: ${row.mean} (n ${row.n})`}</title>
              </rect>
            )}
            <text x={row.mean === null ? x(1) + 4 : x(row.mean) + 4} y={y + 16} font-size="12" fill="#1a1a1a">
              {row.mean === null ? '–' : String(row.mean)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function Legend(props: { names: string[] }) {
  return (
    <ul class="legend">
      {props.names.map((name, s) => (
        <li>
          <svg class="swatch" viewBox="0 0 24 8" aria-hidden="true">
            <line
              x1="0"
              x2="24"
              y1="4"
              y2="4"
              stroke={PALETTE[s % PALETTE.length]}
              stroke-width="3"
              stroke-dasharray={DASHES[s % DASHES.length] || undefined}
            />
          </svg>{' '}
          {name}
        </li>
      ))}
    </ul>
  );
}

/** An organization's own statements, where its configuration has them (id → text per language). */
type CustomLabels = ReadonlyMap<string, Partial<Record<Language, string>>>;

function customLabels(organization: unknown): CustomLabels {
  const list = (organization as { customStatements?: unknown } | undefined)?.customStatements;
  const labels = new Map<string, Partial<Record<Language, string>>>();
  if (Array.isArray(list)) {
    for (const item of list as { id?: unknown; text?: unknown }[]) {
      if (typeof item?.id === 'string' && item.text && typeof item.text === 'object')
        labels.set(item.id, item.text as Partial<Record<Language, string>>);
    }
  }
  return labels;
}

function statementLabel(id: string, lang: Language, custom: CustomLabels = new Map()): string {
  const question = findQuestionSet('thl-core-v1')?.questions.find((q) => q.id === id);
  return question?.text[lang] ?? custom.get(id)?.[lang] ?? custom.get(id)?.fi ?? id;
}

interface PeriodRow {
  period: string;
  label: string;
  row: ReportRow | undefined;
}

function suppressionText(row: ReportRow, t: Texts, minReportN: number): string {
  return row.suppressionReason === 'complementary'
    ? t.suppressedComplement
    : t.suppressedSmall.replace('{n}', String(minReportN));
}

function FigureTable(props: {
  caption: string;
  periodHeading: string;
  rows: PeriodRow[];
  t: Texts;
  lang: Language;
  minReportN: number;
  value: 'nps' | 'rate';
}) {
  const { t } = props;
  const percent = new Intl.NumberFormat(LOCALE[props.lang], { style: 'percent', maximumFractionDigits: 1 });
  return (
    <details>
      <summary>{t.table}</summary>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.periodHeading}</th>
            <th scope="col">{props.value === 'nps' ? t.nps : t.rate}</th>
            <th scope="col">{t.received}</th>
            <th scope="col">{t.sent}</th>
            <th scope="col">{t.responses}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map(({ label, row }) => (
            <tr>
              <th scope="row">{label}</th>
              {!row ? (
                <td class="suppressed">{t.noData}</td>
              ) : props.value === 'nps' && row.suppressed ? (
                <td class="suppressed">{suppressionText(row, t, props.minReportN)}</td>
              ) : (
                <td>
                  {props.value === 'nps'
                    ? (row.nps ?? '–')
                    : row.responseRate === null
                      ? '–'
                      : percent.format(row.responseRate)}
                </td>
              )}
              <td>{row?.funnel.received ?? 0}</td>
              <td>{row?.funnel.sent ?? 0}</td>
              <td>{row?.responses ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function MeansTable(props: {
  caption: string;
  periodHeading: string;
  ids: string[];
  rows: PeriodRow[];
  t: Texts;
  lang: Language;
  minReportN: number;
  custom: CustomLabels;
}) {
  const { t } = props;
  const number = new Intl.NumberFormat(LOCALE[props.lang], { maximumFractionDigits: 2 });
  return (
    <details>
      <summary>{t.table}</summary>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.periodHeading}</th>
            {props.ids.map((id) => (
              <th scope="col">{statementLabel(id, props.lang, props.custom)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map(({ label, row }) => (
            <tr>
              <th scope="row">{label}</th>
              {!row ? (
                <td class="suppressed" colspan={props.ids.length}>
                  {t.noData}
                </td>
              ) : row.suppressed ? (
                <td class="suppressed" colspan={props.ids.length}>
                  {suppressionText(row, t, props.minReportN)}
                </td>
              ) : (
                props.ids.map((id) => {
                  const q = row.questions?.[id];
                  return <td>{q?.mean == null ? '–' : `${number.format(q.mean)} (n ${q.n})`}</td>;
                })
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

const NPS_TICKS = [-100, -50, 0, 50, 100];
const RATE_TICKS = [0, 0.25, 0.5, 0.75, 1];

function PeriodSection(props: {
  id: string;
  heading: string;
  kind: 'day' | 'month';
  rows: PeriodRow[];
  lang: Language;
  minReportN: number;
  custom: CustomLabels;
}) {
  const t = TEXT[props.lang];
  const { rows, lang } = props;
  const percent = new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 0 });
  const labels = rows.map((r) => r.label);
  const present = rows.flatMap((r) => (r.row ? [r.row] : []));
  const customIds = [...new Set(present.flatMap((r) => Object.keys(r.questions ?? {})))].filter(
    (id) => !(CORE_STATEMENT_IDS as readonly string[]).includes(id),
  );
  const ids = [...CORE_STATEMENT_IDS, ...customIds.sort()];
  const periodHeading = props.kind === 'day' ? t.date : t.month;
  const npsTitle = props.kind === 'day' ? t.npsDaily : t.npsMonthly;
  const rateTitle = props.kind === 'day' ? t.rateDaily : t.rateMonthly;
  const meansTitle = props.kind === 'day' ? t.means30 : t.meansMonthly;
  const suppressedFlags = rows.map((r) => r.row?.suppressed === true);

  // Over 30 days the statement means add up the published days only: a sum that included withheld
  // days could be used to work them out.
  const published = present.filter((r) => !r.suppressed);
  const windowMeans = ids.map((id) => {
    const total: Distribution = emptyDistribution();
    for (const r of published) {
      const d = r.questions?.[id]?.distribution;
      if (d) for (const key of DISTRIBUTION_KEYS) total[key] += d[key];
    }
    const stats = statementStats(total);
    return { id, label: statementLabel(id, lang, props.custom), mean: stats.mean, n: stats.n };
  });

  return (
    <section aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{props.heading}</h2>
      {present.length === 0 && <p>{t.noneShown}</p>}
      <figure>
        <figcaption id={`${props.id}-nps-caption`}>{npsTitle}</figcaption>
        <LineChart
          id={`${props.id}-nps`}
          title={npsTitle}
          labels={labels}
          series={[{ name: t.nps, values: rows.map((r) => (r.row && !r.row.suppressed ? r.row.nps : null)) }]}
          min={-100}
          max={100}
          ticks={NPS_TICKS}
          format={(v) => String(v)}
          suppressed={suppressedFlags}
          suppressedText={t.suppressed}
        />
        {suppressedFlags.some(Boolean) && <p class="note">{t.suppressedMarker}</p>}
        <FigureTable
          caption={npsTitle}
          periodHeading={periodHeading}
          rows={rows}
          t={t}
          lang={lang}
          minReportN={props.minReportN}
          value="nps"
        />
      </figure>
      <figure>
        <figcaption>{rateTitle}</figcaption>
        <BarChart
          id={`${props.id}-rate`}
          title={rateTitle}
          labels={labels}
          values={rows.map((r) => r.row?.responseRate ?? null)}
          max={1}
          ticks={RATE_TICKS}
          format={(v) => percent.format(v)}
        />
        <FigureTable
          caption={rateTitle}
          periodHeading={periodHeading}
          rows={rows}
          t={t}
          lang={lang}
          minReportN={props.minReportN}
          value="rate"
        />
      </figure>
      <figure>
        <figcaption>{meansTitle}</figcaption>
        {props.kind === 'day' ? (
          <>
            <MeanBars id={`${props.id}-means`} title={meansTitle} rows={windowMeans} />
            <details>
              <summary>{t.table}</summary>
              <table>
                <caption>{meansTitle}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.statement}</th>
                    <th scope="col">{t.mean}</th>
                    <th scope="col">{t.n}</th>
                  </tr>
                </thead>
                <tbody>
                  {windowMeans.map((m) => (
                    <tr>
                      <th scope="row">{m.label}</th>
                      <td>{m.mean ?? '–'}</td>
                      <td>{m.n}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </>
        ) : (
          <>
            <LineChart
              id={`${props.id}-means`}
              title={meansTitle}
              labels={labels}
              series={ids.map((id) => ({
                name: statementLabel(id, lang, props.custom),
                values: rows.map((r) =>
                  r.row && !r.row.suppressed ? (r.row.questions?.[id]?.mean ?? null) : null,
                ),
              }))}
              min={1}
              max={5}
              ticks={[1, 2, 3, 4, 5]}
              format={(v) => String(v)}
              suppressed={suppressedFlags}
              suppressedText={t.suppressed}
            />
            {suppressedFlags.some(Boolean) && <p class="note">{t.suppressedMarker}</p>}
            <Legend names={ids.map((id) => statementLabel(id, lang, props.custom))} />
            <MeansTable
              caption={meansTitle}
              periodHeading={periodHeading}
              ids={ids}
              rows={rows}
              t={t}
              lang={lang}
              minReportN={props.minReportN}
              custom={props.custom}
            />
          </>
        )}
      </figure>
    </section>
  );
}

function dayLabel(date: string, lang: Language): string {
  const [, month, day] = date.split('-').map(Number);
  return lang === 'en' ? `${day}/${month}` : `${day}.${month}.`;
}

function monthLabel(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return `${m}/${year}`;
}

function previousMonths(month: string, count: number): string[] {
  const index = monthIndex(month);
  return Array.from({ length: count }, (_, i) => {
    const k = index - (count - 1) + i;
    return `${String(Math.floor(k / 12)).padStart(4, '0')}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

/**
 * The report page for people, mounted at `/reports`: server-rendered HTML and SVG, no script, no
 * inline style (a strict CSP applies). Auth: the same bearer token as the API, or a login form that
 * puts a `reports:read` token in an HttpOnly, SameSite=Strict cookie for this path. Links, redirects
 * and the cookie's path carry the path of PUBLIC_BASE_URL (the app itself routes without it).
 */
export function reportPages(deps: ReportsDeps) {
  const app = new Hono();
  const publicBaseUrl = deps.publicBaseUrl ?? '';
  /** The page's own path as the browser sees it (with the stage prefix in the cloud). */
  const base = basePathOf(publicBaseUrl);
  const home = `${base}/reports`;
  const allowedOrigins = [originOf(publicBaseUrl)].filter((o): o is string => o !== undefined);

  app.get('/report.css', (c) =>
    c.body(STYLESHEET, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
    }),
  );

  app.get('/', async (c) => {
    const lang = pickLanguage(c.req.query('lang'));
    const t = TEXT[lang];
    const principal = await pagePrincipal(deps, c);
    if (!principal) return c.html(<LoginPage lang={lang} base={base} />, 401, SIGN_IN_HEADERS);
    if (!principal.scopes.has('reports:read'))
      return c.html(<MessagePage lang={lang} base={base} text={t.badToken} signedIn />, 403, PAGE_HEADERS);
    const organizations = principal.organizationId
      ? [await deps.config.getOrganization(principal.organizationId)].filter((o) => o !== undefined)
      : await deps.config.listOrganizations();
    const listed = await Promise.all(
      organizations.map(async (o) => ({
        organization: o,
        units: await deps.config.listUnits(o.organizationId),
      })),
    );
    return c.html(
      <Layout lang={lang} base={base} title={t.title} signedIn path="/reports">
        <h1>{t.title}</h1>
        {listed.length === 0 && <p>{t.noUnits}</p>}
        {listed.map(({ organization, units }) => (
          <section>
            <h2>{organization.name[lang]}</h2>
            {units.length === 0 ? (
              <p>{t.noUnits}</p>
            ) : (
              <ul>
                {units.map((unit) => (
                  <li>
                    <a href={`${base}/reports/units/${encodeURIComponent(unit.unitId)}?lang=${lang}`}>
                      {unit.name[lang] ?? unit.name.fi}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </Layout>,
      200,
      PAGE_HEADERS,
    );
  });

  app.post('/login', async (c) => {
    const lang = pickLanguage(c.req.query('lang'));
    const t = TEXT[lang];
    if (isCrossSiteRequest(c, allowedOrigins))
      return c.html(
        <MessagePage lang={lang} base={base} text={t.crossSite} signedIn={false} />,
        403,
        PAGE_HEADERS,
      );
    const form = await c.req.parseBody();
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    const principal =
      token && /^[\x21-\x7e]{1,512}$/.test(token) ? await deps.authenticate(withBearer(c, token)) : undefined;
    if (!principal?.scopes.has('reports:read')) {
      return c.html(<LoginPage lang={lang} base={base} error={t.badToken} />, 401, SIGN_IN_HEADERS);
    }
    setCookie(c, REPORTS_COOKIE, token, {
      path: home,
      httpOnly: true,
      sameSite: 'Strict',
      // Behind a proxy or API Gateway the function itself may be reached over plain HTTP.
      secure: cameOverHttps(c),
      maxAge: COOKIE_MAX_AGE_SECONDS,
    });
    return c.redirect(`${home}?lang=${lang}`, 303);
  });

  app.post('/logout', (c) => {
    const lang = pickLanguage(c.req.query('lang'));
    if (isCrossSiteRequest(c, allowedOrigins))
      return c.html(
        <MessagePage lang={lang} base={base} text={TEXT[lang].crossSite} signedIn={false} />,
        403,
        PAGE_HEADERS,
      );
    deleteCookie(c, REPORTS_COOKIE, { path: home });
    return c.redirect(`${home}?lang=${lang}`, 303);
  });

  app.get('/units/:unitId', async (c) => {
    const lang = pickLanguage(c.req.query('lang'));
    const t = TEXT[lang];
    const principal = await pagePrincipal(deps, c);
    if (!principal) return c.html(<LoginPage lang={lang} base={base} />, 401, SIGN_IN_HEADERS);
    if (!principal.scopes.has('reports:read'))
      return c.html(<MessagePage lang={lang} base={base} text={t.badToken} signedIn />, 403, PAGE_HEADERS);
    const unitId = c.req.param('unitId');
    const unit = configIdSchema.safeParse(unitId).success ? await deps.config.getUnit(unitId) : undefined;
    if (!unit)
      return c.html(<MessagePage lang={lang} base={base} text={t.notFound} signedIn />, 404, PAGE_HEADERS);
    if (principal.organizationId !== undefined && principal.organizationId !== unit.organizationId) {
      return c.html(<MessagePage lang={lang} base={base} text={t.forbidden} signedIn />, 403, PAGE_HEADERS);
    }
    const organization = await deps.config.getOrganization(unit.organizationId);
    const timeZone = organization?.timeZone ?? DEFAULT_TIME_ZONE;
    const minReportN = organization?.minReportN ?? DEFAULT_MIN_REPORT_N;
    const custom = customLabels(organization);
    const to = addLocalDays(localDateOf(deps.clock.now(), timeZone), -1);
    const from = addLocalDays(to, -29);
    const months = previousMonths(monthOf(to), 12);
    const scope = { organizationId: unit.organizationId, unitId: unit.unitId };
    const [daily, monthly] = await Promise.all([
      dailyRows(deps, scope, from, to),
      monthlyRows(deps, scope, months[0] as string, months[months.length - 1] as string),
    ]);
    const dailyByDate = new Map(daily.filter((r) => r.unitId === unit.unitId).map((r) => [r.date, r]));
    const monthlyByMonth = new Map(monthly.filter((r) => r.unitId === unit.unitId).map((r) => [r.date, r]));
    const dayRows: PeriodRow[] = Array.from({ length: 30 }, (_, i) => {
      const date = addLocalDays(from, i);
      return { period: date, label: dayLabel(date, lang), row: dailyByDate.get(date) };
    });
    const monthRows: PeriodRow[] = months.map((month) => ({
      period: month,
      label: monthLabel(month),
      row: monthlyByMonth.get(month),
    }));
    const unitName = unit.name[lang] ?? unit.name.fi;
    return c.html(
      <Layout
        lang={lang}
        base={base}
        title={`${unitName} – ${t.title}`}
        signedIn
        path={`/reports/units/${encodeURIComponent(unit.unitId)}`}
      >
        <h1>{unitName}</h1>
        <p>
          {t.organization}: {organization?.name[lang] ?? unit.organizationId}. {t.period}:{' '}
          {dayLabel(from, lang)}–{dayLabel(to, lang)}
          {to.slice(0, 4)}.
        </p>
        <p class="about">{t.about.replace('{n}', String(minReportN))}</p>
        <PeriodSection
          id="days"
          heading={t.days30}
          kind="day"
          rows={dayRows}
          lang={lang}
          minReportN={minReportN}
          custom={custom}
        />
        <PeriodSection
          id="months"
          heading={t.months12}
          kind="month"
          rows={monthRows}
          lang={lang}
          minReportN={minReportN}
          custom={custom}
        />
      </Layout>,
      200,
      PAGE_HEADERS,
    );
  });

  return app;
}
