import * as z from 'zod';
import { configIdSchema } from '../../schemas/config';
import { channelSchema, respondentSchema } from '../../schemas/records';
import type { CommentPosition } from '../../services/aggregateReports';
import { ApiError } from '../errors';

/** At most this many days per daily request (a leap year), and months per monthly request. */
export const MAX_DAILY_DAYS = 366;
export const MAX_MONTHS = 36;
/** Report dates lie in these years: anything else is a typo or a probe, never a report. */
export const FIRST_REPORT_YEAR = 2000;
export const LAST_REPORT_YEAR = 2100;
export const DEFAULT_COMMENT_LIMIT = 50;
export const MAX_COMMENT_LIMIT = 200;

const YEAR_MESSAGE = `the year must be ${FIRST_REPORT_YEAR}–${LAST_REPORT_YEAR}`;
const yearInRange = (value: string) => {
  const year = Number(value.slice(0, 4));
  return year >= FIRST_REPORT_YEAR && year <= LAST_REPORT_YEAR;
};

/**
 * A string field that must have a format (one message) and then a year in range (another): one issue
 * per field, so a client reads what to fix.
 */
const periodField = (isWellFormed: (value: string) => boolean, formatMessage: string) =>
  z.string({ error: formatMessage }).superRefine((value, ctx) => {
    if (!isWellFormed(value)) ctx.addIssue({ code: 'custom', message: formatMessage });
    else if (!yearInRange(value)) ctx.addIssue({ code: 'custom', message: YEAR_MESSAGE });
  });

/** A real calendar date: 2026-02-30 is not one. */
const isoDate = z.iso.date();
const dateField = periodField((v) => isoDate.safeParse(v).success, 'expected a date YYYY-MM-DD');
export const monthField = periodField((v) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v), 'expected a month YYYY-MM');

const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
export const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** What a `from`–`to` query ranges over: its format, how long a range is, and the most one may ask. */
export interface RangeKind {
  field: z.ZodType<string>;
  length: (from: string, to: string) => number;
  max: number;
  unit: 'days' | 'months';
  /** How a bound is written, for the API's documentation. */
  format: string;
}

export const DAYS: RangeKind = {
  field: dateField,
  length: (from, to) => daysBetween(from, to) + 1,
  max: MAX_DAILY_DAYS,
  unit: 'days',
  format: 'a date YYYY-MM-DD',
};
const MONTHS: RangeKind = {
  field: monthField,
  length: (from, to) => monthIndex(to) - monthIndex(from) + 1,
  max: MAX_MONTHS,
  unit: 'months',
  format: 'a month YYYY-MM',
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
  const bound = (which: string) =>
    range.field.meta({
      description: `${which}, inclusive: ${range.format}, years ${FIRST_REPORT_YEAR}–${LAST_REPORT_YEAR}; at most ${range.max} ${range.unit} from \`from\` to \`to\`.`,
    });
  const fields = { ...before, from: bound('First'), to: bound('Last'), ...after };
  return z.object(fields).superRefine((query, ctx) => {
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
  unitId: configIdSchema
    .optional()
    .meta({ description: 'The unit’s rows. Only one of unitId, areaId, organizationId.' }),
  areaId: configIdSchema
    .optional()
    .meta({ description: 'The area’s rows (`unitId: "*"`, `areaId` set) and its units’ rows.' }),
  organizationId: configIdSchema.optional().meta({
    description:
      'Every unit’s rows, the area rows and the organization’s own. None of the three: the token’s own organization.',
  }),
};
const SCOPE_FIELDS = ['unitId', 'areaId', 'organizationId'] as const;

/** At most one of the scope fields; every one given beyond the first is reported on its own path. */
const onlyOneScope: QueryCheck = (q, ctx) => {
  const given = SCOPE_FIELDS.filter((field) => q[field] !== undefined);
  for (const field of given.slice(1)) {
    ctx.addIssue({
      code: 'custom',
      path: [field],
      message: 'give one of unitId, areaId or organizationId, not more',
    });
  }
};

/** The channel × respondent filter: either or both give that channel's and respondent's rows. */
const sliceFields = {
  channel: channelSchema.optional().meta({
    description:
      'Only the rows of this channel (one per respondent group). Neither channel nor respondent: the rows of all channels and respondents together.',
  }),
  respondent: respondentSchema
    .optional()
    .meta({ description: 'Only the rows of this respondent group (one per channel).' }),
};

/**
 * `unitId`, `areaId` or `organizationId` (or none: the token's own organization), a range, and
 * optionally a channel and a respondent group.
 */
const scopedRangeQuery = (range: RangeKind) => rangeQuery(range, scopeFields, sliceFields, onlyOneScope);

export const dailyQuerySchema = scopedRangeQuery(DAYS);
export const monthlyQuerySchema = scopedRangeQuery(MONTHS);
export const commentsQuerySchema = rangeQuery(
  DAYS,
  { unitId: configIdSchema },
  {
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_COMMENT_LIMIT)
      .default(DEFAULT_COMMENT_LIMIT)
      .meta({ description: `Comments per page (1–${MAX_COMMENT_LIMIT}, default ${DEFAULT_COMMENT_LIMIT}).` }),
    cursor: z.string().max(500).optional().meta({ description: 'The `nextCursor` of the previous page.' }),
  },
);

const cursorSchema = z.tuple([z.iso.date(), z.iso.date(), z.string().min(1).max(100)]);

export function encodeCursor(position: CommentPosition): string {
  return Buffer.from(JSON.stringify([position.date, position.answeredDate, position.answerId])).toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string): CommentPosition {
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
