import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canConfigure,
  canSeeComments,
  canSeeOrganization,
  canSeeUnit,
  type Person,
  type RoleGrant,
  roleGrantSchema,
  type UnitScope,
} from '../../../shared/identity/roles';

const person = (...roles: RoleGrant[]): Person => ({ username: 'someone', roles });
const unit = (organizationId: string, unitId: string, areaId?: string): UnitScope => ({
  organizationId,
  unitId,
  ...(areaId ? { areaId } : {}),
});

const ownUnitInArea = unit('org-a', 'u1', 'north');
const otherUnitInArea = unit('org-a', 'u2', 'north');
const unitInOtherArea = unit('org-a', 'u3', 'south');
const unitWithoutArea = unit('org-a', 'u4');
const sameIdsOtherOrg = unit('org-b', 'u1', 'north');
const UNITS = [ownUnitInArea, otherUnitInArea, unitInOtherArea, unitWithoutArea, sameIdsOtherOrg];

/** Every role against every unit: [reports, comments] for u1/north, u2/north, u3/south, u4/-, org-b's u1/north. */
const CASES: [string, RoleGrant, boolean[], boolean[]][] = [
  [
    'platform-admin',
    { role: 'platform-admin' },
    [true, true, true, true, true],
    [true, true, true, true, true],
  ],
  [
    'org-admin',
    { role: 'org-admin', organizationId: 'org-a' },
    [true, true, true, true, false],
    [true, true, true, true, false],
  ],
  [
    'area-manager',
    { role: 'area-manager', organizationId: 'org-a', areaIds: ['north'] },
    [true, true, false, false, false],
    [true, true, false, false, false],
  ],
  [
    'unit-manager',
    { role: 'unit-manager', organizationId: 'org-a', unitIds: ['u1'] },
    [true, false, false, false, false],
    [true, false, false, false, false],
  ],
  [
    'viewer of the organization',
    { role: 'viewer', organizationId: 'org-a' },
    [true, true, true, true, false],
    [false, false, false, false, false],
  ],
  [
    'viewer of an area',
    { role: 'viewer', organizationId: 'org-a', areaIds: ['south'] },
    [false, false, true, false, false],
    [false, false, false, false, false],
  ],
  [
    'viewer of a unit',
    { role: 'viewer', organizationId: 'org-a', unitIds: ['u4'] },
    [false, false, false, true, false],
    [false, false, false, false, false],
  ],
];

describe('role scope', () => {
  it.each(CASES)(
    '%s sees exactly its units, and comments only where its role allows',
    (_, grant, reports, comments) => {
      const p = person(grant);
      expect(UNITS.map((u) => canSeeUnit(p, u))).toEqual(reports);
      expect(UNITS.map((u) => canSeeComments(p, u))).toEqual(comments);
    },
  );

  it('opens an organization for any grant in it, and every one for a platform admin', () => {
    for (const [, grant] of CASES) {
      expect(canSeeOrganization(person(grant), 'org-a')).toBe(true);
      expect(canSeeOrganization(person(grant), 'org-b')).toBe(grant.role === 'platform-admin');
    }
    expect(canSeeOrganization(person(), 'org-a')).toBe(false);
  });

  it('lets only platform admins and the organization’s own admins configure it', () => {
    const allowed = CASES.filter(([, grant]) => canConfigure(person(grant), 'org-a')).map(([name]) => name);
    expect(allowed).toEqual(['platform-admin', 'org-admin']);
    expect(canConfigure(person({ role: 'org-admin', organizationId: 'org-a' }), 'org-b')).toBe(false);
  });

  it('adds grants up: a viewer of the organization who manages one unit reads that unit’s comments only', () => {
    const p = person(
      { role: 'viewer', organizationId: 'org-a' },
      { role: 'unit-manager', organizationId: 'org-a', unitIds: ['u2'] },
    );
    expect(UNITS.map((u) => canSeeComments(p, u))).toEqual([false, true, false, false, false]);
  });

  it('sees nothing without grants', () => {
    const nobody = person();
    expect(UNITS.some((u) => canSeeUnit(nobody, u) || canSeeComments(nobody, u))).toBe(false);
  });

  it('refuses grants that lack their scope or carry foreign fields', () => {
    expect(roleGrantSchema.safeParse({ role: 'org-admin' }).success).toBe(false);
    expect(
      roleGrantSchema.safeParse({ role: 'area-manager', organizationId: 'o', areaIds: [] }).success,
    ).toBe(false);
    expect(roleGrantSchema.safeParse({ role: 'unit-manager', organizationId: 'o' }).success).toBe(false);
    expect(roleGrantSchema.safeParse({ role: 'platform-admin', organizationId: 'o' }).success).toBe(false);
    expect(roleGrantSchema.safeParse({ role: 'owner' }).success).toBe(false);
    expect(roleGrantSchema.safeParse({ role: 'viewer', organizationId: 'o', unitIds: ['u'] }).success).toBe(
      true,
    );
  });
});

