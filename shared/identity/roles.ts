import * as z from 'zod';
import { configIdSchema } from '../schemas/config';

/**
 * Roles of the people's console. Every grant but `platform-admin` belongs to one organization, so a
 * grant can never reach into another organization, even if two organizations used the same area or
 * unit ids.
 */
export const ROLES = ['platform-admin', 'org-admin', 'area-manager', 'unit-manager', 'viewer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

const idList = z.array(configIdSchema).min(1, 'list at least one id');

export const platformAdminGrantSchema = z.strictObject({ role: z.literal('platform-admin') });
/** One organization: its configuration and reports, comments included. */
export const orgAdminGrantSchema = z.strictObject({
  role: z.literal('org-admin'),
  organizationId: configIdSchema,
});
/** Reports and comments of the units in the listed areas. */
export const areaManagerGrantSchema = z.strictObject({
  role: z.literal('area-manager'),
  organizationId: configIdSchema,
  areaIds: idList,
});
/** Reports and comments of the listed units. */
export const unitManagerGrantSchema = z.strictObject({
  role: z.literal('unit-manager'),
  organizationId: configIdSchema,
  unitIds: idList,
});
/**
 * Reports without comments: of the whole organization, or, when areas or units are listed, of the
 * units in those areas and those units only.
 */
export const viewerGrantSchema = z.strictObject({
  role: z.literal('viewer'),
  organizationId: configIdSchema,
  areaIds: idList.optional(),
  unitIds: idList.optional(),
});

export const roleGrantSchema = z.discriminatedUnion('role', [
  platformAdminGrantSchema,
  orgAdminGrantSchema,
  areaManagerGrantSchema,
  unitManagerGrantSchema,
  viewerGrantSchema,
]);
export type RoleGrant = z.infer<typeof roleGrantSchema>;

/** Who is signed in: the username and everything granted to them. */
export const personSchema = z.object({
  username: z.string().min(1),
  roles: z.array(roleGrantSchema),
});
export type Person = z.infer<typeof personSchema>;

/** What scope checks need to know of a unit. */
export interface UnitScope {
  unitId: string;
  organizationId: string;
  areaId?: string;
}

/** Whether one grant covers the unit's reports. */
function grantCoversUnit(grant: RoleGrant, unit: UnitScope): boolean {
  if (grant.role === 'platform-admin') return true;
  if (grant.organizationId !== unit.organizationId) return false;
  switch (grant.role) {
    case 'org-admin':
      return true;
    case 'area-manager':
      return inArea(grant.areaIds, unit);
    case 'unit-manager':
      return grant.unitIds.includes(unit.unitId);
    case 'viewer':
      if (grant.areaIds === undefined && grant.unitIds === undefined) return true;
      return inArea(grant.areaIds ?? [], unit) || (grant.unitIds ?? []).includes(unit.unitId);
  }
}

const inArea = (areaIds: readonly string[], unit: UnitScope) =>
  unit.areaId !== undefined && areaIds.includes(unit.areaId);

/**
 * Whether the person may open the organization at all (its pages list only what `canSeeUnit`
 * allows): any grant in it does, and a platform admin sees every organization.
 */
export function canSeeOrganization(person: Person, organizationId: string): boolean {
  return person.roles.some(
    (grant) => grant.role === 'platform-admin' || grant.organizationId === organizationId,
  );
}

/** Whether the person may see the unit's reports. */
export function canSeeUnit(person: Person, unit: UnitScope): boolean {
  return person.roles.some((grant) => grantCoversUnit(grant, unit));
}

/** Whether the person may read the unit's free-text comments: every role that sees it but `viewer`. */
export function canSeeComments(person: Person, unit: UnitScope): boolean {
  return person.roles.some((grant) => grant.role !== 'viewer' && grantCoversUnit(grant, unit));
}

/** Whether the person may change the organization's configuration (units, rules, templates, …). */
export function canConfigure(person: Person, organizationId: string): boolean {
  return person.roles.some(
    (grant) =>
      grant.role === 'platform-admin' ||
      (grant.role === 'org-admin' && grant.organizationId === organizationId),
  );
}
