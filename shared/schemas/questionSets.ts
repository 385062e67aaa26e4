import * as z from 'zod';
import { NATIONAL_QUESTION_SET_ID_PREFIX, NATIONAL_QUESTION_SET_IDS } from '../domain/questionSets';
import { configIdSchema, customStatementsSchema, localizedTextSchema } from './config';

/**
 * An organization's own question set: a national set with the organization's statements appended.
 * National statements cannot be removed or reworded here (the body has no field for them, and an
 * unknown field is rejected); own statement ids cannot clash with any national question id, so a
 * report column always means one statement.
 */
export const ownQuestionSetSchema = z
  .object({
    organizationId: configIdSchema,
    questionSetId: configIdSchema.refine(
      (id) => !id.toLowerCase().startsWith(NATIONAL_QUESTION_SET_ID_PREFIX),
      `ids starting with "${NATIONAL_QUESTION_SET_ID_PREFIX}" are reserved for national question sets`,
    ),
    extends: z.enum(NATIONAL_QUESTION_SET_IDS, {
      error: `extends must name a national question set: ${NATIONAL_QUESTION_SET_IDS.join(', ')}`,
    }),
    name: localizedTextSchema(200),
    statements: customStatementsSchema,
  })
  .strict();
export type OwnQuestionSet = z.infer<typeof ownQuestionSetSchema>;
/** As stored: the store raises `version` on every change, and answers name it. */
export type VersionedOwnQuestionSet = OwnQuestionSet & { version: number };

/** The body of `PUT /question-sets/{questionSetId}`: the id comes from the path. */
export const ownQuestionSetBodySchema = ownQuestionSetSchema.omit({ questionSetId: true });
export type OwnQuestionSetBody = z.infer<typeof ownQuestionSetBodySchema>;

/** An own set as stored and as the API returns it: with its version and the time of the last change. */
export const questionSetRecordSchema = ownQuestionSetSchema
  .extend({
    version: z.number().int().min(1),
    updatedAt: z.string(),
  })
  .meta({ id: 'OwnQuestionSet' });
export type QuestionSetRecord = z.infer<typeof questionSetRecordSchema>;
