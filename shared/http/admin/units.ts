import { createRoute, z } from '@hono/zod-openapi';
import { configIdSchema, mergeRules, type UnitBody, unitBodySchema, unitSchema } from '../../schemas/config';
import type { VersionedResource } from '../../services/configuration';
import { requireScope } from '../auth';
import { ApiError } from '../errors';
import { bearerSecurity, errorResponses } from '../openapi';
import { areaProblems } from './areas';
import { dangerousSettings, parseWith, questionSetProblems, smsNameProblems } from './checks';
import { type AdminApp, type AdminDeps, mountVersionedRoutes, notFound, visibleTo } from './versioned';

export function unitResource(deps: AdminDeps): VersionedResource<'unit', UnitBody> {
  return {
    kind: 'unit',
    parseBody: parseWith(unitBodySchema),
    bodyOf: ({ unitId, version, updatedAt, ...body }) => body,
    toRecord: (unitId, body, meta) => ({ ...body, unitId, ...meta }),
    organizationOf: (_unitId, unit) => unit.organizationId,
    async check(unitId, body, current, canSee) {
      if (current && current.organizationId !== body.organizationId) {
        return { conflict: `Unit ${unitId} belongs to ${current.organizationId}; units do not move.` };
      }
      const problems = [
        ...smsNameProblems(body.smsName, 'smsName'),
        ...(await questionSetProblems(deps.config, body.organizationId, body.rules, 'rules')),
      ];
      // An organization outside the token's reach reads exactly like a missing one.
      const organization = canSee(body.organizationId)
        ? await deps.config.getOrganization(body.organizationId)
        : undefined;
      if (!organization) {
        problems.unshift({
          path: 'organizationId',
          message: `no organization ${body.organizationId}; create it first`,
        });
        return { problems };
      }
      problems.push(...(await areaProblems(deps, body.areaId, body.organizationId)));
      const settings = dangerousSettings(
        mergeRules(body.rules, organization.defaults),
        {
          timeZone: organization.timeZone,
          enabled: body.enabled,
          publicBaseUrl: deps.publicBaseUrl,
          now: deps.clock.now(),
        },
        'rules',
      );
      return { problems: [...problems, ...settings.problems], warnings: settings.warnings };
    },
  };
}

const unitListSchema = z.object({ units: z.array(unitSchema) }).meta({ id: 'UnitList' });

/** `/units/{unitId}` with its history, and `/units?organizationId=`. */
export function mountUnits(app: AdminApp, deps: AdminDeps) {
  mountVersionedRoutes(app, deps, {
    resource: unitResource(deps),
    noun: 'unit',
    tag: 'Units',
    path: '/units/{unitId}',
    idParam: 'unitId',
    idSchema: configIdSchema,
    bodySchema: unitBodySchema.meta({ id: 'UnitBody' }),
    recordSchema: unitSchema,
    putNotes:
      "Rules left out of `rules` fall back to the organization's `defaults`, then to the system defaults. `areaId`, if given, names an area of the same organization. A unit stays in its organization (409).",
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/units',
      tags: ['Units'],
      summary: 'List the units of an organization',
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
          description: 'The units, by id.',
          content: { 'application/json': { schema: unitListSchema } },
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
      return c.json({ units: await deps.config.listUnits(organizationId) }, 200);
    },
  );
}
