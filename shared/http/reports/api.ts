import { type Context, Hono } from 'hono';
import { type ReportRow, toCsv } from '../../domain/aggregate';
import { commentsPage, dailyRows, monthlyRows, type ReportScope } from '../../services/aggregate';
import {
  type AuthVariables,
  assertOrganizationAccess,
  notFound,
  type Principal,
  requireScope,
} from '../auth';
import { ApiError, parseOrThrow } from '../errors';
import type { ReportsDeps } from './deps';
import {
  commentsQuerySchema,
  dailyQuerySchema,
  decodeCursor,
  encodeCursor,
  monthlyQuerySchema,
  type ScopedRangeQuerySchema,
} from './query';

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
      schema: ScopedRangeQuerySchema,
      read: (deps: ReportsDeps, scope: ReportScope, from: string, to: string) => Promise<ReportRow[]>,
    ) =>
    async (c: Context<{ Variables: AuthVariables }>) => {
      const query = parseOrThrow(schema, c.req.query());
      const scope = await resolveScope(deps, c.get('principal'), query);
      const rows = await read(deps, scope, query.from, query.to);
      return respondRows(
        c,
        rows,
        `palaute-${name}-${scope.unitId ?? scope.areaId ?? scope.organizationId}-${query.from}-${query.to}`,
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
