/**
 * Open links per unit (`/units/{unitId}/open-links`), their QR posters, and paper answers keyed in by
 * staff (`/units/{unitId}/paper-answers`). Admin scope; a unit outside the token's organization is 404.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { configIdSchema } from '../../schemas/config';
import {
  type OpenLink,
  openLinkBodySchema,
  openLinkIdSchema,
  openLinkSchema,
  paperAnswerBodySchema,
} from '../../schemas/openLinks';
import { channelSchema, respondentSchema } from '../../schemas/records';
import {
  createOpenLink,
  getUnitOpenLink,
  listOpenLinks,
  type OpenLinkDeps,
  revokeOpenLink,
  type UnitOpenLink,
} from '../../services/openLinks';
import { storePaperAnswer } from '../../services/paperAnswers';
import {
  type Authenticator,
  type AuthVariables,
  assertOrganizationAccess,
  notFound,
  requireScope,
} from '../auth';
import { ApiError, requireJsonBody } from '../errors';
import { bearerSecurity, documentedApp, errorResponses } from '../openapi';
import { openLinkUrl, posterResponse } from './poster';

export interface OpenLinkApiDeps extends OpenLinkDeps {
  authenticate: Authenticator;
  publicBaseUrl: string;
}

const linkAddressesSchema = z.object({
  url: z
    .url()
    .meta({ description: '`/f/{openLinkId}` (QR, web) or `/k/{openLinkId}` (kiosk) under PUBLIC_BASE_URL.' }),
  posterUrl: z.url().meta({ description: 'The printable poster (SVG) of the link; admin scope.' }),
});
const createdSchema = z
  .object({ openLinkId: openLinkIdSchema })
  .extend(linkAddressesSchema.shape)
  .meta({ id: 'OpenLinkCreated' });
const listSchema = z
  .object({ openLinks: z.array(openLinkSchema.extend(linkAddressesSchema.shape)) })
  .meta({ id: 'OpenLinkList' });
const paperStoredSchema = z
  .object({
    answerId: z.string(),
    channel: channelSchema,
    respondent: respondentSchema,
    questionSetId: z.string(),
    visitDate: z.iso.date(),
  })
  .meta({ id: 'PaperAnswerStored' });

const unitParams = z.object({ unitId: configIdSchema });
const linkParams = z.object({ unitId: configIdSchema, openLinkId: z.string().max(100) });

const invalid = (problems: { path: string; message: string }[]) =>
  new ApiError(400, 'VALIDATION_FAILED', 'The request is not valid; see details for each field.', problems);

/** A missing unit and one outside the caller's scope answer alike; so does a link of another unit. */
function linkOrThrow(found: UnitOpenLink) {
  if (found.status === 'unknown-unit') throw notFound('unit');
  if (found.status === 'unknown-link') throw new ApiError(404, 'NOT_FOUND', 'No such open link.');
  return found;
}

