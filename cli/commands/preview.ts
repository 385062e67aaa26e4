import { rulesSchema } from '../../shared/schemas/config';
import { appointmentCompletedSchema } from '../../shared/schemas/events';
import { encodeId } from '../client';
import type { CommandContext } from '../context';
import { EXIT, type ExitCode, invalidInput } from '../errors';
import { eventsOfFile } from '../eventFile';
import { issueLines, issuesOf, readJsonFile } from '../files';
import { printJson } from '../output';

export interface Preview {
  outcome: string;
  sendAt?: string | null;
  sendAtLocal?: string | null;
  shifts?: { reason: string; from: string; to: string }[];
  sms?: { text: string; characters: number; segments: number; encoding: string } | null;
}

const SHIFT_REASONS: Record<string, string> = {
  window: 'outside the send window',
  weekday: 'not a sending day',
  blockedDate: 'blocked date',
  nextDay: 'sent the next day',
};

export function formatPreview(unitId: string, preview: Preview): string[] {
  const lines = [`Outcome:  ${preview.outcome}  (unit ${unitId})`];
  if (preview.sendAt) {
    lines.push(`Send at:  ${preview.sendAt} (UTC)`);
    if (preview.sendAtLocal) lines.push(`          ${preview.sendAtLocal} (local)`);
  }
  const shifts = preview.shifts ?? [];
  if (shifts.length > 0) {
    lines.push('Shifts:');
    for (const shift of shifts) {
      lines.push(`  ${shift.from} → ${shift.to}  ${SHIFT_REASONS[shift.reason] ?? shift.reason}`);
    }
  }
  if (preview.sms) {
    const { sms } = preview;
    lines.push(`SMS:      ${sms.text}`);
    lines.push(
      `          ${sms.characters} characters, ${sms.segments} segment${sms.segments === 1 ? '' : 's'}, ${sms.encoding}`,
    );
  }
  return lines;
}

/** The visit of a preview file: an `Appointment Completed` detail, or an event that carries one. */
async function readVisit(file: string): Promise<unknown> {
  const content = await readJsonFile(file);
  const isDetail = typeof content === 'object' && content !== null && 'schemaVersion' in content;
  const [event] = isDetail ? [] : eventsOfFile(content);
  const visit = isDetail ? content : event?.envelope?.detail;
  const parsed = appointmentCompletedSchema.safeParse(visit);
  if (!parsed.success) throw invalidInput(`${file}: invalid visit`, issueLines(issuesOf(parsed.error)));
  return visit;
}

async function readRules(file: string): Promise<unknown> {
  const rules = await readJsonFile(file);
  const parsed = rulesSchema.safeParse(rules);
  if (!parsed.success) throw invalidInput(`${file}: invalid rules`, issueLines(issuesOf(parsed.error)));
  return rules;
}

/**
 * `units preview UNIT -f VISIT.json [--rules RULES.json]`: what the unit's rules (or the given ones)
 * would decide for the visit, when it would be sent and the SMS; the server stores and sends nothing.
 */
export async function previewUnit(
  ctx: CommandContext,
  unitId: string,
  options: { file: string; rules?: string; json?: boolean },
): Promise<ExitCode> {
  const body: { visit: unknown; rules?: unknown } = { visit: await readVisit(options.file) };
  if (options.rules) body.rules = await readRules(options.rules);
  const preview = await ctx
    .client()
    .json<Preview>('POST', `/api/v1/units/${encodeId(unitId)}/preview`, { body });
  if (options.json) printJson(ctx.io, preview);
  else for (const line of formatPreview(unitId, preview)) ctx.io.out(line);
  return EXIT.ok;
}
