import { OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { ERROR_CODES, validationError } from './errors';

/** Bearer tokens: static ones in local mode, Cognito access tokens in the cloud. */
export const BEARER_AUTH = 'bearerAuth';
export const bearerSecurity = [{ [BEARER_AUTH]: [] }];

export const fieldErrorSchema = z
  .object({ path: z.string(), message: z.string() })
  .meta({ id: 'FieldError', description: 'A field that is not acceptable, with its dotted path.' });

export const warningSchema = z.object({ path: z.string(), message: z.string() }).meta({
  id: 'Warning',
  description: 'A setting that was saved but may not do what was meant, with its dotted path.',
});

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z
        .union([
          z.array(fieldErrorSchema),
          z.object({ currentVersion: z.number().int().nullable() }),
          z.record(z.string(), z.unknown()),
        ])
        .optional()
        .meta({
          description:
            '400: the fields that are not acceptable. 412: the version now stored (null when there is no record).',
        }),
    }),
  })
  .meta({ id: 'Error' });

const ERROR_DESCRIPTIONS = {
  400: 'The request is not valid: `details` lists each field with its path.',
  401: 'No valid bearer token.',
  403: 'The token lacks the scope this route needs.',
  404: "No such record, or one outside the token's organization (the two answer alike).",
  409: 'The change contradicts the stored configuration.',
  412: 'The `If-Match` (or `If-None-Match: *`) precondition failed: `details.currentVersion` is what is stored.',
  415: 'The body has a media type this route does not take.',
} as const;
export type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** Error responses of a route, all in the one error shape. */
export function errorResponses(...statuses: ErrorStatus[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: ERROR_DESCRIPTIONS[status],
        content: { 'application/json': { schema: errorResponseSchema } },
      },
    ]),
  ) as Record<
    ErrorStatus,
    { description: string; content: { 'application/json': { schema: typeof errorResponseSchema } } }
  >;
}

/**
 * A sub-app whose routes are documented from their zod schemas. Requests that fail those schemas get
 * the project's 400 with field paths (thrown, so the app's one `onError` writes it).
 */
export function documentedApp<E extends object = object>() {
  return new OpenAPIHono<{ Variables: E }>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error as z.ZodError);
    },
  });
}

export interface ApiDocumentOptions {
  publicBaseUrl: string;
}

/** The OpenAPI 3.1 document of every documented route of `api`. */
export function openApiDocument(
  api: Pick<OpenAPIHono, 'openAPIRegistry' | 'getOpenAPI31Document'>,
  options: ApiDocumentOptions,
) {
  api.openAPIRegistry.registerComponent('securitySchemes', BEARER_AUTH, {
    type: 'http',
    scheme: 'bearer',
    description:
      'A bearer token. Scopes: `admin` (change configuration) and `reports:read` (read configuration and reports). A token may be limited to one organization.',
  });
  return api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Palaute API',
      version: '1',
      description:
        'Configuration and reports of Palaute, the SMS survey service for social and health care. Every error has the shape `{ "error": { "code", "message", "details"? } }`.',
    },
    servers: [{ url: options.publicBaseUrl }],
  });
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
