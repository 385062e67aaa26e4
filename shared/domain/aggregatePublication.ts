/**
 * What a report may show of a cell (suppressed cells show the funnel only), and the same rows as CSV.
 * Pure. See docs/reports.md.
 */
import { type Channel, DECISION_OUTCOMES, type Respondent } from '../schemas/records';
import {
  type CellCounts,
  DISTRIBUTION_KEYS,
  emptyDistribution,
  type Funnel,
  type NpsCounts,
  npsScore,
  questionIdsOf,
  responseRate,
  type StatementStats,
  statementStats,
} from './aggregate';
import type { SuppressionReason } from './aggregateSuppression';

export interface PublishedQuestion extends StatementStats {}

export interface PublishedFigures {
  funnel: Funnel;
  responses: number;
  responseRate: number | null;
  suppressed: boolean;
  /** Why the figures are withheld: fewer than minReportN responses, or to protect another cell. */
  suppressionReason: SuppressionReason | null;
  nps: number | null;
  npsCounts: NpsCounts | null;
  questions: Record<string, PublishedQuestion> | null;
}

/** The funnel in the design's order: stored maps come back from DynamoDB in any order. */
function orderedFunnel(f: Funnel): Funnel {
  return {
    received: f.received,
    decisions: Object.fromEntries(
      DECISION_OUTCOMES.map((o) => [o, f.decisions[o] ?? 0]),
    ) as Funnel['decisions'],
    sent: f.sent,
    failed: f.failed,
    cancelled: f.cancelled,
    expired: f.expired,
    optedOut: f.optedOut,
    unknown: f.unknown ?? 0,
  };
}

/**
 * What a report may show of a cell. A suppressed cell shows the funnel (and how many answered) only:
 * NPS, its counts and the statements are null.
 */
export function publishFigures(
  counts: CellCounts,
  suppression: SuppressionReason | null | undefined,
): PublishedFigures {
  const base = {
    funnel: orderedFunnel(counts.funnel),
    responses: counts.responses,
    // Only SMS answers answer something sent: the other channels never count towards the rate.
    responseRate: responseRate(counts.smsResponses ?? counts.responses, counts.funnel.sent),
  };
  if (suppression) {
    return {
      ...base,
      suppressed: true,
      suppressionReason: suppression,
      nps: null,
      npsCounts: null,
      questions: null,
    };
  }
  const ids = questionIdsOf([counts]);
  return {
    ...base,
    suppressed: false,
    suppressionReason: null,
    nps: npsScore(counts.npsCounts),
    npsCounts: { ...counts.npsCounts },
    questions: Object.fromEntries(
      ids.map((id) => [id, statementStats(counts.questions[id] ?? emptyDistribution())]),
    ),
  };
}

export interface ReportRow extends PublishedFigures {
  /** 'YYYY-MM-DD' for daily rows, 'YYYY-MM' for monthly rows. */
  date: string;
  organizationId: string;
  /** A unit id, or `*` for the organization's own row and for an area's rows. */
  unitId: string;
  /** Set on an area's rows (whose unitId is `*`). */
  areaId?: string;
  /** Set on the rows of one channel × respondent; rows without them are all channels and respondents. */
  channel?: Channel;
  respondent?: Respondent;
}

/**
 * The CSV columns, in this order: `date, organizationId, unitId, areaId, channel, respondent,
 * suppressed, suppressionReason,
 * received, decisions.<OUTCOME>…` (the outcomes in the design's order), `sent, failed, cancelled,
 * expired, optedOut, unknown, responses, responseRate, nps, promoters, passives, detractors`, then for each
 * statement (core ones first, custom ones alphabetically) `<id>.n, <id>.mean, <id>.1 … <id>.5, <id>.na`.
 */
export function csvColumns(questionIds: readonly string[]): string[] {
  return [
    'date',
    'organizationId',
    'unitId',
    'areaId',
    'channel',
    'respondent',
    'suppressed',
    'suppressionReason',
    'received',
    ...DECISION_OUTCOMES.map((o) => `decisions.${o}`),
    'sent',
    'failed',
    'cancelled',
    'expired',
    'optedOut',
    'unknown',
    'responses',
    'responseRate',
    'nps',
    'promoters',
    'passives',
    'detractors',
    ...questionIds.flatMap((id) => [
      `${id}.n`,
      `${id}.mean`,
      ...DISTRIBUTION_KEYS.map((key) => `${id}.${key}`),
    ]),
  ];
}

const csvField = (value: string | number | boolean | null | undefined): string => {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Quote what needs it; a leading =, +, - or @ is prefixed so that spreadsheets do not run it.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** RFC 4180 CSV (CRLF line ends), UTF-8, with a header row; empty fields where a figure is withheld. */
export function toCsv(rows: readonly ReportRow[]): string {
  const ids = questionIdsOf(rows);
  const lines = [csvColumns(ids).join(',')];
  for (const row of rows) {
    const f = row.funnel;
    const values: (string | number | boolean | null | undefined)[] = [
      row.date,
      row.organizationId,
      row.unitId,
      row.areaId,
      row.channel,
      row.respondent,
      row.suppressed,
      row.suppressionReason,
      f.received,
      ...DECISION_OUTCOMES.map((o) => f.decisions[o]),
      f.sent,
      f.failed,
      f.cancelled,
      f.expired,
      f.optedOut,
      f.unknown,
      row.responses,
      row.responseRate,
      row.nps,
      row.npsCounts?.promoters,
      row.npsCounts?.passives,
      row.npsCounts?.detractors,
      ...ids.flatMap((id) => {
        const q = row.questions?.[id];
        return [q?.n, q?.mean, ...DISTRIBUTION_KEYS.map((key) => q?.distribution[key])];
      }),
    ];
    lines.push(values.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
