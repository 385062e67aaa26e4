import { type AreaBody, areaBodySchema, areaSchema, configIdSchema } from '../../schemas/config';
import type { FieldProblem, VersionedResource } from '../../services/configuration';
import { parseWith } from './checks';
import { mountOrganizationList } from './organizationList';
import { type AdminApp, type AdminDeps, mountVersionedRoutes } from './versioned';

export function areaResource(deps: AdminDeps): VersionedResource<'area', AreaBody> {
  return {
    kind: 'area',
    parseBody: parseWith(areaBodySchema),
    bodyOf: ({ areaId, version, updatedAt, ...body }) => body,
    toRecord: (areaId, body, meta) => ({ ...body, areaId, ...meta }),
    organizationOf: (_areaId, area) => area.organizationId,
    async check(areaId, body, current, canSee) {
      // An area's reports are cells of its organization: it cannot move to another one.
      if (current && current.organizationId !== body.organizationId) {
        return { conflict: `Area ${areaId} belongs to ${current.organizationId}; areas do not move.` };
      }
      if (!canSee(body.organizationId) || !(await deps.config.getOrganization(body.organizationId))) {
        return {
          problems: [
            { path: 'organizationId', message: `no organization ${body.organizationId}; create it first` },
          ],
        };
      }
      return { problems: [] };
    },
  };
}

/**
 * A unit's `areaId` must name an area of the unit's own organization; an area of another organization
 * reads exactly like a missing one.
 */
export async function areaProblems(
  deps: Pick<AdminDeps, 'config'>,
  areaId: string | undefined,
  organizationId: string,
): Promise<FieldProblem[]> {
  if (areaId === undefined) return [];
  const area = await deps.config.getArea(areaId);
  if (area && area.organizationId === organizationId) return [];
  return [{ path: 'areaId', message: `no area ${areaId} in organization ${organizationId}` }];
}

/** `/areas/{areaId}` with its history, and `/areas?organizationId=`. */
export function mountAreas(app: AdminApp, deps: AdminDeps) {
  mountVersionedRoutes(app, deps, {
    resource: areaResource(deps),
    noun: 'area',
    tag: 'Areas',
    path: '/areas/{areaId}',
    idParam: 'areaId',
    idSchema: configIdSchema,
    bodySchema: areaBodySchema.meta({ id: 'AreaBody' }),
    recordSchema: areaSchema,
    putNotes:
      'An area (toimialue / palvelualue) groups units of its organization for reports; a unit names it in `areaId`. An area stays in its organization (409).',
  });

  mountOrganizationList(app, deps, {
    path: '/areas',
    tag: 'Areas',
    noun: 'areas',
    key: 'areas',
    item: areaSchema,
    listId: 'AreaList',
    list: (organizationId) => deps.config.listAreas(organizationId),
  });
}
