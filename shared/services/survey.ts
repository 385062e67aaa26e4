import { randomUUID } from 'node:crypto';
import { hashSurveyToken, SURVEY_TOKEN_PATTERN } from '../domain/keys';
import {
  type AnswerError,
  type AnswerInput,
  findQuestionSet,
  type ParsedAnswers,
  parseAnswers,
  type QuestionSet,
  withCustomStatements,
} from '../domain/questionSets';
import { ownQuestionSet } from '../domain/questionSets/ownSets';
import { localDateOf } from '../domain/sendTime';
import type { Clock, ConfigStore, Log, SurveyStore } from '../ports';
import { DEFAULT_TIME_ZONE, type Organization } from '../schemas/config';
import { type AnswerRecord, type SurveyRecord, type VisitContext, visitContextOf } from '../schemas/records';

export interface SurveyDeps {
  clock: Clock;
  surveys: SurveyStore;
  config: ConfigStore;
  log: Log;
}

/** Why a survey cannot be shown although its link is valid: the configuration, never the client. */
export type ConfigurationProblem = 'organization-missing' | 'question-set-unknown';

export type SurveyLookup =
  | { status: 'not-found' }
  | { status: 'gone'; survey: SurveyRecord; organization?: Organization; why: 'expired' | 'answered' }
  | {
      status: 'unavailable';
      survey: SurveyRecord;
      organization?: Organization;
      problem: ConfigurationProblem;
    }
  | { status: 'open'; survey: SurveyRecord; organization: Organization; questionSet: QuestionSet };

async function lookUp(deps: SurveyDeps, token: string): Promise<SurveyRecord | undefined> {
  if (!SURVEY_TOKEN_PATTERN.test(token)) return undefined;
  return deps.surveys.getSurvey(hashSurveyToken(token));
}

/**
 * The questions a survey shows, by the set id stored at sending. A national set shows the
 * organization's own statements (`customStatements`) appended and keeps its id and version. An own
 * set of the survey's organization is built from the config store as it is now, and answers name its
 * id and version; its own statements replace `customStatements`. Undefined when the set is not known
 * (removed while links to it still live) or belongs to another organization.
 */
export async function questionSetFor(
  config: ConfigStore,
  survey: Pick<SurveyRecord, 'questionSetId' | 'organizationId'>,
  organization: Organization | undefined,
): Promise<QuestionSet | undefined> {
  const national = findQuestionSet(survey.questionSetId);
  if (national) return withCustomStatements(national, organization?.customStatements);
  const own = await config.readVersioned('questionSet', survey.questionSetId);
  return own && own.organizationId === survey.organizationId ? ownQuestionSet(own) : undefined;
}

/**
 * Looks a link up without using it: opening (GET, HEAD, link previews) changes nothing. An open link
 * whose organization is gone or whose question set is unknown is `unavailable`; the reason is logged
 * with the survey's organization, unit and question set (never the token).
 */
export async function findSurvey(deps: SurveyDeps, token: string): Promise<SurveyLookup> {
  const survey = await lookUp(deps, token);
  if (!survey) return { status: 'not-found' };
  const organization = await deps.config.getOrganization(survey.organizationId);
  if (survey.answeredAt) return { status: 'gone', survey, organization, why: 'answered' };
  if (deps.clock.now().getTime() >= Date.parse(survey.expiresAt))
    return { status: 'gone', survey, organization, why: 'expired' };
  if (!organization) return unavailable(deps, survey, undefined, 'organization-missing');
  const questionSet = await questionSetFor(deps.config, survey, organization);
  if (!questionSet) return unavailable(deps, survey, organization, 'question-set-unknown');
  return { status: 'open', survey, organization, questionSet };
}

function unavailable(
  deps: SurveyDeps,
  survey: SurveyRecord,
  organization: Organization | undefined,
  problem: ConfigurationProblem,
): SurveyLookup {
  deps.log.error('survey cannot be shown: configuration problem', {
    problem,
    organizationId: survey.organizationId,
    unitId: survey.unitId,
    questionSetId: survey.questionSetId,
  });
  return { status: 'unavailable', survey, organization, problem };
}

export type SubmitResult =
  | Exclude<SurveyLookup, { status: 'open' }>
  | {
      status: 'invalid';
      survey: SurveyRecord;
      organization: Organization;
      questionSet: QuestionSet;
      errors: AnswerError[];
    }
  | { status: 'stored'; visit: VisitContext; organization: Organization };

/**
 * The visit and question set a survey form was rendered for, as its hidden field carries them back
 * unread: a client can change it, so it is only ever a claim the store checks (see submitAnswer).
 */
export type ClaimedVisit = VisitContext & Pick<SurveyRecord, 'questionSetId'>;

export const claimedVisitOf = (survey: SurveyRecord): ClaimedVisit => ({
  ...visitContextOf(survey),
  questionSetId: survey.questionSetId,
});

