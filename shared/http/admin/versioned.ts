import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import * as z from 'zod';
import type { ConfigStore, VersionedKind, VersionedRecords } from '../../ports';
import { historyEntrySchema } from '../../schemas/config';
import {
  type ConfigurationDeps,
  type Preconditions,
  type VersionedResource,
  type WriteOutcome,
  writeVersioned,
} from '../../services/configuration';
import {
  type Authenticator,
  type AuthVariables,
  assertOrganizationAccess,
  type Principal,
  requireScope,
} from '../auth';
import { ApiError } from '../errors';
import { bearerSecurity, errorResponses, warningSchema } from '../openapi';

export interface AdminDeps extends ConfigurationDeps {
  config: ConfigStore;
  authenticate: Authenticator;
  publicBaseUrl: string;
}

export type AdminApp = OpenAPIHono<{ Variables: AuthVariables }>;

/** The strong entity tag of a version: the version identifies the whole representation. */
export const etagOf = (version: number) => `"${version}"`;

/**
 * `If-Match` as versions: `*`, or a list of entity tags (`"3"`, also weak `W/"3"` and bare `3`, which
 * clients send by mistake and mean the same). A tag that names no version matches nothing.
 */
export function parseIfMatch(header: string | undefined): number[] | '*' | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  if (header.trim() === '*') return '*';
  return header.split(',').flatMap((tag) => {
    const match = /^\s*(?:W\/)?"?(\d{1,10})"?\s*$/.exec(tag);
    return match?.[1] ? [Number(match[1])] : [];
  });
}

/** Whether the principal may see an organization: the one rule is `assertOrganizationAccess`. */
export function visibleTo(principal: Principal) {
  return (organizationId: string): boolean => {
    try {
      assertOrganizationAccess(principal, organizationId);
      return true;
    } catch (error) {
      if (error instanceof ApiError) return false;
      throw error;
    }
  };
}

export const etagHeader = {
  ETag: {
    description: 'The version as a strong entity tag (`"3"`); send it back in `If-Match` to write safely.',
    schema: { type: 'string' as const, example: '"3"' },
  },
};

const ifMatchSchema = z.string().optional().meta({
  description:
    'Write only if the stored version still has this entity tag (from `ETag`); otherwise 412. `*`: only if the record exists.',
  example: '"3"',
});

export const writeHeadersSchema = z.object({ 'if-match': ifMatchSchema });
export const putHeadersSchema = z.object({
  'if-match': ifMatchSchema,
  'if-none-match': z
    .literal('*')
    .optional()
    .meta({ description: '`*`: create only; 412 when the record exists.' }),
});

export const historyQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .meta({ description: 'Entries per page (1–100, default 20).' }),
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, 'use the nextCursor of the previous page')
    .optional()
    .meta({ description: 'The `nextCursor` of the previous page.' }),
});

export const historyPageSchema = z
  .object({
    entries: z.array(historyEntrySchema),
    nextCursor: z.string().optional().meta({ description: 'Present when older entries remain.' }),
  })
  .meta({ id: 'HistoryPage' });

const MERGE_PATCH = 'application/merge-patch+json';

/**
 * A saved record as a write answers it: the record and `warnings`, the settings that were saved but
 * may not do what was meant (e.g. sampling 0 on an enabled unit); empty when there are none.
 */
function withWarnings(recordSchema: z.ZodType): z.ZodType {
  if (!(recordSchema instanceof z.ZodObject)) return recordSchema;
  const id = z.globalRegistry.get(recordSchema)?.id;
  const saved = recordSchema.extend({
    warnings: z.array(warningSchema).meta({
      description: 'Settings that were saved but may not do what was meant; empty when there are none.',
    }),
  });
  return id ? saved.meta({ id: `${id}Saved` }) : saved;
}

