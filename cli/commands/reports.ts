import type { ReportRow } from '../../shared/domain/aggregatePublication';
import type { CommandContext } from '../context';
import { EXIT, type ExitCode, invalidInput } from '../errors';
import { printJson, printTable } from '../output';

export interface ReportOptions {
  unit?: string;
  organization?: string;
  area?: string;
  from: string;
  to: string;
  csv?: boolean;
  json?: boolean;
}

/** The query of a report: one scope (or none: the token's own organization) and the range. */
export function reportQuery(options: ReportOptions): URLSearchParams {
  const scopes = [
    ['unitId', options.unit],
    ['organizationId', options.organization],
    ['areaId', options.area],
  ].filter((scope): scope is [string, string] => scope[1] !== undefined);
  if (scopes.length > 1) throw invalidInput('give one of --unit, --organization or --area, not several');
  if (options.csv && options.json) throw invalidInput('give --csv or --json, not both');
  return new URLSearchParams([...scopes, ['from', options.from], ['to', options.to]]);
}

const percent = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? undefined : `${Math.round(rate * 100)}%`;

/** One line per row: the funnel's main counts and NPS (or why it is withheld). */
export function reportTable(rows: readonly ReportRow[]) {
  return {
    headers: ['date', 'unit', 'received', 'sent', 'responses', 'rate', 'nps'],
    rows: rows.map((row) => [
      row.date,
      row.unitId,
      row.funnel.received,
      row.funnel.sent,
      row.responses,
      percent(row.responseRate),
      row.suppressed ? 'suppressed' : row.nps,
    ]),
  };
}

/** `reports daily|monthly`: a compact table, `--json` as the API answers, or `--csv` as the API writes it. */
export async function report(
  ctx: CommandContext,
  kind: 'daily' | 'monthly',
  options: ReportOptions,
): Promise<ExitCode> {
  const path = `/api/v1/reports/${kind}?${reportQuery(options)}`;
  if (options.csv) {
    const response = await ctx.client().request('GET', path, { headers: { accept: 'text/csv' } });
    ctx.io.out(response.text.replace(/\n$/, ''));
    return EXIT.ok;
  }
  const { rows } = await ctx.client().json<{ rows: ReportRow[] }>('GET', path);
  if (options.json) printJson(ctx.io, { rows });
  else if (rows.length === 0) ctx.io.out('no rows for this range');
  else {
    const table = reportTable(rows);
    printTable(ctx.io, table.headers, table.rows);
  }
  return EXIT.ok;
}
