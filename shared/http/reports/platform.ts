import { Hono } from 'hono';
import { unknownOrganizationRows } from '../../services/platformFigures';
import { type AuthVariables, requireScope } from '../auth';
import { ApiError, parseOrThrow } from '../errors';
import type { ReportsDeps } from './deps';
import { DAYS, rangeQuery } from './query';

const platformQuerySchema = rangeQuery(DAYS, {}, {});

/**
 * Platform-wide figures, mounted at `/api/v1/reports/platform`: for callers not limited to an
 * organization (a limited token gets 404: to it, the platform does not exist). Scope `reports:read`.
 * `GET ?from=YYYY-MM-DD&to=YYYY-MM-DD` → `{ rows: [ { date, unknownOrganizations: { <id>: count } } ] }`,
 * the visits that named an organization that is not configured, per visit date (Europe/Helsinki).
 */
export function platformReportApi(deps: Pick<ReportsDeps, 'aggregates' | 'authenticate'>) {
  const app = new Hono<{ Variables: AuthVariables }>();
  app.get('/', requireScope(deps.authenticate, 'reports:read'), async (c) => {
    if (c.get('principal').organizationId !== undefined) {
      throw new ApiError(404, 'NOT_FOUND', `No route for GET ${c.req.path}.`);
    }
    const query = parseOrThrow(platformQuerySchema, c.req.query());
    c.header('Cache-Control', 'no-store');
    return c.json({ rows: await unknownOrganizationRows(deps.aggregates, query.from, query.to) });
  });
  return new Hono().route('/', app);
}
