/** @jsxImportSource hono/jsx */
import type { Hono } from 'hono';
import { findQuestionSet, type Question, THL_QUESTION_SETS } from '../../../domain/questionSets';
import type { ConsoleAppDeps, ConsoleEnv } from '../context';
import { consoleNotFound } from '../layout';
import { configurableOrganization, ownQuestionSet } from './access';
import { AdminPage, adminLink, messagesOf } from './components';
import { organizationPath } from './organizations';

const questionSetPath = (organizationId: string, questionSetId: string) =>
  `${organizationPath(organizationId)}/question-sets/${encodeURIComponent(questionSetId)}`;

/**
 * `/organizations/{id}/question-sets`: the national sets and the organization's own, and a view of a
 * set's questions. Read-only: own sets are written through the API and the CLI.
 */
export function mountQuestionSets(app: Hono<ConsoleEnv>, deps: ConsoleAppDeps) {
  app.get('/organizations/:organizationId/question-sets', async (c) => {
    const organization = await configurableOrganization(
      deps.config,
      c.var.person,
      c.req.param('organizationId'),
    );
    if (!organization) return consoleNotFound(c);
    const t = messagesOf(c);
    const lang = c.var.lang;
    const own = (await deps.config.listQuestionSets(organization.organizationId)).sort((a, b) =>
      a.questionSetId.localeCompare(b.questionSetId),
    );
    const title = `${t.questionSets}: ${organization.name[lang]}`;
    const rows = [
      ...THL_QUESTION_SETS.map((set) => ({
        id: set.id,
        name: set.id,
        kind: t.national,
        version: set.version,
      })),
      ...own.map((set) => ({
        id: set.questionSetId,
        name: set.name[lang],
        kind: t.own(set.extends),
        version: set.version,
      })),
    ];
    return c.html(
      <AdminPage
        c={c}
        title={title}
        back={{
          href: adminLink(c, organizationPath(organization.organizationId)),
          label: t.backTo(organization.name[lang]),
        }}
      >
        <h1>{title}</h1>
        <p class="lead">{t.questionSetsLead}</p>
        <ul class="links-list">
          {rows.map((row) => (
            <li>
              <a href={adminLink(c, questionSetPath(organization.organizationId, row.id))}>{row.name}</a>{' '}
              <span class="meta">
                ({row.id}; {row.kind}; {t.version(row.version)})
              </span>
            </li>
          ))}
        </ul>
      </AdminPage>,
    );
  });

  app.get('/organizations/:organizationId/question-sets/:questionSetId', async (c) => {
    const organization = await configurableOrganization(
      deps.config,
      c.var.person,
      c.req.param('organizationId'),
    );
    if (!organization) return consoleNotFound(c);
    const t = messagesOf(c);
    const lang = c.var.lang;
    const id = c.req.param('questionSetId');
    const national = findQuestionSet(id);
    const own = national ? undefined : await ownQuestionSet(deps.config, organization.organizationId, id);
    if (!national && !own) return consoleNotFound(c);
    // An own set is its national base with the organization's statements after the national ones.
    const base = national ?? findQuestionSet(own?.extends ?? '');
    const statements: { id: string; text: string; custom: boolean }[] = [
      ...(base?.questions ?? [])
        .filter((q): q is Extract<Question, { kind: 'statement' }> => q.kind === 'statement')
        .map((q) => ({ id: q.id, text: q.text[lang], custom: false })),
      ...(own?.statements ?? []).map((s) => ({ id: s.id, text: s.text[lang], custom: true })),
    ];
    const name = own ? own.name[lang] : id;
    const back = `${organizationPath(organization.organizationId)}/question-sets`;
    return c.html(
      <AdminPage c={c} title={name} back={{ href: adminLink(c, back), label: t.backTo(t.questionSets) }}>
        <h1>{name}</h1>
        <p class="meta">
          {t.id}: {id}; {own ? t.own(own.extends) : t.national};{' '}
          {t.version(own?.version ?? national?.version ?? 1)}
          {own && (
            <>
              {' '}
              <a href={adminLink(c, `${questionSetPath(organization.organizationId, id)}/history`)}>
                {t.history}
              </a>
            </>
          )}
        </p>
        <h2>{t.statements}</h2>
        <ol class="statements">
          {statements.map((s) => (
            <li>
              {s.text}{' '}
              <span class="meta">
                ({s.id}
                {s.custom ? `; ${t.ownStatement}` : ''})
              </span>
            </li>
          ))}
        </ol>
        <p class="note">{t.readOnlyNote}</p>
      </AdminPage>,
    );
  });
}
