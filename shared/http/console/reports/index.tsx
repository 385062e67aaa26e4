/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { latestCompleteDay } from '../../../services/unitStatus';
import { withLang } from '../../survey/layout';
import { ADMIN_PATH } from '../admin/components';
import { mayKeyInPaperAnswers, paperAnswersPath } from '../admin/paperAnswers';
import type { ConsoleAppDeps, ConsoleContext, ConsoleEnv } from '../context';
import { consoleNotFound, consolePageProps } from '../layout';
import { isCalendarDate } from './components';
import { csvDownload, dashboardCsv, unitCsv } from './csv';
import { DashboardPage } from './dashboard';
import { checkSince, loadDashboard } from './dashboardData';
import { SORT_KEYS, type SortDirection, type SortKey, sortRows } from './figures';
import { ReportsHomePage, reportsHome } from './home';
import { loadMonthly, MonthlyReportPage, reportableMonth } from './monthlyReport';
import { organizationInScope, unitInScope } from './scope';
import { loadUnit } from './unitData';
import { UnitPage } from './unitPage';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** `?sort=` and `?dir=` as the dashboard understands them; anything else is the default order. */
function sortOf(c: ConsoleContext): { sort: SortKey; dir: SortDirection } {
  const sort = (SORT_KEYS as readonly string[]).includes(c.req.query('sort') ?? '')
    ? (c.req.query('sort') as SortKey)
    : 'name';
  const dir = c.req.query('dir') === 'desc' ? 'desc' : c.req.query('dir') === 'asc' ? 'asc' : undefined;
  return { sort, dir: dir ?? (sort === 'name' ? 'asc' : 'desc') };
}

/**
 * The report screens under `/console`: the list of what the person may open (`/console/reports`),
 * the organization dashboard, the unit page, CSV downloads for people and the printable monthly unit
 * report. Every route resolves its organization or unit within the signed-in person's scope first;
 * anything else is the console's 404.
 */
export function consoleReportsApp(deps: ConsoleAppDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/reports', async (c) => {
    const entries = await reportsHome(deps.config, c.var.person);
    return c.html(<ReportsHomePage frame={consolePageProps(c)} entries={entries} />, 200, NO_STORE);
  });

  const dashboard = async (c: ConsoleContext) => {
    const scope = await organizationInScope(deps.config, c.var.person, c.req.param('organizationId') ?? '');
    if (!scope) return undefined;
    const now = deps.clock.now();
    const raw = c.req.query('since');
    const checked = checkSince(raw, latestCompleteDay(now, scope.organization.timeZone), isCalendarDate);
    const data = await loadDashboard(deps.aggregates, scope, now, checked.since, c.var.lang);
    return { data, checked, raw, ...sortOf(c) };
  };

  app.get('/organizations/:organizationId', async (c) => {
    const found = await dashboard(c);
    if (!found) return consoleNotFound(c);
    const { data, checked, raw, sort, dir } = found;
    return c.html(
      <DashboardPage
        frame={consolePageProps(c)}
        view={{
          data,
          sort,
          dir,
          sinceInput: (raw ?? data.kpi.since).slice(0, 100),
          sinceError: checked.error,
          oldestSince: checked.oldest,
        }}
      />,
      checked.error ? 400 : 200,
      NO_STORE,
    );
  });

  app.get('/organizations/:organizationId/figures.csv', async (c) => {
    const found = await dashboard(c);
    if (!found) return consoleNotFound(c);
    const { data, sort, dir } = found;
    const collator = new Intl.Collator(c.var.lang);
    const body = dashboardCsv(
      data,
      sortRows(data.units, sort, dir, collator),
      sortRows(data.areas, sort, dir, collator),
      c.var.lang,
    );
    return csvDownload(c, `palaute-${data.scope.organization.organizationId}-${data.asOf}.csv`, body);
  });

  app.get('/units/:unitId', async (c) => {
    const scope = await unitInScope(deps.config, c.var.person, c.req.param('unitId'));
    if (!scope) return consoleNotFound(c);
    const data = await loadUnit(deps, scope, deps.clock.now(), c.req.query('q') ?? '');
    // Staff who key in the unit's paper forms find them from the unit's page.
    const paperAnswers =
      deps.openLinks && mayKeyInPaperAnswers(c.var.person, scope.unit)
        ? withLang(`${c.var.base}${ADMIN_PATH}${paperAnswersPath(scope.unit.unitId)}`, c.var.lang)
        : undefined;
    return c.html(
      <UnitPage frame={consolePageProps(c)} data={data} paperAnswersHref={paperAnswers} />,
      200,
      NO_STORE,
    );
  });

  app.get('/units/:unitId/figures.csv', async (c) => {
    const scope = await unitInScope(deps.config, c.var.person, c.req.param('unitId'));
    if (!scope) return consoleNotFound(c);
    // The download has figures only, never comments: no search needed.
    const data = await loadUnit(deps, { ...scope, comments: false }, deps.clock.now(), '');
    return csvDownload(c, `palaute-${scope.unit.unitId}-${data.asOf}.csv`, unitCsv(data, c.var.lang));
  });

  app.get('/units/:unitId/monthly/:month', async (c) => {
    const scope = await unitInScope(deps.config, c.var.person, c.req.param('unitId'));
    const month = c.req.param('month');
    if (!scope || !reportableMonth(month, deps.clock.now(), scope)) return consoleNotFound(c);
    const data = await loadMonthly(deps, scope, month);
    return c.html(<MonthlyReportPage frame={consolePageProps(c)} data={data} />, 200, NO_STORE);
  });

  return app;
}
