import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { SurveyStore } from '../../ports';
import type { AnswerRecord, SurveyRecord } from '../../schemas/records';
import { DAY_MS, epochSeconds, keys, recordOf, TTL_ATTRIBUTE } from './tables';
import { markTouched } from './touchedRecord';

const SURVEY_RETENTION_AFTER_EXPIRY_DAYS = 30;
const ANSWER_RETENTION_DAYS = 5 * 365;

/** An answer as stored: in its unit's and visit date's partition, kept for five years. */
export const answerItem = (answer: AnswerRecord, at: Date) => ({
  pk: keys.answers(answer.unitId, answer.visitDate),
  sk: answer.answerId,
  ...answer,
  [TTL_ATTRIBUTE]: epochSeconds(new Date(at.getTime() + ANSWER_RETENTION_DAYS * DAY_MS)),
});

/**
 * The survey's side of storing an answer: the link exists, is unanswered and unexpired, and is the
 * visit the answer names (organization, unit, date, contact type, service, language, question set).
 * The answer's context may come from the form's hidden fields unread (docs/survey.md), so a changed
 * field can only make this fail, never store an answer under another unit or date.
 * `expiresAt` is always written by `toISOString`, so ISO strings compare as times.
 */
function answerCondition(answer: AnswerRecord, at: Date) {
  const values: Record<string, string> = {
    ':at': at.toISOString(),
    ':org': answer.organizationId,
    ':unit': answer.unitId,
    ':date': answer.visitDate,
    ':contact': answer.contactType,
    ':lang': answer.language,
    ':set': answer.questionSetId,
  };
  const service =
    answer.serviceCode === undefined ? 'attribute_not_exists(serviceCode)' : 'serviceCode = :service';
  if (answer.serviceCode !== undefined) values[':service'] = answer.serviceCode;
  return {
    ConditionExpression: [
      'attribute_exists(pk) AND attribute_not_exists(answeredAt) AND expiresAt > :at',
      'organizationId = :org AND unitId = :unit AND visitDate = :date',
      `contactType = :contact AND #language = :lang AND questionSetId = :set AND ${service}`,
    ].join(' AND '),
    ExpressionAttributeNames: { '#language': 'language' },
    ExpressionAttributeValues: values,
  };
}

export function createDynamoSurveyStore(db: DynamoDBDocumentClient, tableName: string): SurveyStore {
  return {
    async putSurvey(survey) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...keys.survey(survey.tokenHash),
            ...survey,
            [TTL_ATTRIBUTE]: epochSeconds(
              new Date(Date.parse(survey.expiresAt) + SURVEY_RETENTION_AFTER_EXPIRY_DAYS * DAY_MS),
            ),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async getSurvey(tokenHash) {
      const result = await db.send(
        new GetCommand({ TableName: tableName, Key: keys.survey(tokenHash), ConsistentRead: true }),
      );
      return recordOf<SurveyRecord>(result.Item);
    },

    async submitAnswer(tokenHash, answer, at) {
      await markTouched(db, tableName, answer);
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: keys.survey(tokenHash),
                  UpdateExpression: 'SET answeredAt = :at',
                  ...answerCondition(answer, at),
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: answerItem(answer, at),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
        return 'stored';
      } catch (error) {
        if (
          error instanceof TransactionCanceledException &&
          error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
        ) {
          return 'refused';
        }
        throw error;
      }
    },
  };
}
