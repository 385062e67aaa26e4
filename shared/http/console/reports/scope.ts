import { canSeeComments, canSeeOrganization, canSeeUnit, type Person } from '../../../identity/roles';
import type { ConfigStore } from '../../../ports';
import { type Area, configIdSchema, type Organization, type Unit } from '../../../schemas/config';

/**
 * A unit id no configured unit can have (configuration ids have no NUL): a grant that covers it
 * covers every unit of its organization (or area), whatever their ids, and not just listed units.
 */
const ANY_UNIT = '\u0000';

/** Whether the person sees every unit of the organization, so also its own totals. */
export const seesWholeOrganization = (person: Person, organizationId: string) =>
  canSeeUnit(person, { unitId: ANY_UNIT, organizationId });

/** Whether the person sees every unit of the area, so also the area's totals. */
export const seesWholeArea = (person: Person, organizationId: string, areaId: string) =>
  canSeeUnit(person, { unitId: ANY_UNIT, organizationId, areaId });

/** An organization the person may open, with the units and areas of it within their scope. */
export interface OrganizationInScope {
  organization: Organization;
  units: Unit[];
  /** Areas whose every unit the person sees (so their totals too). */
  areas: Area[];
  /** Every area's name by id, to write beside a unit (a name tells nothing of figures). */
  areaNames: Map<string, Area['name']>;
  whole: boolean;
}

export async function organizationInScope(
  config: ConfigStore,
  person: Person,
  organizationId: string,
): Promise<OrganizationInScope | undefined> {
  if (!configIdSchema.safeParse(organizationId).success || !canSeeOrganization(person, organizationId))
    return undefined;
  const organization = await config.getOrganization(organizationId);
  if (!organization) return undefined;
  const [units, areas] = await Promise.all([
    config.listUnits(organizationId),
    config.listAreas(organizationId),
  ]);
  return {
    organization,
    units: units.filter((unit) => canSeeUnit(person, unit)),
    areas: areas.filter((area) => seesWholeArea(person, organizationId, area.areaId)),
    areaNames: new Map(areas.map((area) => [area.areaId, area.name])),
    whole: seesWholeOrganization(person, organizationId),
  };
}

/** A unit the person may see, with its organization and whether they may read its comments. */
export interface UnitInScope {
  unit: Unit;
  organization: Organization;
  area: Area | undefined;
  comments: boolean;
}

export async function unitInScope(
  config: ConfigStore,
  person: Person,
  unitId: string,
): Promise<UnitInScope | undefined> {
  if (!configIdSchema.safeParse(unitId).success) return undefined;
  const unit = await config.getUnit(unitId);
  if (!unit || !canSeeUnit(person, unit)) return undefined;
  const [organization, area] = await Promise.all([
    config.getOrganization(unit.organizationId),
    unit.areaId === undefined ? undefined : config.getArea(unit.areaId),
  ]);
  if (!organization) return undefined;
  return {
    unit,
    organization,
    area: area?.organizationId === unit.organizationId ? area : undefined,
    comments: canSeeComments(person, unit),
  };
}

/** The organizations a person may open: every one for a platform admin, else those of their grants. */
export async function organizationsOf(config: ConfigStore, person: Person): Promise<Organization[]> {
  if (person.roles.some((grant) => grant.role === 'platform-admin')) return config.listOrganizations();
  const ids = [
    ...new Set(person.roles.flatMap((g) => (g.role === 'platform-admin' ? [] : [g.organizationId]))),
  ];
  const found = await Promise.all(ids.map((id) => config.getOrganization(id)));
  return found.filter((o): o is Organization => o !== undefined);
}
