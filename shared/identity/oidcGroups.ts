import { configIdSchema } from '../schemas/config';
import type { RoleGrant } from './roles';

/**
 * How an identity provider's groups (Cognito groups, Entra ID app roles, …) become role grants. A
 * group name is the role and its scope joined by `:`:
 *
 * - `platform-admin`
 * - `org-admin:{organizationId}`
 * - `area-manager:{organizationId}:{areaId}`
 * - `unit-manager:{organizationId}:{unitId}`
 * - `viewer:{organizationId}` (the whole organization)
 * - `viewer:{organizationId}:area:{areaId}` and `viewer:{organizationId}:unit:{unitId}`
 *
 * One id per group keeps the groups small and each one meaningful on its own; a person's groups of
 * the same role and organization merge into one grant. Anything else is ignored: the provider may
 * well carry groups of other applications.
 */
export const GROUP_PATTERNS = [
  'platform-admin',
  'org-admin:{organizationId}',
  'area-manager:{organizationId}:{areaId}',
  'unit-manager:{organizationId}:{unitId}',
  'viewer:{organizationId}',
  'viewer:{organizationId}:area:{areaId}',
  'viewer:{organizationId}:unit:{unitId}',
] as const;

type Parsed =
  | { role: 'platform-admin' }
  | { role: 'org-admin'; organizationId: string }
  | { role: 'area-manager'; organizationId: string; areaId: string }
  | { role: 'unit-manager'; organizationId: string; unitId: string }
  | { role: 'viewer'; organizationId: string; areaId?: string; unitId?: string };

const isId = (text: string | undefined): text is string =>
  text !== undefined && configIdSchema.safeParse(text).success;

/** One group name as what it grants, or `undefined` when it is not a Palaute group. */
export function parseGroup(group: string): Parsed | undefined {
  const [role, organizationId, third, fourth, ...rest] = group.split(':');
  if (rest.length > 0) return undefined;
  if (role === 'platform-admin') return organizationId === undefined ? { role } : undefined;
  if (!isId(organizationId)) return undefined;
  switch (role) {
    case 'org-admin':
      return third === undefined ? { role, organizationId } : undefined;
    case 'area-manager':
      return isId(third) && fourth === undefined ? { role, organizationId, areaId: third } : undefined;
    case 'unit-manager':
      return isId(third) && fourth === undefined ? { role, organizationId, unitId: third } : undefined;
    case 'viewer':
      if (third === undefined) return { role, organizationId };
      if (third === 'area' && isId(fourth)) return { role, organizationId, areaId: fourth };
      if (third === 'unit' && isId(fourth)) return { role, organizationId, unitId: fourth };
      return undefined;
    default:
      return undefined;
  }
}

const sortedUnique = (ids: Iterable<string>) => [...new Set(ids)].sort();

/**
 * The grants a person's groups give, merged per role and organization, in a stable order. A viewer
 * of the whole organization stays one: listing areas or units would narrow what the group gave.
 */
export function grantsFromGroups(groups: readonly string[]): RoleGrant[] {
  let platformAdmin = false;
  const orgAdmins = new Set<string>();
  const areaManagers = new Map<string, Set<string>>();
  const unitManagers = new Map<string, Set<string>>();
  const viewers = new Map<string, { whole: boolean; areas: Set<string>; units: Set<string> }>();
  const add = (map: Map<string, Set<string>>, organizationId: string, id: string) => {
    const ids = map.get(organizationId) ?? new Set<string>();
    ids.add(id);
    map.set(organizationId, ids);
  };

  for (const group of groups) {
    const parsed = parseGroup(group);
    if (!parsed) continue;
    switch (parsed.role) {
      case 'platform-admin':
        platformAdmin = true;
        break;
      case 'org-admin':
        orgAdmins.add(parsed.organizationId);
        break;
      case 'area-manager':
        add(areaManagers, parsed.organizationId, parsed.areaId);
        break;
      case 'unit-manager':
        add(unitManagers, parsed.organizationId, parsed.unitId);
        break;
      case 'viewer': {
        const viewer = viewers.get(parsed.organizationId) ?? {
          whole: false,
          areas: new Set<string>(),
          units: new Set<string>(),
        };
        if (parsed.areaId !== undefined) viewer.areas.add(parsed.areaId);
        else if (parsed.unitId !== undefined) viewer.units.add(parsed.unitId);
        else viewer.whole = true;
        viewers.set(parsed.organizationId, viewer);
        break;
      }
    }
  }

  const grants: RoleGrant[] = [];
  if (platformAdmin) grants.push({ role: 'platform-admin' });
  for (const organizationId of sortedUnique(orgAdmins)) grants.push({ role: 'org-admin', organizationId });
  for (const organizationId of sortedUnique(areaManagers.keys()))
    grants.push({
      role: 'area-manager',
      organizationId,
      areaIds: sortedUnique(areaManagers.get(organizationId) ?? []),
    });
  for (const organizationId of sortedUnique(unitManagers.keys()))
    grants.push({
      role: 'unit-manager',
      organizationId,
      unitIds: sortedUnique(unitManagers.get(organizationId) ?? []),
    });
  for (const organizationId of sortedUnique(viewers.keys())) {
    const viewer = viewers.get(organizationId);
    if (!viewer) continue;
    if (viewer.whole) grants.push({ role: 'viewer', organizationId });
    else
      grants.push({
        role: 'viewer',
        organizationId,
        ...(viewer.areas.size > 0 ? { areaIds: sortedUnique(viewer.areas) } : {}),
        ...(viewer.units.size > 0 ? { unitIds: sortedUnique(viewer.units) } : {}),
      });
  }
  return grants;
}

/**
 * The group names in a token claim: a list of strings as OpenID providers send them, or one string
 * as a Cognito custom attribute mapped from a federated provider holds them (`[a, b]` or `a,b`).
 */
export function groupsOfClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\s*\[|\]\s*$/g, '')
    .split(/[,\s]+/)
    .map((item) => item.replace(/^"|"$/g, ''))
    .filter((item) => item.length > 0);
}
