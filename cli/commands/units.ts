import type { Unit } from '../../shared/schemas/config';
import { encodeId } from '../client';
import type { CommandContext } from '../context';
import { type Change, formatChange } from '../diff';
import { EXIT, type ExitCode } from '../errors';
import { printJson, printTable } from '../output';

export async function listUnits(
  ctx: CommandContext,
  options: { organization?: string; json?: boolean },
): Promise<ExitCode> {
  const query = options.organization ? `?organizationId=${encodeURIComponent(options.organization)}` : '';
  const { units } = await ctx.client().json<{ units: Unit[] }>('GET', `/api/v1/units${query}`);
  if (options.json) printJson(ctx.io, units);
  else
    printTable(
      ctx.io,
      ['id', 'name', 'enabled'],
      units.map((unit) => [unit.unitId, unit.name.fi, unit.enabled ? 'yes' : 'no']),
    );
  return EXIT.ok;
}

export async function getUnit(ctx: CommandContext, unitId: string): Promise<ExitCode> {
  printJson(ctx.io, await ctx.client().json('GET', `/api/v1/units/${encodeId(unitId)}`));
  return EXIT.ok;
}

export interface HistoryEntry {
  version: number;
  at: string;
  by?: string;
  changes: Change[];
}

export function formatHistory(entries: readonly HistoryEntry[]): string[] {
  if (entries.length === 0) return ['no history'];
  return entries.flatMap((entry) => [
    `version ${entry.version}  ${entry.at}${entry.by ? `  by ${entry.by}` : ''}`,
    ...(entry.changes.length === 0
      ? ['  (no setting changed)']
      : entry.changes.map((c) => `  ${formatChange(c)}`)),
  ]);
}

export async function unitHistory(
  ctx: CommandContext,
  unitId: string,
  options: { json?: boolean },
): Promise<ExitCode> {
  const history = await ctx
    .client()
    .json<{ entries: HistoryEntry[] }>('GET', `/api/v1/units/${encodeId(unitId)}/history`);
  if (options.json) printJson(ctx.io, history);
  else for (const line of formatHistory(history.entries ?? [])) ctx.io.out(line);
  return EXIT.ok;
}
