/**
 * Question sets: the national sets (data in `questionSets/national.ts`), looking a set up by id, an
 * organization's statements appended to a set, and validating a submitted form against a set.
 * Organizations' own sets are built in `questionSets/ownSets.ts`.
 */
import {
  AGREEMENT_VALUES,
  CUSTOM_STATEMENT_ID_PATTERN,
  type CustomStatement,
  type Localized,
  MAX_CUSTOM_STATEMENTS,
  NOT_APPLICABLE,
  NPS_VALUES,
  type Question,
  type QuestionSet,
} from './questionSets/model';
import { NATIONAL_QUESTION_SETS } from './questionSets/national';
import { RESPONDENT_QUESTION_SETS } from './questionSets/respondentGroups';

export * from './questionSets/model';
export * from './questionSets/national';
export * from './questionSets/respondentGroups';

/** Every set of THL's: the national (clients') sets, newest first, then the respondent groups' sets. */
export const THL_QUESTION_SETS: readonly QuestionSet[] = [
  ...NATIONAL_QUESTION_SETS,
  ...RESPONDENT_QUESTION_SETS,
];

const QUESTION_SETS: Readonly<Record<string, QuestionSet>> = Object.fromEntries(
  THL_QUESTION_SETS.map((set) => [set.id, set]),
);

export function findQuestionSet(id: string): QuestionSet | undefined {
  return Object.hasOwn(QUESTION_SETS, id) ? QUESTION_SETS[id] : undefined;
}

/**
 * The wording of a national statement, from the newest national set that has it: a report that
 * compares a statement across sets labels it with the current wording.
 */
export function nationalStatementText(id: string): Localized | undefined {
  for (const set of THL_QUESTION_SETS) {
    const question = set.questions.find((q) => q.kind === 'statement' && q.id === id);
    if (question) return question.text;
  }
  return undefined;
}

/** Names an organization's own statement may not take: any national question's id, and form names. */
const RESERVED_IDS = new Set(['lang', 'token', 'submit', 'na']);
export function isReservedQuestionId(id: string): boolean {
  if (RESERVED_IDS.has(id)) return true;
  return Object.values(QUESTION_SETS).some((set) => set.questions.some((q) => q.id === id));
}

/**
 * A set with the organization's own statements ("omat väittämät") after its statements and before
 * the free-text question. The set keeps its id and version: an answer names that set's version and
 * stores the organization's statement ids as they are. Custom statements whose id
 * clashes with a question of the set are left out (configuration validation rejects them anyway).
 */
export function withCustomStatements(
  set: QuestionSet,
  custom: readonly CustomStatement[] | undefined,
): QuestionSet {
  if (!custom || custom.length === 0) return set;
  const taken = new Set(set.questions.map((q) => q.id));
  const added: Question[] = [];
  for (const s of custom.slice(0, MAX_CUSTOM_STATEMENTS)) {
    if (taken.has(s.id) || !CUSTOM_STATEMENT_ID_PATTERN.test(s.id)) continue;
    taken.add(s.id);
    added.push({ id: s.id, kind: 'statement', text: s.text, custom: true });
  }
  const firstComment = set.questions.findIndex((q) => q.kind === 'comment');
  const at = firstComment === -1 ? set.questions.length : firstComment;
  return { ...set, questions: [...set.questions.slice(0, at), ...added, ...set.questions.slice(at)] };
}

export type AnswerInput = Record<string, string | undefined>;
export interface ParsedAnswers {
  answers: Record<string, number | 'na'>;
  comment?: string;
}
export type AnswerError =
  | { questionId: string; problem: 'range' | 'tooLong' }
  | { questionId: '*'; problem: 'empty' };

/** Browsers submit line breaks as CRLF but count them as one character against `maxlength`. */
export const normaliseComment = (raw: string): string => raw.replace(/\r\n?/g, '\n').trim();

/**
 * Validates a submitted form against a question set: values in range, the comment within its
 * length (counted as the browser's `maxlength` counts, UTF-16 code units), at least one answer.
 * Fields that are not questions of the set are ignored.
 */
export function parseAnswers(
  set: QuestionSet,
  input: AnswerInput,
): { ok: true; value: ParsedAnswers } | { ok: false; errors: AnswerError[] } {
  const answers: Record<string, number | 'na'> = {};
  const errors: AnswerError[] = [];
  let comment: string | undefined;
  for (const question of set.questions) {
    const given = Object.hasOwn(input, question.id) ? input[question.id] : undefined;
    if (given === undefined) continue;
    if (question.kind === 'comment') {
      const text = normaliseComment(given);
      if (text === '') continue;
      if (text.length > question.maxLength) errors.push({ questionId: question.id, problem: 'tooLong' });
      else comment = text;
      continue;
    }
    const raw = given.trim();
    if (raw === '') continue;
    if (question.kind === 'statement' && raw === NOT_APPLICABLE) {
      answers[question.id] = NOT_APPLICABLE;
      continue;
    }
    const allowed: readonly string[] = question.kind === 'nps' ? NPS_VALUES : AGREEMENT_VALUES;
    if (allowed.includes(raw)) answers[question.id] = Number(raw);
    else errors.push({ questionId: question.id, problem: 'range' });
  }
  if (errors.length === 0 && Object.keys(answers).length === 0 && comment === undefined) {
    errors.push({ questionId: '*', problem: 'empty' });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { answers, comment } };
}
