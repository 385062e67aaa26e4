import type { CommandContext } from '../context';
import { EXIT, type ExitCode } from '../errors';
import { eventsOfFile, type FileEvent, validateFileEvent } from '../eventFile';
import { type FieldIssue, issueLines, readJsonFile } from '../files';

interface RemoteVerdict {
  valid: boolean;
  errors?: FieldIssue[];
}

/** The server's errors under the event's place in the file, as the local check reports them. */
const placed = (event: FileEvent, issues: readonly FieldIssue[]) =>
  issues.map((issue) => ({
    path: event.at === '' ? issue.path : `${event.at}.${issue.path}`,
    message: issue.message,
  }));

/**
 * `events validate FILE [--remote]`: every error with its path; exit 0 when all events are valid, 2 when not.
 * Locally the check uses the same schemas as ingest; `--remote` asks the server instead.
 */
export async function validateEvents(
  ctx: CommandContext,
  file: string,
  options: { remote?: boolean },
): Promise<ExitCode> {
  const events = eventsOfFile(await readJsonFile(file));
  const issues: FieldIssue[] = [];
  for (const event of events) {
    if (options.remote && event.envelope) {
      // One event per request, in EventBridge's shape `{ source, detail-type, detail }`.
      const verdict = await ctx
        .client()
        .json<RemoteVerdict>('POST', '/api/v1/events/validate', { body: event.envelope });
      if (!verdict.valid) issues.push(...placed(event, verdict.errors ?? []));
    } else {
      issues.push(...validateFileEvent(event));
    }
  }
  const count = `${events.length} event${events.length === 1 ? '' : 's'}`;
  if (issues.length === 0) {
    ctx.io.out(`${file}: valid (${count})`);
    return EXIT.ok;
  }
  ctx.io.out(`${file}: invalid (${count}, ${issues.length} error${issues.length === 1 ? '' : 's'})`);
  for (const line of issueLines(issues)) ctx.io.out(`  ${line}`);
  return EXIT.invalid;
}