/** Everything a versioned kind of record needs to get its GET, PUT, PATCH and history routes. */
export interface VersionedRoutes<K extends VersionedKind, Body> {
  resource: VersionedResource<K, Body>;
  /** E.g. `organization`: used in summaries and in the not-found message. */
  noun: string;
  tag: string;
  /** E.g. `/organizations/{organizationId}`. */
  path: string;
  idParam: string;
  idSchema: z.ZodType<string>;
  bodySchema: z.ZodType;
  recordSchema: z.ZodType;
  /** Extra words for the PUT description (what falls back to what). */
  putNotes?: string;
  /**
   * Records built into the software under the same path (the national question sets): every caller
   * with read access may read them, nobody writes them (400 with `readOnly`'s message), they have no
   * stored history.
   */
  builtIn?: {
    find(id: string): { version: number } | undefined;
    readOnly(id: string): string;
  };
}

export const notFound = (noun: string, id: string) => new ApiError(404, 'NOT_FOUND', `No ${noun} ${id}.`);

function preconditionsOf(c: Context): Preconditions {
  const ifMatch = parseIfMatch(c.req.header('if-match'));
  const ifNoneMatch = c.req.header('if-none-match')?.trim() === '*' ? '*' : undefined;
  return { ifMatch, ifNoneMatch };
}

/** Maps a write outcome to the response (record and ETag) or to an error of the contract. */
function respond<R extends { version: number }>(
  c: Context,
  noun: string,
  id: string,
  outcome: WriteOutcome<R>,
) {
  switch (outcome.status) {
    case 'created':
    case 'updated':
    case 'unchanged':
      c.header('ETag', etagOf(outcome.record.version));
      return c.json(
        { ...outcome.record, warnings: outcome.warnings },
        outcome.status === 'created' ? 201 : 200,
      );
    case 'not-found':
      throw notFound(noun, id);
    case 'precondition-failed':
      if (outcome.currentVersion !== null) c.header('ETag', etagOf(outcome.currentVersion));
      throw new ApiError(
        412,
        'PRECONDITION_FAILED',
        outcome.currentVersion === null
          ? `No ${noun} ${id} to match.`
          : `The ${noun} has changed: it is now version ${outcome.currentVersion}. Read it again and reapply your change.`,
        { currentVersion: outcome.currentVersion },
      );
    case 'invalid':
      throw new ApiError(
        400,
        'VALIDATION_FAILED',
        'The request is not valid; see details for each field.',
        outcome.problems,
      );
    case 'conflict':
      throw new ApiError(409, 'CONFLICT', outcome.message);
    case 'busy':
      throw new ApiError(409, 'CONFLICT', `The ${noun} is being changed by many writers at once; try again.`);
  }
}

/**
 * Mounts GET, PUT, PATCH and GET …/history of one versioned kind of record. Writes need `admin`, reads
 * `admin` or `reports:read`; a record outside the token's organization answers exactly like a missing one.
 */
