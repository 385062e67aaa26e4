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
                  ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(answeredAt)',
                  ExpressionAttributeValues: { ':at': at.toISOString() },
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
          return 'already-answered';
        }
        throw error;
      }
    },
  };
}
