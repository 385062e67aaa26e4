/** @jsxImportSource hono/jsx */
import type { Hono } from 'hono';
import type { VersionedKind } from '../../../ports';
import type { Organization } from '../../../schemas/config';
import type { ConsoleAppDeps, ConsoleContext, ConsoleEnv } from '../context';
import { consoleNotFound } from '../layout';
import { configurableArea, configurableOrganization, configurableUnit, ownQuestionSet } from './access';
import { AdminPage, adminLink, ChangeEntries, messagesOf } from './components';
import { organizationPath } from './organizations';
import { unitPath } from './units';

const PAGE_SIZE = 20;

/** What a history page is of: the record's kind and id, its name, and the organization it belongs to. */
interface HistorySubject {
  kind: VersionedKind;
  id: string;
  name: string;
  organization: Organization;
  path: string;
  back: { href: string; label: string };
}

async function historyPage(c: ConsoleContext, deps: ConsoleAppDeps, subject: HistorySubject) {
  const t = messagesOf(c);
  const cursor = c.req.query('before');
  const before = cursor && /^[1-9]\d{0,9}$/.test(cursor) ? Number(cursor) : undefined;
  const page = await deps.config.history(subject.kind, subject.id, { limit: PAGE_SIZE, before });
  const title = t.historyTitle(subject.name);
  return c.html(
    <AdminPage c={c} title={title} back={subject.back}>
      <h1>{title}</h1>
      <p class="meta">
        {t.id}: {subject.id}
      </p>
      {page.entries.length === 0 ? (
        <p>{t.noHistory}</p>
      ) : (
        <ChangeEntries
          c={c}
          entries={page.entries}
          timeZone={subject.organization.timeZone}
          headingLevel={2}
        />
      )}
      {page.nextBefore !== undefined && (
        <p>
          <a href={`${adminLink(c, subject.path)}&before=${page.nextBefore}`}>{t.olderEntries}</a>
        </p>
      )}
    </AdminPage>,
  );
}

/** History with differences of organizations, areas, units and own question sets. */
export function mountHistory(app: Hono<ConsoleEnv>, deps: ConsoleAppDeps) {
  app.get('/organizations/:organizationId/history', async (c) => {
    const organization = await configurableOrganization(
      deps.config,
      c.var.person,
      c.req.param('organizationId'),
    );
    if (!organization) return consoleNotFound(c);
    const path = organizationPath(organization.organizationId);
    const name = organization.name[c.var.lang];
    return historyPage(c, deps, {
      kind: 'organization',
      id: organization.organizationId,
      name,
      organization,
      path: `${path}/history`,
      back: { href: adminLink(c, path), label: messagesOf(c).backTo(name) },
    });
  });

  app.get('/units/:unitId/history', async (c) => {
    const found = await configurableUnit(deps.config, c.var.person, c.req.param('unitId'));
    if (!found) return consoleNotFound(c);
    const { unit, organization } = found;
    const name = unit.name[c.var.lang] ?? unit.name.fi;
    return historyPage(c, deps, {
      kind: 'unit',
      id: unit.unitId,
      name,
      organization,
      path: `${unitPath(unit.unitId)}/history`,
      back: { href: adminLink(c, `${unitPath(unit.unitId)}/rules`), label: messagesOf(c).backTo(name) },
    });
  });

  app.get('/areas/:areaId/history', async (c) => {
    const found = await configurableArea(deps.config, c.var.person, c.req.param('areaId'));
    if (!found) return consoleNotFound(c);
    const { area, organization } = found;
    const orgPath = organizationPath(organization.organizationId);
    return historyPage(c, deps, {
      kind: 'area',
      id: area.areaId,
      name: area.name[c.var.lang] ?? area.name.fi,
      organization,
      path: `/areas/${encodeURIComponent(area.areaId)}/history`,
      back: { href: adminLink(c, orgPath), label: messagesOf(c).backTo(organization.name[c.var.lang]) },
    });
  });

  app.get('/organizations/:organizationId/question-sets/:questionSetId/history', async (c) => {
    const organization = await configurableOrganization(
      deps.config,
      c.var.person,
      c.req.param('organizationId'),
    );
    if (!organization) return consoleNotFound(c);
    const set = await ownQuestionSet(deps.config, organization.organizationId, c.req.param('questionSetId'));
    if (!set) return consoleNotFound(c);
    const setPath = `${organizationPath(organization.organizationId)}/question-sets/${encodeURIComponent(set.questionSetId)}`;
    const name = set.name[c.var.lang];
    return historyPage(c, deps, {
      kind: 'questionSet',
      id: set.questionSetId,
      name,
      organization,
      path: `${setPath}/history`,
      back: { href: adminLink(c, setPath), label: messagesOf(c).backTo(name) },
    });
  });
}