function answerOf(
  visit: VisitContext,
  questionSet: QuestionSet,
  parsed: ParsedAnswers,
  organization: Organization,
  now: Date,
): AnswerRecord {
  return {
    answerId: randomUUID(),
    ...visitContextOf(visit),
    channel: 'sms',
    respondent: 'client',
    questionSetId: questionSet.id,
    questionSetVersion: questionSet.version,
    answers: parsed.answers,
    comment: parsed.comment,
    answeredDate: localDateOf(now, organization.timeZone ?? DEFAULT_TIME_ZONE),
  };
}

/**
 * The common submit without reading the link: the answer is checked against the claimed question set
 * (configuration reads are cached) and written with the claim as the transaction's condition.
 * Undefined whenever that is not enough to answer (condition failed, unknown organization or set,
 * invalid answers, a conflict): the caller then reads the link and answers as from scratch.
 */
async function submitClaimed(
  deps: SurveyDeps,
  token: string,
  claimed: ClaimedVisit,
  input: AnswerInput,
): Promise<SubmitResult | undefined> {
  if (!SURVEY_TOKEN_PATTERN.test(token)) return undefined;
  const organization = await deps.config.getOrganization(claimed.organizationId);
  if (!organization) return undefined;
  const questionSet = await questionSetFor(deps.config, claimed, organization);
  if (!questionSet) return undefined;
  const parsed = parseAnswers(questionSet, input);
  if (!parsed.ok) return undefined;
  const now = deps.clock.now();
  const answer = answerOf(claimed, questionSet, parsed.value, organization, now);
  try {
    if ((await deps.surveys.submitAnswer(hashSurveyToken(token), answer, now)) !== 'stored') return undefined;
  } catch {
    return undefined;
  }
  deps.log.info('survey answered', { unitId: answer.unitId });
  return { status: 'stored', visit: visitContextOf(answer), organization };
}

/** Attempts at the answer transaction: a concurrent submit can cancel it with a conflict, not a failed condition. */
const SUBMIT_ATTEMPTS = 3;

/**
 * Stores one anonymous answer per link; a second submit (another tab, a double click) is `gone`.
 * The store writes the answer and marks the link answered in one conditional transaction, so of two
 * concurrent submits exactly one is stored. With the form's claimed visit the common submit is that
 * one write; without it, or when the claim does not hold, the link is read first.
 */
export async function submitSurvey(
  deps: SurveyDeps,
  token: string,
  input: AnswerInput,
  claimed?: ClaimedVisit,
): Promise<SubmitResult> {
  if (claimed) {
    const stored = await submitClaimed(deps, token, claimed, input);
    if (stored) return stored;
  }
  const found = await findSurvey(deps, token);
  if (found.status !== 'open') return found;
  const { survey, organization, questionSet } = found;
  const parsed = parseAnswers(questionSet, input);
  if (!parsed.ok) return { status: 'invalid', survey, organization, questionSet, errors: parsed.errors };
  const now = deps.clock.now();
  const answer = answerOf(survey, questionSet, parsed.value, organization, now);
  for (let attempt = 1; ; attempt += 1) {
    try {
      // Read open at `now` and the answer is its own visit: refused only because another submit won.
      const stored = await deps.surveys.submitAnswer(survey.tokenHash, answer, now);
      if (stored === 'refused') return { status: 'gone', survey, organization, why: 'answered' };
      break;
    } catch (error) {
      // A transaction cancelled by a concurrent submit: whoever won has marked the link answered.
      const current = await deps.surveys.getSurvey(survey.tokenHash);
      if (current?.answeredAt) return { status: 'gone', survey, organization, why: 'answered' };
      if (attempt >= SUBMIT_ATTEMPTS) throw error;
      deps.log.warn('survey answer not stored; retrying', { attempt, error: (error as Error).name });
    }
  }
  deps.log.info('survey answered', { unitId: survey.unitId });
  return { status: 'stored', visit: visitContextOf(survey), organization };
}

export type OptOutResult =
  | { status: 'not-found' }
  | { status: 'opted-out'; survey: SurveyRecord; organization?: Organization };

/** Adds the link's phone (as its keyed HMAC) to the organization's opt-out list. Works after answering too. */
export async function optOutBySurvey(deps: SurveyDeps, token: string): Promise<OptOutResult> {
  const survey = await lookUp(deps, token);
  if (!survey) return { status: 'not-found' };
  await deps.config.addOptOut(survey.organizationId, survey.phoneHmac, deps.clock.now());
  deps.log.info('client opted out', { organizationId: survey.organizationId });
  return {
    status: 'opted-out',
    survey,
    organization: await deps.config.getOrganization(survey.organizationId),
  };
}

/** The survey behind a link in any state (for the opt-out confirmation page), with its organization. */
export async function surveyForOptOut(
  deps: SurveyDeps,
  token: string,
): Promise<{ survey: SurveyRecord; organization?: Organization } | undefined> {
  const survey = await lookUp(deps, token);
  if (!survey) return undefined;
  return { survey, organization: await deps.config.getOrganization(survey.organizationId) };
}
