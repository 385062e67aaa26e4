import { randomUUID } from 'node:crypto';
import { hashSurveyToken, SURVEY_TOKEN_PATTERN } from '../domain/keys';
import {
  type AnswerError,
  type AnswerInput,
  findQuestionSet,
  parseAnswers,
  type QuestionSet,
} from '../domain/questionSets';
import { localDateOf } from '../domain/sendTime';
import type { Clock, ConfigStore, Log, SurveyStore } from '../ports';
import { DEFAULT_TIME_ZONE } from '../schemas/config';
import type { SurveyRecord } from '../schemas/records';

export interface SurveyDeps {
  clock: Clock;
  surveys: SurveyStore;
  config: ConfigStore;
  log: Log;
}

export type SurveyLookup =
  | { status: 'not-found' }
  | { status: 'gone'; survey: SurveyRecord; why: 'expired' | 'answered' }
  | { status: 'open'; survey: SurveyRecord; questionSet: QuestionSet };

/** Looks a link up without using it: opening (GET, HEAD, link previews) changes nothing. */
export async function findSurvey(deps: SurveyDeps, token: string): Promise<SurveyLookup> {
  if (!SURVEY_TOKEN_PATTERN.test(token)) return { status: 'not-found' };
  const survey = await deps.surveys.getSurvey(hashSurveyToken(token));
  if (!survey) return { status: 'not-found' };
  if (survey.answeredAt) return { status: 'gone', survey, why: 'answered' };
  if (deps.clock.now().getTime() >= Date.parse(survey.expiresAt))
    return { status: 'gone', survey, why: 'expired' };
  const questionSet = findQuestionSet(survey.questionSetId);
  if (!questionSet) throw new Error(`question set ${survey.questionSetId} is not known`);
  return { status: 'open', survey, questionSet };
}

export type SubmitResult =
  | Exclude<SurveyLookup, { status: 'open' }>
  | { status: 'invalid'; survey: SurveyRecord; questionSet: QuestionSet; errors: AnswerError[] }
  | { status: 'stored'; survey: SurveyRecord };

/** Stores one anonymous answer per link; a second submit (another tab, a double click) is `gone`. */
export async function submitSurvey(
  deps: SurveyDeps,
  token: string,
  input: AnswerInput,
): Promise<SubmitResult> {
  const found = await findSurvey(deps, token);
  if (found.status !== 'open') return found;
  const { survey, questionSet } = found;
  const parsed = parseAnswers(questionSet, input);
  if (!parsed.ok) return { status: 'invalid', survey, questionSet, errors: parsed.errors };
  const now = deps.clock.now();
  const organization = await deps.config.getOrganization(survey.organizationId);
  const stored = await deps.surveys.submitAnswer(
    survey.tokenHash,
    {
      answerId: randomUUID(),
      organizationId: survey.organizationId,
      unitId: survey.unitId,
      visitDate: survey.visitDate,
      contactType: survey.contactType,
      serviceCode: survey.serviceCode,
      language: survey.language,
      questionSetId: questionSet.id,
      questionSetVersion: questionSet.version,
      answers: parsed.value.answers,
      comment: parsed.value.comment,
      answeredDate: localDateOf(now, organization?.timeZone ?? DEFAULT_TIME_ZONE),
    },
    now,
  );
  if (stored === 'already-answered') return { status: 'gone', survey, why: 'answered' };
  deps.log.info('survey answered', { unitId: survey.unitId });
  return { status: 'stored', survey };
}

/** Adds the link's phone (as its keyed HMAC) to the organization's opt-out list. */
export async function optOutBySurvey(deps: SurveyDeps, token: string): Promise<'opted-out' | 'not-found'> {
  if (!SURVEY_TOKEN_PATTERN.test(token)) return 'not-found';
  const survey = await deps.surveys.getSurvey(hashSurveyToken(token));
  if (!survey) return 'not-found';
  await deps.config.addOptOut(survey.organizationId, survey.phoneHmac, deps.clock.now());
  deps.log.info('client opted out', { organizationId: survey.organizationId });
  return 'opted-out';
}
