import { createRoute, z } from '@hono/zod-openapi';
import { NATIONAL_EXPORT_COLUMNS, nationalExportCsv } from '../../domain/nationalExport';
import type { AggregateStore, ConfigStore } from '../../ports';
import { configIdSchema } from '../../schemas/config';
import { nationalExport } from '../../services/nationalExport';
import {
  type Authenticator,
  type AuthVariables,
  assertOrganizationAccess,
  notFound,
  requireScope,
} from '../auth';
import { ApiError } from '../errors';
import { bearerSecurity, documentedApp, errorResponses } from '../openapi';
import { monthField } from '../reports/query';

export interface ExportsDeps {
  config: ConfigStore;
  aggregates: AggregateStore;
  authenticate: Authenticator;
}

const querySchema = z.object({
  organizationId: configIdSchema
    .optional()
    .meta({ description: 'The organization; left out: the token’s own organization.' }),
  month: monthField.meta({
    description: 'The month, YYYY-MM (visit dates in the organization’s time zone).',
  }),
});

const value = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const exportSchema = z
  .object({
    month: z.string(),
    organizationId: z.string(),
    columns: z
      .array(z.string())
      .meta({ description: 'The columns of every row, in order (docs/exports.md).' }),
    rows: z.array(z.record(z.string(), value)).meta({
      description:
        'One row per unit × respondent × channel with answers or SMS in the month; a suppressed row has every count null.',
    }),
  })
  .meta({ id: 'NationalExport' });

/**
 * The exports API, mounted at `/api/v1`: `exports/national` (JSON, or CSV with `Accept: text/csv`).
 * Scope `reports:read` or `admin`; a token limited to an organization sees only that organization.
 */
export function exportsApi(deps: ExportsDeps) {
  const app = documentedApp<AuthVariables>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/exports/national',
      tags: ['Exports'],
      summary: 'National comparison export of a month',
      description:
        'Per unit (with its national organization register `oid`), respondent group and channel: sent, responses, how many gave each NPS score and each value of each THL statement (including `na`, "Ei koske minua"), and whether the row is suppressed. Counts only, never free text. An organization outside the token’s organization answers 404 like one that does not exist.',
      security: bearerSecurity,
      middleware: [requireScope(deps.authenticate, 'reports:read', 'admin')],
      request: { query: querySchema },
      responses: {
        200: {
          description: 'The rows; `Accept: text/csv` gives them as CSV with the same columns.',
          content: {
            'application/json': { schema: exportSchema },
            'text/csv': { schema: z.string().meta({ description: 'UTF-8 CSV, header row, CRLF.' }) },
          },
        },
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const principal = c.get('principal');
      const organizationId = query.organizationId ?? principal.organizationId;
      if (organizationId === undefined) {
        throw new ApiError(
          400,
          'VALIDATION_FAILED',
          'The request is not valid; see details for each field.',
          [{ path: 'organizationId', message: 'give organizationId' }],
        );
      }
      assertOrganizationAccess(principal, organizationId, 'organization');
      if (!(await deps.config.getOrganization(organizationId))) throw notFound('organization');
      const rows = await nationalExport(deps, organizationId, query.month);
      c.header('Cache-Control', 'no-store');
      if (/\btext\/csv\b/i.test(c.req.header('accept') ?? '')) {
        c.header(
          'Content-Disposition',
          `attachment; filename="palaute-national-${organizationId}-${query.month}.csv"`,
        );
        return c.body(nationalExportCsv(rows), 200, {
          'Content-Type': 'text/csv; charset=utf-8; header=present',
        }) as never;
      }
      return c.json(
        { month: query.month, organizationId, columns: [...NATIONAL_EXPORT_COLUMNS], rows },
        200,
      ) as never;
    },
  );
  return app;
}
