import { configIdSchema, mergeRules, type UnitBody, unitBodySchema, unitSchema } from '../../schemas/config';
import type { VersionedResource } from '../../services/configuration';
import { areaProblems } from './areas';
import { dangerousSettings, parseWith, questionSetProblems, smsNameProblems } from './checks';
import { mountOrganizationList } from './organizationList';
import { type AdminApp, type AdminDeps, mountVersionedRoutes } from './versioned';

export function unitResource(
  deps: Pick<AdminDeps, 'config' | 'clock' | 'publicBaseUrl'>,
): VersionedResource<'unit', UnitBody> {
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

  mountOrganizationList(app, deps, {
    path: '/units',
    tag: 'Units',
    noun: 'units',
    key: 'units',
    item: unitSchema,
    listId: 'UnitList',
    list: (organizationId) => deps.config.listUnits(organizationId),
  });
}
