/**
 * The one scope rule of the admin screens: a record is shown or changed only when the person may
 * configure its organization (`canConfigure`); anything else reads exactly like a missing record.
 */
import { canConfigure, type Person } from '../../../identity/roles';
import type { ConfigStore, VersionedKind, VersionedRecords } from '../../../ports';
import type { Area, HistoryEntry, Organization, Unit } from '../../../schemas/config';
import type { QuestionSetRecord } from '../../../schemas/questionSets';

/** How many changes a stale form shows at most (the newest); the history page has them all. */
export const MAX_STALE_CHANGES = 20;

/** The organizations the person configures: every one for a platform admin. */
export async function configurableOrganizations(
  config: ConfigStore,
  person: Person,
): Promise<Organization[]> {
  if (person.roles.some((grant) => grant.role === 'platform-admin')) return config.listOrganizations();
  const ids = [
    ...new Set(person.roles.flatMap((grant) => (grant.role === 'org-admin' ? [grant.organizationId] : []))),
  ];
  const found = await Promise.all(ids.map((id) => config.getOrganization(id)));
  return found.filter((organization): organization is Organization => organization !== undefined);
}

/** The organization (its current version), if the person configures it. */
export async function configurableOrganization(
  config: ConfigStore,
  person: Person,
  organizationId: string,
): Promise<Organization | undefined> {
  if (!canConfigure(person, organizationId)) return undefined;
  return config.readVersioned('organization', organizationId);
}

/** The unit (its current version) with its organization, if the person configures it. */
export async function configurableUnit(
  config: ConfigStore,
  person: Person,
  unitId: string,
): Promise<{ unit: Unit; organization: Organization } | undefined> {
  const unit = await config.readVersioned('unit', unitId);
  if (!unit || !canConfigure(person, unit.organizationId)) return undefined;
  const organization = await config.getOrganization(unit.organizationId);
  return organization ? { unit, organization } : undefined;
}

export async function configurableArea(
  config: ConfigStore,
  person: Person,
  areaId: string,
): Promise<{ area: Area; organization: Organization } | undefined> {
  const area = await config.readVersioned('area', areaId);
  if (!area || !canConfigure(person, area.organizationId)) return undefined;
  const organization = await config.getOrganization(area.organizationId);
  return organization ? { area, organization } : undefined;
}

/** An own question set of the organization (another organization's set reads as missing). */
export async function ownQuestionSet(
  config: ConfigStore,
  organizationId: string,
  questionSetId: string,
): Promise<QuestionSetRecord | undefined> {
  const set = await config.readVersioned('questionSet', questionSetId);
  return set && set.organizationId === organizationId ? set : undefined;
}

/** The history entries written after `version`, newest first (at most MAX_STALE_CHANGES). */
export async function changesSince<K extends VersionedKind>(
  config: ConfigStore,
  kind: K,
  id: string,
  version: number,
  current: VersionedRecords[K] | undefined,
): Promise<HistoryEntry[]> {
  if (!current || current.version <= version) return [];
  const page = await config.history(kind, id, {
    limit: Math.min(current.version - version, MAX_STALE_CHANGES),
  });
  return page.entries.filter((entry) => entry.version > version);
}

/** The version a form was based on (its hidden field), or undefined when it is not a version. */
export const formVersion = (value: string | undefined): number | undefined =>
  value !== undefined && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : undefined;
