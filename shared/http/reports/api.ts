import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { type ReportRow, toCsv } from '../../domain/aggregate';
import { configIdSchema } from '../../schemas/config';
import {
  type CommentPosition,
  commentsPage,
  dailyRows,
  monthlyRows,
  type ReportScope,
} from '../../services/aggregate';
import { type AuthVariables, assertOrganizationAccess, type Principal, requireScope } from '../auth';
import { ApiError, parseOrThrow } from '../errors';
import type { ReportsDeps } from './deps';

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
export const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** What a `from`–`to` query ranges over: its format, how long a range is, and the most one may ask. */
export interface RangeKind {
  field: z.ZodType<string>;
  length: (from: string, to: string) => number;
  max: number;
  unit: 'days' | 'months';
}

export const DAYS: RangeKind = {
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
export function rangeQuery<Before extends z.ZodRawShape, After extends z.ZodRawShape>(
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