export function openLinksApi(deps: OpenLinkApiDeps) {
  const app = documentedApp<AuthVariables>();
  const admin = requireScope(deps.authenticate, 'admin');
  const root = deps.publicBaseUrl.replace(/\/+$/, '');
  const addresses = (link: Pick<OpenLink, 'openLinkId' | 'unitId' | 'channel'>) => ({
    url: openLinkUrl(root, link),
    posterUrl: `${root}/api/v1/units/${encodeURIComponent(link.unitId)}/open-links/${link.openLinkId}/poster`,
  });
  const scoped = (c: { get(key: 'principal'): AuthVariables['principal'] }) => (organizationId: string) =>
    assertOrganizationAccess(c.get('principal'), organizationId, 'unit');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/units/{unitId}/open-links',
      tags: ['Open links'],
      summary: 'Create an open link (QR poster, web link or kiosk) for a unit',
      description:
        'Anyone with the link may answer, any number of times, within the abuse protection (docs/survey.md). Answers record the link’s `channel` and `respondent`; the question set is the link’s, or the unit’s when answered.',
      security: bearerSecurity,
      middleware: [admin, requireJsonBody] as const,
      request: {
        params: unitParams,
        body: { required: true, content: { 'application/json': { schema: openLinkBodySchema } } },
      },
      responses: {
        201: { description: 'The link.', content: { 'application/json': { schema: createdSchema } } },
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const result = await createOpenLink(deps, {
        unitId: c.req.valid('param').unitId,
        body: c.req.valid('json'),
        by: c.get('principal').id,
        authorize: scoped(c),
      });
      if (result.status === 'unknown-unit') throw notFound('unit');
      if (result.status === 'invalid') throw invalid(result.problems);
      return c.json({ openLinkId: result.link.openLinkId, ...addresses(result.link) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/units/{unitId}/open-links',
      tags: ['Open links'],
      summary: 'List the open links of a unit, revoked ones too, with their rejected-answer counts',
      security: bearerSecurity,
      middleware: [admin] as const,
      request: { params: unitParams },
      responses: {
        200: {
          description: 'The links, oldest first.',
          content: { 'application/json': { schema: listSchema } },
        },
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const links = await listOpenLinks(deps, { unitId: c.req.valid('param').unitId, authorize: scoped(c) });
      if (!links) throw notFound('unit');
      return c.json({ openLinks: links.map((link) => ({ ...link, ...addresses(link) })) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/units/{unitId}/open-links/{openLinkId}',
      tags: ['Open links'],
      summary: 'Revoke an open link: from then on it answers 410',
      security: bearerSecurity,
      middleware: [admin] as const,
      request: { params: linkParams },
      responses: {
        204: { description: 'Revoked (also when it already was).' },
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const { unitId, openLinkId } = c.req.valid('param');
      linkOrThrow(await revokeOpenLink(deps, { unitId, openLinkId, authorize: scoped(c) }));
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/units/{unitId}/open-links/{openLinkId}/poster',
      tags: ['Open links'],
      summary: 'The printable A4 poster of an open link (SVG)',
      description:
        'The unit’s name, an invitation in Finnish, Swedish and English, the QR code of the link and the link as text.',
      security: bearerSecurity,
      middleware: [admin] as const,
      request: { params: linkParams },
      responses: {
        200: { description: 'The poster.', content: { 'image/svg+xml': { schema: z.string() } } },
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const { unitId, openLinkId } = c.req.valid('param');
      const found = linkOrThrow(await getUnitOpenLink(deps, { unitId, openLinkId, authorize: scoped(c) }));
      const organization = await deps.config.getOrganization(found.unit.organizationId);
      const poster = posterResponse(deps.publicBaseUrl, found.link, found.unit, organization?.name.fi);
      return c.body(poster.svg, 200, poster.headers);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/units/{unitId}/paper-answers',
      tags: ['Open links'],
      summary: 'Store an answer from a paper form (channel `paper`)',
      description:
        'Checked against the unit’s question set like the web form: each answer by question id (`answers.nps`: 0–10, statements 1–5 or "na"), at least one answer or a comment. Stored anonymously; the response never echoes the comment.',
      security: bearerSecurity,
      middleware: [admin, requireJsonBody] as const,
      request: {
        params: unitParams,
        body: { required: true, content: { 'application/json': { schema: paperAnswerBodySchema } } },
      },
      responses: {
        201: { description: 'Stored.', content: { 'application/json': { schema: paperStoredSchema } } },
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const result = await storePaperAnswer(deps, {
        unitId: c.req.valid('param').unitId,
        body: c.req.valid('json'),
        authorize: scoped(c),
      });
      if (result.status === 'unknown-unit') throw notFound('unit');
      if (result.status === 'invalid') throw invalid(result.problems);
      const { answerId, channel, respondent, questionSetId, visitDate } = result.answer;
      return c.json({ answerId, channel, respondent, questionSetId, visitDate }, 201);
    },
  );
  return app;
}
