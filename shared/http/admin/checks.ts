import type * as z from 'zod';
import { findQuestionSet } from '../../domain/questionSets';
import { checkRules, type RulesCheckContext } from '../../domain/rulesCheck';
import { localDateOf } from '../../domain/sendTime';
import { gsm7Length } from '../../domain/sms';
import type { ConfigStore } from '../../ports';
import { type EffectiveRules, MAX_SMS_NAME_LENGTH, type Rules } from '../../schemas/config';
import type { FieldProblem } from '../../services/configuration';
import { fieldErrors } from '../errors';

/** A body parsed with its schema, failures as field problems (the 400's details). */
export function parseWith<S extends z.ZodType>(schema: S) {
  return (input: unknown): { ok: true; body: z.infer<S> } | { ok: false; problems: FieldProblem[] } => {
    const result = schema.safeParse(input);
    return result.success
      ? { ok: true, body: result.data }
      : { ok: false, problems: fieldErrors(result.error) };
  };
}

/** Names that go into the SMS must be GSM-7 and short enough for the length check to hold. */
export function smsNameProblems(
  names: Partial<Record<string, string>> | undefined,
  path: string,
): FieldProblem[] {
  return Object.entries(names ?? {}).flatMap(([language, name]) => {
    if (name === undefined) return [];
    const septets = gsm7Length(name);
    if (septets === undefined) {
      return [
        { path: `${path}.${language}`, message: 'must use only GSM-7 characters (it goes into the SMS)' },
      ];
    }
    if (septets > MAX_SMS_NAME_LENGTH) {
      return [
        {
          path: `${path}.${language}`,
          message: `at most ${MAX_SMS_NAME_LENGTH} SMS characters (it goes into the SMS)`,
        },
      ];
    }
    return [];
  });
}

/**
 * A rule may name a national set or an own set of the same organization: any other would make every
 * survey link of the unit fail. Another organization's set reads exactly like a missing one.
 */
export async function questionSetProblems(
  config: ConfigStore,
  organizationId: string,
  rules: Rules | undefined,
  path: string,
): Promise<FieldProblem[]> {
  const id = rules?.questionSetId;
  if (id === undefined || findQuestionSet(id)) return [];
  const own = await config.readVersioned('questionSet', id);
  if (own && own.organizationId === organizationId) return [];
  return [{ path: `${path}.questionSetId`, message: `no question set ${id}` }];
}

/**
 * `checkRules` on the rules a save would put in effect: errors refuse the save, warnings go back with
 * it. Rule paths get the body's prefix (`rules.sendWindow.end`, `defaults.sendWindow.end`); template
 * paths are the organization's own (`smsTemplates.fi`).
 */
export function dangerousSettings(
  rules: EffectiveRules,
  context: Omit<RulesCheckContext, 'today'> & { now: Date },
  prefix: 'rules' | 'defaults',
): { problems: FieldProblem[]; warnings: FieldProblem[] } {
  const { now, ...rest } = context;
  const checked = checkRules(rules, { ...rest, today: localDateOf(now, context.timeZone) });
  const place = (problem: FieldProblem) =>
    problem.path.startsWith('smsTemplates.') ? problem : { ...problem, path: `${prefix}.${problem.path}` };
  return { problems: checked.errors.map(place), warnings: checked.warnings.map(place) };
}
