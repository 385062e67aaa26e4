import * as z from 'zod';
import { DISTRIBUTION_KEYS } from '../../domain/aggregate';
import { channelSchema, DECISION_OUTCOMES, respondentSchema } from '../../schemas/records';

/** The response shapes of the reporting API, for the OpenAPI document (docs/reports.md explains them). */

const count = z.number().int().min(0);

const funnelSchema = z
  .object({
    received: count.meta({ description: 'Distinct visits: one decision each.' }),
    decisions: z.object(
      Object.fromEntries(DECISION_OUTCOMES.map((o) => [o, count])) as Record<
        (typeof DECISION_OUTCOMES)[number],
        typeof count
      >,
    ),
    sent: count,
    failed: count,
    cancelled: count,
    expired: count,
    optedOut: count,
    unknown: count.meta({ description: 'Send attempts that died after their claim: sent or not, unknown.' }),
  })
  .meta({ id: 'ReportFunnel' });

const questionStatsSchema = z
  .object({
    n: count.meta({ description: 'Answers 1–5 (`na` not included).' }),
    mean: z
      .number()
      .nullable()
      .meta({ description: 'Mean of the 1–5 answers, two decimals; null when n = 0.' }),
    distribution: z.object(
      Object.fromEntries(DISTRIBUTION_KEYS.map((k) => [k, count])) as Record<
        (typeof DISTRIBUTION_KEYS)[number],
        typeof count
      >,
    ),
  })
  .meta({ id: 'ReportQuestion' });

export const reportRowSchema = z
  .object({
    date: z.string().meta({ description: '`YYYY-MM-DD` in daily rows, `YYYY-MM` in monthly rows.' }),
    organizationId: z.string(),
    unitId: z.string().meta({ description: 'A unit id, or `*` for the organization’s own row.' }),
    areaId: z.string().optional().meta({ description: 'Set on an area’s rows (`unitId` `*`).' }),
    channel: channelSchema
      .optional()
      .meta({ description: 'Set on a channel × respondent row; absent: all channels together.' }),
    respondent: respondentSchema
      .optional()
      .meta({ description: 'Set on a channel × respondent row; absent: all respondents together.' }),
    funnel: funnelSchema,
    responses: count,
    responseRate: z.number().nullable().meta({
      description:
        'SMS responses / sent; null when nothing was sent (always in the rows of channels other than SMS).',
    }),
    suppressed: z.boolean(),
    suppressionReason: z
      .enum(['minReportN', 'complementary'])
      .nullable()
      .meta({ description: 'Fewer than minReportN responses, or withheld to protect another cell.' }),
    nps: z.number().nullable().meta({ description: 'null when suppressed or without NPS answers.' }),
    npsCounts: z
      .object({ promoters: count, passives: count, detractors: count })
      .nullable()
      .meta({ description: 'null when suppressed.' }),
    questions: z
      .record(z.string(), questionStatsSchema)
      .nullable()
      .meta({ description: 'Per statement id; null when suppressed.' }),
  })
  .meta({ id: 'ReportRow' });

export const reportRowsSchema = z.object({ rows: z.array(reportRowSchema) }).meta({ id: 'ReportRows' });

export const reportCsvSchema = z.string().meta({
  description:
    'With `Accept: text/csv`: UTF-8 CSV with a header row, one line per row of the JSON answer (columns in docs/reports.md).',
});

export const commentsPageSchema = z
  .object({
    comments: z.array(
      z.object({
        date: z.string().meta({ description: 'The visit date, YYYY-MM-DD.' }),
        unitId: z.string(),
        language: z.string(),
        nps: z.number().int().nullable(),
        comment: z.string(),
      }),
    ),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass as `cursor` for the next page; null at the end.' }),
  })
  .meta({ id: 'CommentsPage' });

export const platformRowsSchema = z
  .object({
    rows: z.array(
      z.object({
        date: z.string().meta({ description: 'The visit date (Europe/Helsinki), YYYY-MM-DD.' }),
        unknownOrganizations: z
          .record(z.string(), count)
          .meta({ description: 'Visits per organization id named that is not configured.' }),
        unlistedVisits: count
          .optional()
          .meta({ description: 'Visits of further unknown organizations beyond the listed ones.' }),
      }),
    ),
  })
  .meta({ id: 'PlatformRows' });
