import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type ReportRow, toCsv } from '../../domain/aggregatePublication';
import { commentsPage, dailyRows, monthlyRows, type ReportScope } from '../../services/aggregateReports';
import { unknownOrganizationRows } from '../../services/platformFigures';
import {
  type AuthVariables,
  assertOrganizationAccess,
  notFound,
  type Principal,
  requireScope,
} from '../auth';
import { ApiError } from '../errors';
import { bearerSecurity, documentedApp, errorResponses } from '../openapi';
import type { ReportsDeps } from './deps';
import {
  commentsQuerySchema,
  DAYS,
  dailyQuerySchema,
  decodeCursor,
  encodeCursor,
  MAX_COMMENT_LIMIT,
  MAX_DAILY_DAYS,
  MAX_MONTHS,
  monthlyQuerySchema,
  rangeQuery,
} from './query';
import { commentsPageSchema, platformRowsSchema, reportCsvSchema, reportRowsSchema } from './schemas';

/**
 * Resolves and checks what a request may see: a unit or an area (each in its organization), or a
 * whole organization.
 */
async function resolveScope(
  deps: ReportsDeps,
  principal: Principal,
  query: { unitId?: string; areaId?: string; organizationId?: string },
): Promise<ReportScope> {
  if (query.unitId !== undefined) {
    const unit = await deps.config.getUnit(query.unitId);
    if (!unit) throw notFound('unit');
    assertOrganizationAccess(principal, unit.organizationId, 'unit');
    return { organizationId: unit.organizationId, unitId: unit.unitId };
  }
  if (query.areaId !== undefined) {
    const area = await deps.config.getArea(query.areaId);
    if (!area) throw notFound('area');
    assertOrganizationAccess(principal, area.organizationId, 'area');
    return { organizationId: area.organizationId, areaId: area.areaId };
  }
  const organizationId = query.organizationId ?? principal.organizationId;
  if (organizationId === undefined) {
    throw new ApiError(400, 'VALIDATION_FAILED', 'The request is not valid; see details for each field.', [
      { path: 'unitId', message: 'give unitId or organizationId' },
      { path: 'organizationId', message: 'give unitId or organizationId' },
    ]);
  }
  assertOrganizationAccess(principal, organizationId, 'organization');
  if (!(await deps.config.getOrganization(organizationId))) throw notFound('organization');
  return { organizationId };
}

const wantsCsv = (c: Context) => /\btext\/csv\b/i.test(c.req.header('accept') ?? '');

function respondRows(c: Context, rows: ReportRow[], name: string) {
  c.header('Cache-Control', 'no-store');
  if (wantsCsv(c)) {
    c.header('Content-Disposition', `attachment; filename="${name}.csv"`);
    return c.body(toCsv(rows), 200, { 'Content-Type': 'text/csv; charset=utf-8; header=present' });
  }
  return c.json({ rows }, 200);
}

const TAG = 'Reports';

const rowsResponses = {
  200: {
    description: 'The rows, oldest period first; `Accept: text/csv` gives the same rows as CSV.',
    content: {
      'application/json': { schema: reportRowsSchema },
      'text/csv': { schema: reportCsvSchema },
    },
  },
  ...errorResponses(400, 401, 403, 404),
};

const SCOPE_NOTE =
  'Give `unitId` (that unit’s rows) or `organizationId` (one row per unit and period plus the organization’s own row, `unitId` `*`); neither: the token’s own organization. A unit or organization outside the token’s organization answers 404 like one that does not exist. `channel` and/or `respondent` give the rows of those channel × respondent cells instead (each row names its `channel` and `respondent`); rows without them are all channels and respondents together.';

const platformQuerySchema = rangeQuery(DAYS, {}, {});

/**
 * The reporting API, mounted at `/api/v1`: `reports/daily`, `reports/monthly` (JSON, or CSV with
 * `Accept: text/csv`), `reports/comments` and `reports/platform`. Scope `reports:read`; a token
 * limited to an organization sees only that organization.
 */
export function reportsApi(deps: ReportsDeps) {
  const app = documentedApp<AuthVariables>();
  const readReports = requireScope(deps.authenticate, 'reports:read');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/daily',
      tags: [TAG],
      summary: 'Daily figures',
      description: `Published figures per day (visit dates, the organization’s local time), at most ${MAX_DAILY_DAYS} days per request. ${SCOPE_NOTE}`,
      security: bearerSecurity,
      middleware: [readReports],
      request: { query: dailyQuerySchema },
      responses: rowsResponses,
    }),
    async (c) => {
      const query = c.req.valid('query');
      const scope = await resolveScope(deps, c.get('principal'), query);
      const rows = await dailyRows(deps, scope, query.from, query.to, query);
      const name = `palaute-daily-${scope.unitId ?? scope.areaId ?? scope.organizationId}-${query.from}-${query.to}`;
      return respondRows(c, rows, name) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/monthly',
      tags: [TAG],
      summary: 'Monthly figures',
      description: `Published figures per calendar month (\`from\`/\`to\` as YYYY-MM), at most ${MAX_MONTHS} months per request. ${SCOPE_NOTE}`,
      security: bearerSecurity,
      middleware: [readReports],
      request: { query: monthlyQuerySchema },
      responses: rowsResponses,
    }),
    async (c) => {
      const query = c.req.valid('query');
      const scope = await resolveScope(deps, c.get('principal'), query);
      const rows = await monthlyRows(deps, scope, query.from, query.to, query);
      const name = `palaute-monthly-${scope.unitId ?? scope.areaId ?? scope.organizationId}-${query.from}-${query.to}`;
      return respondRows(c, rows, name) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/comments',
      tags: [TAG],
      summary: 'Free-text comments of a unit',
      description: `Newest first, only from days whose figures are published (not suppressed). Pages of \`limit\` (at most ${MAX_COMMENT_LIMIT}); pass \`nextCursor\` as \`cursor\` for the next page.`,
      security: bearerSecurity,
      middleware: [readReports],
      request: { query: commentsQuerySchema },
      responses: {
        200: {
          description: 'One page of comments.',
          content: { 'application/json': { schema: commentsPageSchema } },
        },
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
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
      return c.json({ comments: page.comments, nextCursor: page.next ? encodeCursor(page.next) : null }, 200);
    },
  );

  mountPlatformReport(app, deps);
  return app;
}

/**
 * `reports/platform`: platform-wide figures for callers not limited to an organization (to a limited
 * token the route does not exist: the app's 404, before the query is even looked at).
 */
function mountPlatformReport(app: ReturnType<typeof documentedApp<AuthVariables>>, deps: ReportsDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/platform',
      tags: [TAG],
      summary: 'Visits naming an organization that is not configured',
      description:
        'Per visit date (Europe/Helsinki), the visits whose event named an organization that is not configured, by the id named: dates without such visits are left out. Only for tokens not limited to an organization (a limited token gets 404).',
      security: bearerSecurity,
      middleware: [
        requireScope(deps.authenticate, 'reports:read'),
        async (c, next) => {
          if (c.get('principal').organizationId !== undefined) {
            throw new ApiError(404, 'NOT_FOUND', `No route for GET ${c.req.path}.`);
          }
          await next();
        },
      ],
      request: { query: platformQuerySchema },
      responses: {
        200: {
          description: 'The dates that had such visits, oldest first.',
          content: { 'application/json': { schema: platformRowsSchema } },
        },
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      c.header('Cache-Control', 'no-store');
      return c.json({ rows: await unknownOrganizationRows(deps.aggregates, query.from, query.to) }, 200);
    },
  );
}
