import {
  configIdSchema,
  mergeRules,
  type OrganizationBody,
  organizationBodySchema,
  organizationSchema,
} from '../../schemas/config';
import type { VersionedResource } from '../../services/configuration';
import { dangerousSettings, parseWith, questionSetProblems, smsNameProblems } from './checks';
import { type AdminApp, type AdminDeps, mountVersionedRoutes } from './versioned';

export function organizationResource(
  deps: Pick<AdminDeps, 'config' | 'clock' | 'publicBaseUrl'>,
): VersionedResource<'organization', OrganizationBody> {
  return {
    kind: 'organization',
    parseBody: parseWith(organizationBodySchema),
    bodyOf: ({ organizationId, version, updatedAt, ...body }) => body,
    toRecord: (organizationId, body, meta) => ({ ...body, organizationId, ...meta }),
    organizationOf: (organizationId) => organizationId,
    organizationOfId: (organizationId) => organizationId,
    async check(organizationId, body) {
      // The templates are checked with the longest name any unit may give (no `names`): a unit saved
      // later cannot make them too long.
      const settings = dangerousSettings(
        mergeRules(undefined, body.defaults),
        {
          timeZone: body.timeZone,
          enabled: true,
          publicBaseUrl: deps.publicBaseUrl,
          templates: body.smsTemplates,
          now: deps.clock.now(),
        },
        'defaults',
      );
      return {
        problems: [
          ...smsNameProblems(body.name, 'name'),
          ...(await questionSetProblems(deps.config, organizationId, body.defaults, 'defaults')),
          ...settings.problems,
        ],
        warnings: settings.warnings,
      };
    },
  };
}

/** `/organizations/{organizationId}` and its history. */
export function mountOrganizations(app: AdminApp, deps: AdminDeps) {
  mountVersionedRoutes(app, deps, {
    resource: organizationResource(deps),
    noun: 'organization',
    tag: 'Organizations',
    path: '/organizations/{organizationId}',
    idParam: 'organizationId',
    idSchema: configIdSchema,
    bodySchema: organizationBodySchema.meta({ id: 'OrganizationBody' }),
    recordSchema: organizationSchema,
    putNotes: 'Rules left out of `defaults` fall back to the system defaults.',
  });
}
