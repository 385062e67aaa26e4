import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DispatchState } from '../../shared/schemas/records';

/** What a fault sees of a DynamoDB request: the low-level command name and its (marshalled) input. */
export interface DynamoRequest {
  command: string;
  input: Record<string, unknown>;
}

type AttributeValues = Record<string, { S?: string } | undefined>;

/**
 * An UpdateItem that moves a dispatch from `from` to `to`, as `transitionDispatch` writes it (the
 * states are its `:from` and `:to` values).
 */
export const dispatchTransition =
  (from: DispatchState, to: DispatchState) =>
  ({ command, input }: DynamoRequest): boolean => {
    if (command !== 'UpdateItemCommand') return false;
    const values = (input.ExpressionAttributeValues ?? {}) as AttributeValues;
    return values[':from']?.S === from && values[':to']?.S === to;
  };

/** What a socket reset looks like to the SDK: a transient error that its retry strategy retries. */
export function networkError(): Error {
  return Object.assign(new Error('socket hang up (simulated)'), { code: 'ECONNRESET' });
}

let faultCounter = 0;

/**
 * Adds a fault to a document client, below the SDK's retry strategy, so that the SDK retries what it
 * throws exactly as it would retry a real network failure. Returns a function that removes it.
 *
 * - `'lose-response'`: the request reaches DynamoDB (and is applied if its condition holds), then its
 *   response, whatever it was, is lost.
 * - `'fail'`: the request never reaches DynamoDB.
 *
 * `times` limits how many matching requests are hit (every one when left out).
 */
export function injectDynamoFault(
  db: DynamoDBDocumentClient,
  fault: {
    kind: 'lose-response' | 'fail';
    matches: (request: DynamoRequest) => boolean;
    times?: number;
    onHit?: () => void;
  },
): () => void {
  let left = fault.times ?? Number.POSITIVE_INFINITY;
  const name = `injectedFault${++faultCounter}`;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const request = { command: context.commandName ?? '', input: args.input as Record<string, unknown> };
      if (left <= 0 || !fault.matches(request)) return next(args);
      left -= 1;
      fault.onHit?.();
      if (fault.kind === 'fail') throw networkError();
      await next(args).catch(() => undefined);
      throw networkError();
    },
    // The deserialize step runs inside the retry middleware (finalizeRequest): each retry passes here.
    { step: 'deserialize', priority: 'high', name },
  );
  return () => {
    db.middlewareStack.remove(name);
  };
}