const ids = fc.constantFrom('a', 'b', 'c', 'd');
const scopedGrant: fc.Arbitrary<RoleGrant> = fc.oneof(
  fc.record({ role: fc.constant('org-admin' as const), organizationId: ids }),
  fc.record({
    role: fc.constant('area-manager' as const),
    organizationId: ids,
    areaIds: fc.array(ids, { minLength: 1 }),
  }),
  fc.record({
    role: fc.constant('unit-manager' as const),
    organizationId: ids,
    unitIds: fc.array(ids, { minLength: 1 }),
  }),
  fc.record(
    {
      role: fc.constant('viewer' as const),
      organizationId: ids,
      areaIds: fc.array(ids, { minLength: 1 }),
      unitIds: fc.array(ids, { minLength: 1 }),
    },
    { requiredKeys: ['role', 'organizationId'] },
  ),
);
const anyUnit = fc.record(
  { organizationId: ids, unitId: ids, areaId: ids },
  { requiredKeys: ['organizationId', 'unitId'] },
);

/** What a grant names outright: the oracle the property compares against. */
function namedByGrant(grant: RoleGrant, u: UnitScope): boolean {
  if (grant.role === 'platform-admin' || grant.organizationId !== u.organizationId)
    return grant.role === 'platform-admin';
  const areas = 'areaIds' in grant ? (grant.areaIds ?? []) : [];
  const units = 'unitIds' in grant ? (grant.unitIds ?? []) : [];
  const wholeOrganization =
    grant.role === 'org-admin' ||
    (grant.role === 'viewer' &&
      !('areaIds' in grant && grant.areaIds) &&
      !('unitIds' in grant && grant.unitIds));
  return (
    wholeOrganization || units.includes(u.unitId) || (u.areaId !== undefined && areas.includes(u.areaId))
  );
}

describe('role scope, property', () => {
  it('shows nothing outside the grants: no unit, organization, comment or configuration beyond them', () => {
    fc.assert(
      fc.property(fc.array(scopedGrant, { maxLength: 4 }), anyUnit, (grants, u) => {
        const p = person(...grants);
        const named = grants.some((g) => namedByGrant(g, u));
        if (canSeeUnit(p, u)) expect(named).toBe(true);
        if (canSeeComments(p, u)) {
          expect(canSeeUnit(p, u)).toBe(true);
          expect(grants.some((g) => g.role !== 'viewer' && namedByGrant(g, u))).toBe(true);
        }
        if (canSeeOrganization(p, u.organizationId))
          expect(
            grants.some((g) => g.role !== 'platform-admin' && g.organizationId === u.organizationId),
          ).toBe(true);
        if (canConfigure(p, u.organizationId))
          expect(grants.some((g) => g.role === 'org-admin' && g.organizationId === u.organizationId)).toBe(
            true,
          );
        // And everything the grants name is visible.
        if (named) expect(canSeeUnit(p, u)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
