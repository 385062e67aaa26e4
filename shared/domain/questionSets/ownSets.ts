import type { VersionedOwnQuestionSet } from '../../schemas/questionSets';
import { withCustomStatements } from '../questionSets';
import type { QuestionSet } from './model';
import { nationalQuestionSet } from './national';

/**
 * The questions a survey of an organization's own set shows: the national set it extends, unchanged
 * and in order, with the own statements after the national statements and before the free text.
 * Answers name the own set's id and version, so a change of the own set is traceable in the data;
 * the national statement ids stay as they are, so reports compare them with every other set.
 */
export function ownQuestionSet(own: VersionedOwnQuestionSet): QuestionSet {
  const national = nationalQuestionSet(own.extends);
  return { ...withCustomStatements(national, own.statements), id: own.questionSetId, version: own.version };
}
