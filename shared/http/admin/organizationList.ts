import { createRoute, z } from '@hono/zod-openapi';
import { configIdSchema } from '../../schemas/config';
import { requireScope } from '../auth';
import { ApiError } from '../errors';
import { bearerSecurity, errorResponses } from '../openapi';
import { type AdminApp, type AdminDeps, notFound, visibleTo } from './versioned';

/**
 * `GET {path}?organizationId=`: the records of one organization as `{ [key]: [...] }`. A limited token
 * may leave the organization out (its own); another organization reads like a missing one (404).
 */
export function mountOrganizationList<Key extends string, Item>(
  app: AdminApp,
  deps: AdminDeps,
  options: {
    path: string;
    tag: string;
    noun: string;
    key: Key;
    item: z.ZodType<Item>;
    listId: string;
    list: (organizationId: string) => Promise<Item[]>;
  },
) {
  const listSchema = z.object({ [options.key]: z.array(options.item) }).meta({ id: options.listId });
  app.openapi(
    createRoute({
      method: 'get',
      path: options.path,
      tags: [options.tag],
      summary: `List the ${options.noun} of an organization`,
      security: bearerSecurity,
      middleware: [requireScope(deps.authenticate, 'admin', 'reports:read')],
      request: {
        query: z.object({
          organizationId: configIdSchema
            .optional()
            .meta({ description: 'Required unless the token is limited to one organization.' }),
        }),
      },
      responses: {
        200: {
          description: `The ${options.noun}, by id.`,
          content: { 'application/json': { schema: listSchema } },
        },
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const organizationId = c.req.valid('query').organizationId ?? principal.organizationId;
      if (!organizationId) {
        throw new ApiError(400, 'VALIDATION_FAILED', 'organizationId is required.', [
          { path: 'organizationId', message: 'required' },
        ]);
      }
      if (!visibleTo(principal)(organizationId) || !(await deps.config.getOrganization(organizationId))) {
        throw notFound('organization', organizationId);
      }
      return c.json({ [options.key]: await options.list(organizationId) }, 200);
    },
  );
}