export function mountVersionedRoutes<K extends VersionedKind, Body>(
  app: AdminApp,
  deps: AdminDeps,
  spec: VersionedRoutes<K, Body>,
) {
  const { resource, noun, idParam } = spec;
  const admin = requireScope(deps.authenticate, 'admin');
  const readAccess = requireScope(deps.authenticate, 'admin', 'reports:read');
  const params = z.object({ [idParam]: spec.idSchema.meta({ param: { name: idParam, in: 'path' } }) });
  const idOf = (c: Context) => c.req.param(idParam) as string;
  const write = (
    c: Context<{ Variables: AuthVariables }>,
    change: Parameters<typeof writeVersioned>[2]['change'],
  ) => {
    const id = idOf(c);
    if (spec.builtIn?.find(id)) {
      throw new ApiError(400, 'VALIDATION_FAILED', spec.builtIn.readOnly(id), [
        { path: idParam, message: spec.builtIn.readOnly(id) },
      ]);
    }
    return writeVersioned(deps, resource, {
      id: idOf(c),
      change,
      preconditions: preconditionsOf(c),
      by: c.get('principal').id,
      canSee: visibleTo(c.get('principal')),
    });
  };

  /** The record if it exists and the caller may see it; otherwise the one 404. */
  async function readVisible(c: Context<{ Variables: AuthVariables }>): Promise<VersionedRecords[K]> {
    const id = idOf(c);
    const record = await deps.config.readVersioned(resource.kind, id);
    if (!record || !visibleTo(c.get('principal'))(resource.organizationOf(id, record)))
      throw notFound(noun, id);
    return record;
  }

  const recordResponse = (description: string) => ({
    description,
    headers: etagHeader,
    content: { 'application/json': { schema: spec.recordSchema } },
  });
  const savedSchema = withWarnings(spec.recordSchema);
  const savedResponse = (description: string) => ({
    description,
    headers: etagHeader,
    content: { 'application/json': { schema: savedSchema } },
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: spec.path,
      tags: [spec.tag],
      summary: `Read a ${noun}`,
      security: bearerSecurity,
      middleware: [readAccess],
      request: { params },
      responses: {
        200: recordResponse(`The ${noun}, with its version.`),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const record = spec.builtIn?.find(idOf(c)) ?? (await readVisible(c));
      c.header('ETag', etagOf(record.version));
      return c.json(record as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: spec.path,
      tags: [spec.tag],
      summary: `Create or replace a ${noun}`,
      description: `Replaces the whole ${noun}: a field left out falls back to its default. ${spec.putNotes ?? ''} Creates the ${noun} (version 1, 201) when it does not exist; every change raises the version by one, and a body equal to the stored one changes nothing.`,
      security: bearerSecurity,
      middleware: [admin],
      request: {
        params,
        headers: putHeadersSchema,
        body: { required: true, content: { 'application/json': { schema: spec.bodySchema } } },
      },
      responses: {
        200: savedResponse(`The ${noun} was replaced (or was already so).`),
        201: savedResponse(`The ${noun} was created.`),
        ...errorResponses(400, 401, 403, 404, 409, 412, 415),
      },
    }),
    async (c) =>
      respond(c, noun, idOf(c), await write(c, { mode: 'replace', body: c.req.valid('json') })) as never,
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: spec.path,
      tags: [spec.tag],
      summary: `Change some fields of a ${noun}`,
      description: `A JSON merge patch (RFC 7396, \`Content-Type: ${MERGE_PATCH}\`): the fields given replace the stored ones, objects merge field by field, \`null\` removes a field (it falls back to its default), arrays are replaced whole. The result is validated as a whole, like a PUT body.`,
      security: bearerSecurity,
      middleware: [admin],
      request: {
        params,
        headers: writeHeadersSchema,
        body: {
          required: true,
          content: {
            [MERGE_PATCH]: {
              schema: z
                .record(z.string(), z.unknown())
                .meta({ description: `Any part of the ${noun} body; \`null\` removes a field.` }),
            },
          },
        },
      },
      responses: {
        200: savedResponse(`The ${noun} after the change.`),
        ...errorResponses(400, 401, 403, 404, 409, 412, 415),
      },
    }),
    async (c) => {
      const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      if (mediaType !== MERGE_PATCH) {
        throw new ApiError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          `Send the change as a JSON merge patch (Content-Type: ${MERGE_PATCH}).`,
        );
      }
      return respond(
        c,
        noun,
        idOf(c),
        await write(c, { mode: 'merge', patch: c.req.valid('json') }),
      ) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${spec.path}/history`,
      tags: [spec.tag],
      summary: `History of a ${noun}`,
      description: `Every change, newest first: its version, when, by which credentials, and each changed field with its old and new value (\`null\`: not set). Kept as long as the ${noun} exists.`,
      security: bearerSecurity,
      middleware: [readAccess],
      request: { params, query: historyQuerySchema },
      responses: {
        200: {
          description: 'One page of the history.',
          content: { 'application/json': { schema: historyPageSchema } },
        },
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      if (spec.builtIn?.find(idOf(c))) return c.json({ entries: [] }, 200);
      await readVisible(c);
      const { limit, cursor } = c.req.valid('query') as { limit: number; cursor?: string };
      const page = await deps.config.history(resource.kind, idOf(c), {
        limit,
        before: cursor === undefined ? undefined : Number(cursor),
      });
      return c.json(
        {
          entries: page.entries,
          ...(page.nextBefore === undefined ? {} : { nextCursor: String(page.nextBefore) }),
        },
        200,
      );
    },
  );
}
