import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grantsFromGroups, groupsOfClaim, parseGroup } from '../../shared/identity/oidcGroups';
import { canSeeComments, canSeeUnit, roleGrantSchema } from '../../shared/identity/roles';

describe('groups to role grants', () => {
  it('reads every group pattern', () => {
    expect(grantsFromGroups(['platform-admin'])).toEqual([{ role: 'platform-admin' }]);
    expect(grantsFromGroups(['org-admin:org-a'])).toEqual([{ role: 'org-admin', organizationId: 'org-a' }]);
    expect(grantsFromGroups(['area-manager:org-a:north'])).toEqual([
      { role: 'area-manager', organizationId: 'org-a', areaIds: ['north'] },
    ]);
    expect(grantsFromGroups(['unit-manager:org-a:u1'])).toEqual([
      { role: 'unit-manager', organizationId: 'org-a', unitIds: ['u1'] },
    ]);
    expect(grantsFromGroups(['viewer:org-a'])).toEqual([{ role: 'viewer', organizationId: 'org-a' }]);
    expect(grantsFromGroups(['viewer:org-a:area:north', 'viewer:org-a:unit:u9'])).toEqual([
      { role: 'viewer', organizationId: 'org-a', areaIds: ['north'], unitIds: ['u9'] },
    ]);
  });

  it('merges groups of one role and organization, and keeps organizations apart', () => {
    expect(
      grantsFromGroups([
        'unit-manager:org-b:u2',
        'unit-manager:org-a:u3',
        'unit-manager:org-a:u1',
        'unit-manager:org-a:u1',
        'area-manager:org-a:south',
        'area-manager:org-a:north',
        'org-admin:org-a',
        'org-admin:org-a',
      ]),
    ).toEqual([
      { role: 'org-admin', organizationId: 'org-a' },
      { role: 'area-manager', organizationId: 'org-a', areaIds: ['north', 'south'] },
      { role: 'unit-manager', organizationId: 'org-a', unitIds: ['u1', 'u3'] },
      { role: 'unit-manager', organizationId: 'org-b', unitIds: ['u2'] },
    ]);
  });

  it('keeps a viewer of the whole organization whole, whatever narrower viewer groups come with it', () => {
    expect(grantsFromGroups(['viewer:org-a:unit:u1', 'viewer:org-a', 'viewer:org-a:area:x'])).toEqual([
      { role: 'viewer', organizationId: 'org-a' },
    ]);
  });

  it('ignores groups that are not Palaute groups or have a malformed id', () => {
    for (const group of [
      'admins',
      'platform-admin:org-a',
      'org-admin',
      'org-admin:',
      'org-admin:org a',
      'org-admin:org-a:extra',
      'area-manager:org-a',
      'unit-manager:org-a:u1:u2',
      'viewer:org-a:u1',
      'viewer:org-a:unit:',
      'viewer:org-a:team:u1',
      'viewer:org-a:unit:u1:more',
      'Org-Admin:org-a',
      'eu-west-1_abc_EntraID',
    ]) {
      expect(parseGroup(group), group).toBeUndefined();
      expect(grantsFromGroups([group]), group).toEqual([]);
    }
  });

  const id = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,8}$/);
  const group = fc.oneof(
    fc.constant('platform-admin'),
    id.map((o) => `org-admin:${o}`),
    fc.tuple(id, id).map(([o, a]) => `area-manager:${o}:${a}`),
    fc.tuple(id, id).map(([o, u]) => `unit-manager:${o}:${u}`),
    id.map((o) => `viewer:${o}`),
    fc.tuple(id, id).map(([o, a]) => `viewer:${o}:area:${a}`),
    fc.tuple(id, id).map(([o, u]) => `viewer:${o}:unit:${u}`),
    fc.string(),
  );

  it('always gives valid grants, at most one per role and organization, in any order of the groups', () => {
    fc.assert(
      fc.property(fc.array(group, { maxLength: 30 }), (groups) => {
        const grants = grantsFromGroups(groups);
        for (const grant of grants) expect(roleGrantSchema.safeParse(grant).success).toBe(true);
        const keys = grants.map((g) => `${g.role}/${'organizationId' in g ? g.organizationId : ''}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(grantsFromGroups([...groups].reverse())).toEqual(grants);
      }),
    );
  });

  it('merging never loses nor widens access: a unit is covered iff one group alone covers it', () => {
    fc.assert(
      fc.property(
        fc.array(group, { maxLength: 12 }),
        id,
        id,
        id,
        (groups, organizationId, unitId, areaId) => {
          const unit = { organizationId, unitId, areaId };
          const merged = { username: 'x', roles: grantsFromGroups(groups) };
          const alone = groups.map((g) => ({ username: 'x', roles: grantsFromGroups([g]) }));
          expect(canSeeUnit(merged, unit)).toBe(alone.some((p) => canSeeUnit(p, unit)));
          expect(canSeeComments(merged, unit)).toBe(alone.some((p) => canSeeComments(p, unit)));
        },
      ),
    );
  });
});

describe('groups claim', () => {
  it('reads a list, and a string as a Cognito custom attribute holds one', () => {
    expect(groupsOfClaim(['a', 'b', 3])).toEqual(['a', 'b']);
    expect(groupsOfClaim('[org-admin:org-a, viewer:org-b]')).toEqual(['org-admin:org-a', 'viewer:org-b']);
    expect(groupsOfClaim('["org-admin:org-a","viewer:org-b"]')).toEqual(['org-admin:org-a', 'viewer:org-b']);
    expect(groupsOfClaim('org-admin:org-a,viewer:org-b')).toEqual(['org-admin:org-a', 'viewer:org-b']);
    expect(groupsOfClaim(undefined)).toEqual([]);
    expect(groupsOfClaim(42)).toEqual([]);
  });
});
