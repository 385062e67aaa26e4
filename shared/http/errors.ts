import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod';

export const ERROR_CODES = [
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error with a place in the API's error contract: `{ "error": { "code", "message", "details"? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface FieldError {
  path: string;
  message: string;
}

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)',
    message: issue.message,
  }));
}

export const validationError = (error: z.ZodError) =>
  new ApiError(
    400,
    'VALIDATION_FAILED',
    'The request is not valid; see details for each field.',
    fieldErrors(error),
  );

/** Parses with a schema, turning a failure into a 400 that lists the field paths. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/** The body must be JSON: said as the API's own 400, before a route's validator would say it otherwise. */
export const requireJsonBody: MiddlewareHandler = async (c, next) => {
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(c.req.header('content-type') ?? ''))
    throw new ApiError(400, 'BAD_REQUEST', 'The body must be JSON (Content-Type: application/json).');
  await readJson(c);
  await next();
};

export async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ApiError(400, 'BAD_REQUEST', 'The body must be JSON (Content-Type: application/json).');
  }
}

/**
 * The error contract also for hono's own refusals (a body that is not JSON, an unsupported media
 * type), so that no caller ever sees another shape.
 */
export function asApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 415) {
      return new ApiError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the body as JSON (Content-Type: application/json).',
      );
    }
    if (error.status === 400) return new ApiError(400, 'BAD_REQUEST', `${error.message}.`);
  }
  return undefined;
}

export function errorBody(error: ApiError) {
  return {
    error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
  };
}
