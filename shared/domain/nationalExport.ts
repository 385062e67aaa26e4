/**
 * The national comparison export: per unit, respondent group and channel, the raw counts of a month
 * that national comparison needs (sent, responses, how many gave each NPS score and each statement
 * value), with the cell's suppression. Counts only: never free text. Pure. See docs/exports.md.
 */
import { CHANNELS, type Channel, RESPONDENTS, type Respondent } from '../schemas/records';
import { type CellCounts, DISTRIBUTION_KEYS, type DistributionKey, ORGANIZATION_ROW } from './aggregate';
import { THL_QUESTION_SETS } from './questionSets';

/**
 * The statements the export has columns for: those of THL's sets (national, relatives', children's),
 * in the order the sets list them, each once. An organization's own statements are not comparable
 * nationally and are left out.
 */
export const EXPORT_STATEMENT_IDS: readonly string[] = [
  ...new Set(
    THL_QUESTION_SETS.flatMap((set) => set.questions.filter((q) => q.kind === 'statement').map((q) => q.id)),
  ),
];

const NPS_SCORES = Array.from({ length: 11 }, (_, score) => score);
/** `1`…`5` and `na` as column suffixes: `helpInTime_1`, …, `helpInTime_na`. */
const statementColumns = (id: string) => DISTRIBUTION_KEYS.map((key) => `${id}_${key}`);

/** The columns, in this order (docs/exports.md). */
export const NATIONAL_EXPORT_COLUMNS: readonly string[] = [
  'month',
  'organizationId',
  'unitId',
  'unitOid',
  'respondent',
  'channel',
  'sent',
  'responses',
  ...NPS_SCORES.map((score) => `nps_${score}`),
  ...EXPORT_STATEMENT_IDS.flatMap(statementColumns),
  'suppressed',
];

export type ExportValue = string | number | boolean | null;
export type NationalExportRow = Record<string, ExportValue>;

/** One month cell of a unit's channel × respondent, as the nightly job stored it. */
export interface ExportCell {
  unitId: string;
  areaId?: string;
  channel?: Channel;
  respondent?: Respondent;
  counts: CellCounts;
  suppressed: boolean;
}

const order = (cell: ExportCell) =>
  [
    cell.unitId,
    String(RESPONDENTS.indexOf(cell.respondent as Respondent)).padStart(2, '0'),
    String(CHANNELS.indexOf(cell.channel as Channel)).padStart(2, '0'),
  ].join('\u0000');

/**
 * The rows of one organization-month: every unit's channel × respondent month cell, by unit, then
 * respondent and channel in their listed order. A suppressed row has `suppressed: true` and no counts
 * (every count null). NPS score counts are null in a cell stored before they were kept.
 */
export function nationalExportRows(
  month: string,
  organizationId: string,
  cells: readonly ExportCell[],
  oidOf: ReadonlyMap<string, string>,
): NationalExportRow[] {
  return cells
    .filter(
      (cell) =>
        cell.unitId !== ORGANIZATION_ROW &&
        cell.areaId === undefined &&
        cell.channel !== undefined &&
        cell.respondent !== undefined,
    )
    .sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0))
    .map((cell) => {
      const row: NationalExportRow = {
        month,
        organizationId,
        unitId: cell.unitId,
        unitOid: oidOf.get(cell.unitId) ?? null,
        respondent: cell.respondent as Respondent,
        channel: cell.channel as Channel,
      };
      const c = cell.counts;
      const shown = !cell.suppressed;
      row.sent = shown ? c.funnel.sent : null;
      row.responses = shown ? c.responses : null;
      for (const score of NPS_SCORES) row[`nps_${score}`] = shown ? (c.npsScores?.[score] ?? null) : null;
      for (const id of EXPORT_STATEMENT_IDS) {
        DISTRIBUTION_KEYS.forEach((key: DistributionKey, i) => {
          row[statementColumns(id)[i] as string] = shown ? (c.questions[id]?.[key] ?? 0) : null;
        });
      }
      row.suppressed = cell.suppressed;
      return row;
    });
}

const csvField = (value: ExportValue): string => {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** RFC 4180 CSV (CRLF line ends), UTF-8, header row; empty fields for null. */
export function nationalExportCsv(rows: readonly NationalExportRow[]): string {
  const lines = [NATIONAL_EXPORT_COLUMNS.join(',')];
  for (const row of rows)
    lines.push(NATIONAL_EXPORT_COLUMNS.map((column) => csvField(row[column] ?? null)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
