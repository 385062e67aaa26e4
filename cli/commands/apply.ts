import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { configIdSchema, type UnitBody, unitBodySchema } from '../../shared/schemas/config';
import { encodeId, type PalauteClient } from '../client';
import type { CommandContext } from '../context';
import { type Change, diffJson, formatChange } from '../diff';
import { CliError, EXIT, type ExitCode, invalidInput } from '../errors';
import { type FieldIssue, issueLines, issuesOf, readJsonFile } from '../files';

export interface UnitFile {
  unitId: string;
  body: UnitBody;
}

/** Fields the server keeps, as `units get` prints them: a file saved from it applies after editing. */
const SERVER_KEPT_FIELDS = ['updatedAt', 'version'];

/**
 * A unit file is `{ "unitId", ...unit body }`; checked with the API's own schema before anything is
 * sent. Errors do not name the file: the progress line does.
 */
export async function readUnitFile(file: string): Promise<UnitFile> {
  const raw = await readJsonFile(file, false);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalidInput('expected one unit as a JSON object { "unitId", "organizationId", … }');
  }
  const { unitId, ...fields } = raw as Record<string, unknown>;
  const rest = Object.fromEntries(
    Object.entries(fields).filter(([key]) => !SERVER_KEPT_FIELDS.includes(key)),
  );
  const id = configIdSchema.safeParse(unitId);
  const body = unitBodySchema.safeParse(rest);
  const issues: FieldIssue[] = [];
  if (!id.success) {
    issues.push(
      ...(unitId === undefined ? [{ path: 'unitId', message: 'required' }] : issuesOf(id.error, 'unitId')),
    );
  }
  if (!body.success) issues.push(...issuesOf(body.error));
  if (!id.success || !body.success) throw invalidInput('invalid unit', issueLines(issues));
  return { unitId: id.data, body: body.data };
}

/** Only the fields a unit file sets: server-kept fields (`unitId`, `updatedAt`, `version`, …) are no difference. */
function comparableBody(unit: Record<string, unknown>): Record<string, unknown> {
  const fields = Object.keys(unitBodySchema.shape);
  return Object.fromEntries(Object.entries(unit).filter(([key]) => fields.includes(key)));
}

export type ApplyStatus = 'created' | 'updated' | 'unchanged' | 'would create' | 'would update';

export interface ApplyResult {
  unitId: string;
  status: ApplyStatus;
  changes: Change[];
  /** What the server saved but warns about (e.g. sampling 0 on an enabled unit). */
  warnings?: { path: string; message: string }[];
}

/**
 * Reads the unit, shows what would change, and writes it only if nothing changed it in between:
 * `If-Match` with the ETag read, or `If-None-Match: *` when it did not exist (a 412 means run again).
 */
export async function applyUnit(
  client: PalauteClient,
  unit: UnitFile,
  dryRun: boolean,
): Promise<ApplyResult> {
  const path = `/api/v1/units/${encodeId(unit.unitId)}`;
  const current = await client.request('GET', path, { accept: [404] });
  const exists = current.status !== 404;
  const before = exists ? comparableBody(current.json as Record<string, unknown>) : undefined;
  const changes = diffJson(before, unit.body);
  if (exists && changes.length === 0) return { unitId: unit.unitId, status: 'unchanged', changes };
  if (dryRun) return { unitId: unit.unitId, status: exists ? 'would update' : 'would create', changes };
  const etag = current.headers.get('etag');
  const precondition: Record<string, string> = exists
    ? etag
      ? { 'if-match': etag }
      : {}
    : { 'if-none-match': '*' };
  const saved = await client.request('PUT', path, { body: unit.body, headers: precondition });
  const warnings = (saved.json as { warnings?: ApplyResult['warnings'] } | undefined)?.warnings ?? [];
  return { unitId: unit.unitId, status: exists ? 'updated' : 'created', changes, warnings };
}

function printChanges(ctx: CommandContext, result: ApplyResult): void {
  ctx.io.out(`${result.unitId}:`);
  if (result.changes.length === 0) ctx.io.out('  no changes');
  for (const change of result.changes) ctx.io.out(`  ${formatChange(change)}`);
  for (const warning of result.warnings ?? []) ctx.io.err(`  warning: ${warning.path}: ${warning.message}`);
}

/** Unit files to apply: the one file, or every `*.json` of a folder in name order. */
async function unitFiles(target: string): Promise<string[]> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(target)).isDirectory();
  } catch {
    throw invalidInput(`${target}: no such file or folder`);
  }
  if (!isDirectory) return [target];
  const names = (await readdir(target)).filter((name) => name.endsWith('.json')).sort();
  if (names.length === 0) throw invalidInput(`${target}: no *.json files in this folder`);
  return names.map((name) => join(target, name));
}

/** Failures after which the next files cannot go better: the server is away or refuses the token. */
const stopsTheRest = (error: CliError) =>
  error.exitCode === EXIT.serverOrUnreachable || error.message.startsWith('unauthorized');

/**
 * `units apply -f FILE|DIR`: each file on its own; a failing file does not stop the others. The exit
 * code is 0 when every file went well, else that of the first failure.
 */
export async function applyCommand(
  ctx: CommandContext,
  target: string,
  options: { dryRun?: boolean },
): Promise<ExitCode> {
  const files = await unitFiles(target);
  const client = ctx.client();
  client.requireToken();
  const counts = new Map<string, number>();
  let exitCode: ExitCode = EXIT.ok;
  for (const [index, file] of files.entries()) {
    const progress = `[${index + 1}/${files.length}]`;
    let label = basename(file);
    try {
      const unit = await readUnitFile(file);
      label = unit.unitId;
      const result = await applyUnit(client, unit, options.dryRun === true);
      printChanges(ctx, result);
      ctx.io.err(`${progress} ${label}: ${result.status}`);
      counts.set(result.status, (counts.get(result.status) ?? 0) + 1);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      ctx.io.err(`${progress} ${label}: failed: ${error.message}`);
      for (const detail of error.details) ctx.io.err(`    ${detail}`);
      counts.set('failed', (counts.get('failed') ?? 0) + 1);
      if (exitCode === EXIT.ok) exitCode = error.exitCode;
      if (stopsTheRest(error) && index + 1 < files.length) {
        ctx.io.err(`stopped: the remaining ${files.length - index - 1} files were not tried`);
        counts.set('not tried', files.length - index - 1);
        break;
      }
    }
  }
  if (files.length > 1) {
    const summary = [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
    ctx.io.err(`${files.length} files: ${summary}`);
  }
  return exitCode;
}
