import { randomUUID } from 'node:crypto';
import { type AnswerInput, parseAnswers } from '../domain/questionSets';
import { localDateOf } from '../domain/sendTime';
import { DEFAULT_TIME_ZONE, mergeRules } from '../schemas/config';
import type { PaperAnswerBody } from '../schemas/openLinks';
import type { AnswerRecord } from '../schemas/records';
import type { FieldProblem, OpenLinkDeps } from './openLinks';
import { questionSetFor } from './survey';

export type PaperAnswerResult =
  | { status: 'unknown-unit' }
  | { status: 'invalid'; problems: FieldProblem[] }
  | { status: 'stored'; answer: AnswerRecord };

/**
 * A paper form keyed in by staff, checked against the unit's question set exactly as the web form is,
 * and stored anonymously with channel `paper`.
 */
export async function storePaperAnswer(
  deps: Pick<OpenLinkDeps, 'clock' | 'config' | 'openLinks' | 'log'>,
  request: { unitId: string; body: PaperAnswerBody; authorize: (organizationId: string) => void },
): Promise<PaperAnswerResult> {
  const unit = await deps.config.getUnit(request.unitId);
  if (!unit) return { status: 'unknown-unit' };
  request.authorize(unit.organizationId);
  const organization = await deps.config.getOrganization(unit.organizationId);
  if (!organization) return { status: 'unknown-unit' };
  const questionSetId = mergeRules(unit.rules, organization.defaults).questionSetId;
  const set = await questionSetFor(
    deps.config,
    { questionSetId, organizationId: unit.organizationId },
    organization,
  );
  if (!set) {
    return {
      status: 'invalid',
      problems: [{ path: '(unit)', message: `the unit's question set ${questionSetId} is not known` }],
    };
  }
  const { body } = request;
  const problems: FieldProblem[] = [];
  const now = deps.clock.now();
  const today = localDateOf(now, organization.timeZone ?? DEFAULT_TIME_ZONE);
  if (body.visitDate > today)
    problems.push({ path: 'visitDate', message: `must not be after today (${today})` });

  const input: AnswerInput = Object.create(null);
  const byId = new Map(set.questions.map((q) => [q.id, q]));
  for (const [id, value] of Object.entries(body.answers)) {
    const question = byId.get(id);
    if (!question || question.kind === 'comment') {
      problems.push({ path: `answers.${id}`, message: `not a rated question of ${set.id}` });
      continue;
    }
    input[id] = String(value);
  }
  const commentQuestion = set.questions.find((q) => q.kind === 'comment');
  if (body.comment !== undefined) {
    if (commentQuestion) input[commentQuestion.id] = body.comment;
    else problems.push({ path: 'comment', message: `${set.id} has no comment` });
  }
  const parsed = parseAnswers(set, input);
  if (!parsed.ok) {
    for (const error of parsed.errors) {
      const path =
        error.questionId === '*'
          ? 'answers'
          : error.questionId === commentQuestion?.id
            ? 'comment'
            : `answers.${error.questionId}`;
      const message =
        error.problem === 'empty'
          ? 'give at least one answer or a comment'
          : error.problem === 'tooLong'
            ? 'is longer than the form allows'
            : byId.get(error.questionId)?.kind === 'nps'
              ? 'must be an integer 0–10'
              : 'must be 1–5 or "na"';
      problems.push({ path, message });
    }
  }
  if (problems.length > 0 || !parsed.ok) return { status: 'invalid', problems };

  const answer: AnswerRecord = {
    answerId: randomUUID(),
    organizationId: unit.organizationId,
    unitId: unit.unitId,
    visitDate: body.visitDate,
    contactType: 'visit',
    language: body.language,
    channel: 'paper',
    respondent: body.respondent,
    questionSetId: set.id,
    questionSetVersion: set.version,
    answers: parsed.value.answers,
    comment: parsed.value.comment,
    answeredDate: today,
  };
  await deps.openLinks.storeAnswer(answer, now);
  deps.log.info('paper answer stored', { unitId: unit.unitId });
  return { status: 'stored', answer };
}
