import { templateProblems } from '../../domain/sms';
import {
  configIdSchema,
  LANGUAGES,
  MAX_SMS_NAME_LENGTH,
  type OrganizationBody,
  organizationBodySchema,
  organizationSchema,
} from '../../schemas/config';
import type { VersionedResource } from '../../services/configuration';
import { parseWith, questionSetProblems, smsNameProblems } from './checks';
import { type AdminApp, type AdminDeps, mountVersionedRoutes } from './versioned';

export function organizationResource(deps: AdminDeps): VersionedResource<'organization', OrganizationBody> {
  return {
    kind: 'organization',
    parseBody: parseWith(organizationBodySchema),
    bodyOf: ({ organizationId, version, updatedAt, ...body }) => body,
    toRecord: (organizationId, body, meta) => ({ ...body, organizationId, ...meta }),
    organizationOf: (organizationId) => organizationId,
    organizationOfId: (organizationId) => organizationId,
    async check(organizationId, body) {
      return {
        problems: [
          ...smsNameProblems(body.name, 'name'),
          ...LANGUAGES.flatMap((language) =>
            templateProblems(body.smsTemplates[language], deps.publicBaseUrl, MAX_SMS_NAME_LENGTH).map(
              (message) => ({
                path: `smsTemplates.${language}`,
                message,
              }),
            ),
          ),
          ...(await questionSetProblems(deps.config, organizationId, body.defaults, 'defaults')),
        ],
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
