/** @jsxImportSource hono/jsx */
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import { monthOf } from '../../domain/aggregateDates';
import { addLocalDays, localDateOf } from '../../domain/sendTime';
import { configIdSchema, DEFAULT_MIN_REPORT_N, DEFAULT_TIME_ZONE, type Language } from '../../schemas/config';
import { dailyRows, monthlyRows } from '../../services/aggregateReports';
import { canSeeOrganization, type Principal } from '../auth';
import { cameOverHttps, isCrossSiteRequest, originOf } from '../security';
import { basePathOf } from '../survey/layout';
import { customLabels, type PeriodRow, PeriodSection } from './charts';
import type { ReportsDeps } from './deps';
import { monthIndex } from './query';
import { SliceSection } from './slices';
import { formatsFor, pickLanguage, TEXT } from './texts';

// ---------------------------------------------------------------------------------------------------
// The report page for people

export const REPORTS_COOKIE = 'palaute_reports';
const COOKIE_MAX_AGE_SECONDS = 8 * 60 * 60;
/** What a token in the cookie or the sign-in form must look like before it is checked. */
const TOKEN_SHAPE = /^[\x21-\x7e]{1,512}$/;

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
  if (!token || !TOKEN_SHAPE.test(token)) return undefined;
  return deps.authenticate(withBearer(c, token));
}

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
    const form = await c.req.parseBody().catch(() => undefined);
    // A body that cannot be read (e.g. multipart with a boundary it does not use) is the client's error.
    if (form === undefined)
      return c.html(<LoginPage lang={lang} base={base} error={t.badForm} />, 400, SIGN_IN_HEADERS);
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    const principal =
      token && TOKEN_SHAPE.test(token) ? await deps.authenticate(withBearer(c, token)) : undefined;
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
    // Another organization's unit is answered as one that does not exist: no id is confirmed.
    if (!unit || !canSeeOrganization(principal, unit.organizationId))
      return c.html(<MessagePage lang={lang} base={base} text={t.notFound} signedIn />, 404, PAGE_HEADERS);
    const organization = await deps.config.getOrganization(unit.organizationId);
    const timeZone = organization?.timeZone ?? DEFAULT_TIME_ZONE;
    const minReportN = organization?.minReportN ?? DEFAULT_MIN_REPORT_N;
    const custom = customLabels(organization);
    const to = addLocalDays(localDateOf(deps.clock.now(), timeZone), -1);
    const from = addLocalDays(to, -29);
    const months = previousMonths(monthOf(to), 12);
    const scope = { organizationId: unit.organizationId, unitId: unit.unitId };
    const [daily, monthly, slices] = await Promise.all([
      dailyRows(deps, scope, from, to),
      monthlyRows(deps, scope, months[0] as string, months[months.length - 1] as string),
      monthlyRows(deps, scope, months[0] as string, months[months.length - 1] as string, { allSlices: true }),
    ]);
    const dailyByDate = new Map(daily.filter((r) => r.unitId === unit.unitId).map((r) => [r.date, r]));
    const monthlyByMonth = new Map(monthly.filter((r) => r.unitId === unit.unitId).map((r) => [r.date, r]));
    const format = formatsFor(lang);
    const dayRows: PeriodRow[] = Array.from({ length: 30 }, (_, i) => {
      const date = addLocalDays(from, i);
      return { period: date, label: format.day(date), row: dailyByDate.get(date) };
    });
    const monthRows: PeriodRow[] = months.map((month) => ({
      period: month,
      label: format.month(month),
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
          {format.dateRange(from, to)}.
        </p>
        <p class="about">{t.about.replace('{n}', format.integer(minReportN))}</p>
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
        <SliceSection rows={slices.filter((r) => r.unitId === unit.unitId)} lang={lang} format={format} />
      </Layout>,
      200,
      PAGE_HEADERS,
    );
  });

  return app;
}
