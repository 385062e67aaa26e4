import { describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamo/client';

describe('the DynamoDB document client', () => {
  it("leaves out the SDK's logger middleware, which redacts a copy of every call for no logger", () => {
    const db = createDocumentClient('http://localhost:1');
    expect(db.middlewareStack.identify().filter((name) => name.startsWith('loggerMiddleware'))).toEqual([]);
  });
});
