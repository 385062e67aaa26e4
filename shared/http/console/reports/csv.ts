import type { Context } from 'hono';
import { datesOfMonth } from '../../../domain/aggregateDates';
import type { Language } from '../../../schemas/config';
import { nameIn, statementText, suppressionText, type Texts, textsFor } from './components';
import type { DashboardData, UnitFigureRow } from './dashboardData';
import { type FigureRow, statementMeans, type WindowFigures } from './figures';
import type { UnitData } from './unitData';

/**
 * CSV for people, as Finnish Excel opens it by double-click: a UTF-8 byte order mark (else Excel
 * reads the bytes as Windows-1252), `;` between fields (the list separator where the decimal
 * separator is a comma), decimal commas, CRLF line ends. A withheld figure is an empty field; the
 * rows carry a flag column saying so. (The API's machine CSV, `toCsv`, stays RFC 4180 with commas.)
 */
export type ExcelValue = string | number | null | undefined;

const BOM = '\uFEFF';

function field(value: ExcelValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  // A leading =, +, - or @ would be run as a formula: prefixed with an apostrophe, shown as text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function excelCsv(header: readonly string[], rows: readonly (readonly ExcelValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(field).join(';'));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** A share 0–1 as a percentage with one decimal, the number Excel shows in a "%" column. */
export const percentValue = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/** The download: an attachment with an ASCII file name (ids and dates only). */
export function csvDownload(c: Context, fileName: string, body: string) {
  return c.body(body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    'Cache-Control': 'no-store',
  });
}

// --- The downloads of the dashboard and the unit page

type Flag = { suppressed: boolean; suppressionReason: string | null };

const flagColumns = (x: Texts, figures: Flag): ExcelValue[] =>
  figures.suppressed ? [1, suppressionText(x, figures.suppressionReason)] : [0, null];

const windowColumns = (f: WindowFigures): ExcelValue[] => [
  f.sent,
  f.responses,
  percentValue(f.responseRate),
  f.nps,
  f.suppressed ? null : f.publishedResponses,
  f.npsCounts?.promoters,
  f.npsCounts?.passives,
  f.npsCounts?.detractors,
];

/** One line per row in scope and period (30 days, 12 months), in the order the page shows them. */
export function dashboardCsv(
  data: DashboardData,
  units: readonly UnitFigureRow[],
  areas: readonly FigureRow[],
  lang: Language,
): string {
  const x = textsFor(lang, data.minReportN);
  const c = x.t.csvColumns;
  const header = [
    c.level,
    c.areaId,
    c.areaName,
    c.unitId,
    c.unitName,
    c.period,
    c.from,
    c.to,
    c.sent,
    c.responses,
    c.responseRate,
    c.nps,
    c.npsResponses,
    c.promoters,
    c.passives,
    c.detractors,
    c.measuring,
    c.suppressed,
    c.suppressionReason,
  ];
  const periods = (row: FigureRow) =>
    [
      [c.last30, data.from30, data.asOf, row.last30],
      [c.last12, `${data.months[0]}-01`, data.asOf, row.last12],
    ] as const;
  const lines: ExcelValue[][] = [];
  const add = (level: string, ids: ExcelValue[], row: FigureRow, measuring: ExcelValue) => {
    for (const [period, from, to, figures] of periods(row))
      lines.push([
        level,
        ...ids,
        period,
        from,
        to,
        ...windowColumns(figures),
        measuring,
        ...flagColumns(x, figures),
      ]);
  };
  if (data.organizationRow) add(c.organization, [null, null, null, null], data.organizationRow, null);
  for (const area of areas) add(c.area, [area.id, area.name, null, null], area, null);
  for (const unit of units)
    add(c.unit, [unit.areaId, unit.areaName, unit.id, unit.name], unit, unit.measuring ? 1 : 0);
  return excelCsv(header, lines);
}

/** The unit's weeks and months, one line each, with the statement means beside the figures. */
export function unitCsv(data: UnitData, lang: Language): string {
  const x = textsFor(lang, data.minReportN);
  const c = x.t.csvColumns;
  const { unit, organization } = data.scope;
  const ids = data.statementIds;
  const header = [
    c.period,
    c.from,
    c.to,
    c.unitId,
    c.unitName,
    c.sent,
    c.responses,
    c.responseRate,
    c.nps,
    c.promoters,
    c.passives,
    c.detractors,
    ...ids.map((id) => c.mean(statementText(organization, id, lang))),
    c.suppressed,
    c.suppressionReason,
  ];
  const name = nameIn(unit.name, lang);
  const lines: ExcelValue[][] = data.weeks.map((week, i) => {
    const f = data.weekFigures[i] as WindowFigures;
    const means = statementMeans(f, ids);
    return [
      `${c.week} ${week.key}`,
      week.from,
      week.to,
      unit.unitId,
      name,
      f.sent,
      f.responses,
      percentValue(f.responseRate),
      f.nps,
      f.npsCounts?.promoters,
      f.npsCounts?.passives,
      f.npsCounts?.detractors,
      ...means.map((m) => (f.suppressed ? null : m.mean)),
      ...flagColumns(x, f),
    ];
  });
  for (const month of data.months) {
    const row = data.monthRows.find((r) => r.date === month);
    const last = datesOfMonth(month);
    lines.push([
      `${c.month} ${month}`,
      last[0],
      last[last.length - 1],
      unit.unitId,
      name,
      row?.funnel.sent ?? 0,
      row?.responses ?? 0,
      percentValue(row?.responseRate ?? null),
      row?.nps,
      row?.npsCounts?.promoters,
      row?.npsCounts?.passives,
      row?.npsCounts?.detractors,
      ...ids.map((id) => row?.questions?.[id]?.mean),
      ...flagColumns(x, row ?? { suppressed: false, suppressionReason: null }),
    ]);
  }
  return excelCsv(header, lines);
}
