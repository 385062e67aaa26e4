import { createRoute, z } from '@hono/zod-openapi';
import {
  findQuestionSet,
  NATIONAL_QUESTION_SET_ID_PREFIX,
  type QuestionSet,
  THL_QUESTION_SETS,
} from '../../domain/questionSets';
import { configIdSchema, localizedTextSchema } from '../../schemas/config';
import {
  type OwnQuestionSetBody,
  ownQuestionSetBodySchema,
  type QuestionSetRecord,
  questionSetRecordSchema,
} from '../../schemas/questionSets';
import type { VersionedResource } from '../../services/configuration';
import { requireScope } from '../auth';
import { bearerSecurity, errorResponses } from '../openapi';
import { parseWith } from './checks';
import { type AdminApp, type AdminDeps, mountVersionedRoutes, notFound, visibleTo } from './versioned';

const localized = localizedTextSchema(2000);

/** A national set as the API shows it: the software's own data, read-only. */
const nationalQuestionSetSchema = z
  .object({
    questionSetId: z.string(),
    national: z.literal(true),
    version: z.number().int(),
    agreementScale: z.object({ labels: z.array(localized), notApplicable: localized }),
    questions: z.array(
      z.object({ id: z.string(), kind: z.enum(['nps', 'statement', 'comment']), text: localized }).loose(),
    ),
  })
  .meta({ id: 'NationalQuestionSet' });
type NationalQuestionSetView = z.infer<typeof nationalQuestionSetSchema>;

const questionSetSchema = z.union([nationalQuestionSetSchema, questionSetRecordSchema]).meta({
  id: 'QuestionSet',
  description: "A national set (`national: true`, read-only) or an organization's own set.",
});

const questionSetListSchema = z
  .object({ questionSets: z.array(questionSetSchema) })
  .meta({ id: 'QuestionSetList' });

function nationalView(set: QuestionSet): NationalQuestionSetView {
  const { id, version, agreementScale, questions } = set;
  return {
    questionSetId: id,
    national: true,
    version,
    agreementScale: { labels: [...agreementScale.labels], notApplicable: agreementScale.notApplicable },
    questions: questions.map((question) => ({ ...question })),
  };
}

export function questionSetResource(deps: AdminDeps): VersionedResource<'questionSet', OwnQuestionSetBody> {
  return {
    kind: 'questionSet',
    parseBody: parseWith(ownQuestionSetBodySchema),
    bodyOf: ({ questionSetId, version, updatedAt, ...body }) => body,
    toRecord: (questionSetId, body, meta) => ({ ...body, questionSetId, ...meta }),
    organizationOf: (_questionSetId, set) => set.organizationId,
    async check(questionSetId, body, current, canSee) {
      if (current && current.organizationId !== body.organizationId) {
        return {
          conflict: `Question set ${questionSetId} belongs to ${current.organizationId}; sets do not move.`,
        };
      }
      const problems = [];
      if (questionSetId.toLowerCase().startsWith(NATIONAL_QUESTION_SET_ID_PREFIX)) {
        problems.push({
          path: 'questionSetId',
          message: `ids starting with "${NATIONAL_QUESTION_SET_ID_PREFIX}" are reserved for national question sets`,
        });
      }
      // An organization outside the token's reach reads exactly like a missing one.
      if (!canSee(body.organizationId) || !(await deps.config.getOrganization(body.organizationId))) {
        problems.unshift({
          path: 'organizationId',
          message: `no organization ${body.organizationId}; create it first`,
        });
      }
      return { problems };
    },
  };
}

/**
 * `/question-sets` (the national sets and the caller's organizations' own sets) and
 * `/question-sets/{questionSetId}` with its history. National sets answer there read-only.
 */
export function mountQuestionSets(app: AdminApp, deps: AdminDeps) {
  mountVersionedRoutes(app, deps, {
    resource: questionSetResource(deps),
    noun: 'question set',
    tag: 'Question sets',
    path: '/question-sets/{questionSetId}',
    idParam: 'questionSetId',
    idSchema: configIdSchema,
    bodySchema: ownQuestionSetBodySchema.meta({ id: 'OwnQuestionSetBody' }),
    recordSchema: questionSetSchema,
    putNotes:
      'An own set extends a national set: the national questions stay as they are, the own `statements` come after them. Every change, also of wording, raises `version`, which each answer names. A set stays in its organization (409). National sets (`thl-…`) are read-only (400).',
    builtIn: {
      find(questionSetId) {
        const set = findQuestionSet(questionSetId);
        return set && nationalView(set);
      },
      readOnly: (questionSetId) =>
        `${questionSetId} is a national question set and cannot be changed; create your own set that extends it`,
    },
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/question-sets',
      tags: ['Question sets'],
      summary: 'List the question sets a unit may use',
      description:
        "The national sets (`national: true`) and the own sets of the caller's organizations (a token limited to one organization sees only that one's).",
      security: bearerSecurity,
      middleware: [requireScope(deps.authenticate, 'admin', 'reports:read')],
      request: {
        query: z.object({
          organizationId: configIdSchema
            .optional()
            .meta({ description: 'Only the own sets of this organization (beside the national sets).' }),
        }),
      },
      responses: {
        200: {
          description: 'National sets first (newest first), then own sets by organization and id.',
          content: { 'application/json': { schema: questionSetListSchema } },
        },
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const requested = c.req.valid('query').organizationId ?? principal.organizationId;
      let organizationIds: string[];
      if (requested !== undefined) {
        if (!visibleTo(principal)(requested) || !(await deps.config.getOrganization(requested))) {
          throw notFound('organization', requested);
        }
        organizationIds = [requested];
      } else {
        organizationIds = (await deps.config.listOrganizations()).map((o) => o.organizationId).sort();
      }
      const own: QuestionSetRecord[] = [];
      for (const organizationId of organizationIds) {
        const sets = await deps.config.listQuestionSets(organizationId);
        own.push(...sets.sort((a, b) => a.questionSetId.localeCompare(b.questionSetId)));
      }
      return c.json({ questionSets: [...THL_QUESTION_SETS.map(nationalView), ...own] }, 200);
    },
  );
}
