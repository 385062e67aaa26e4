import type { BatchGetCommandInput, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { batchGetConsistent } from '../../shared/adapters/dynamo/batchGet';

type Answer = {
  Responses?: Record<string, Record<string, unknown>[]>;
  UnprocessedKeys?: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead?: boolean }>;
};

/** A client that records each BatchGetItem's input and gives the next canned answer. */
function fakeDb(answers: Answer[]) {
  const requests: BatchGetCommandInput[] = [];
  const db = {
    async send(command: { input: BatchGetCommandInput }) {
      requests.push(structuredClone(command.input));
      const answer = answers.shift();
      if (!answer) throw new Error('no answer left');
      return answer;
    },
  } as unknown as DynamoDBDocumentClient;
  return { db, requests };
}

const optOut = { pk: 'OPTOUT#o#h', sk: 'OPTOUT' };
const person = { pk: 'PERSON#o#p', sk: 'RECONTACT' };

describe('batchGetConsistent', () => {
  it('reads keys of two tables in one consistent call', async () => {
    const { db, requests } = fakeDb([{ Responses: { config: [{ ...optOut }], visits: [] } }]);
    const items = await batchGetConsistent(db, [
      { tableName: 'config', key: optOut },
      { tableName: 'visits', key: person },
    ]);
    expect(items).toEqual([optOut]);
    expect(requests).toEqual([
      {
        RequestItems: {
          config: { Keys: [optOut], ConsistentRead: true },
          visits: { Keys: [person], ConsistentRead: true },
        },
      },
    ]);
  });

  it('asks again for the unprocessed keys only, still consistent, and keeps what each answer found', async () => {
    const { db, requests } = fakeDb([
      { Responses: { config: [{ ...optOut }] }, UnprocessedKeys: { visits: { Keys: [person] } } },
      { Responses: { visits: [{ ...person, sends: [] }] } },
    ]);
    const items = await batchGetConsistent(db, [
      { tableName: 'config', key: optOut },
      { tableName: 'visits', key: person },
    ]);
    expect(items).toEqual([optOut, { ...person, sends: [] }]);
    expect(requests[1]).toEqual({ RequestItems: { visits: { Keys: [person], ConsistentRead: true } } });
  });

  it('gives up with an error (so that the message is retried) when keys stay unprocessed', async () => {
    const unprocessed: Answer = { UnprocessedKeys: { visits: { Keys: [person] } } };
    const { db, requests } = fakeDb(Array.from({ length: 20 }, () => unprocessed));
    await expect(batchGetConsistent(db, [{ tableName: 'visits', key: person }])).rejects.toThrow(
      /unprocessed/,
    );
    expect(requests).toHaveLength(8);
  });
});
