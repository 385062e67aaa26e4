/** @jsxImportSource hono/jsx */
import type { Hono } from 'hono';
import { latestCompleteDay, unitStatuses } from '../../../services/unitStatus';
import type { ConsoleAppDeps, ConsoleEnv } from '../context';
import { consoleNotFound } from '../layout';
import { configurableOrganization, configurableOrganizations } from './access';
import { AdminPage, adminLink, messagesOf } from './components';
import { formatDate } from './messages';
import { UnitsTable } from './units';

export const organizationPath = (organizationId: string) =>
  `/organizations/${encodeURIComponent(organizationId)}`;

/** `/console/admin`: the organizations the person configures; `/organizations/{id}`: one of them. */
export function mountOrganizations(app: Hono<ConsoleEnv>, deps: ConsoleAppDeps) {
  app.get('/', async (c) => {
    const organizations = await configurableOrganizations(deps.config, c.var.person);
    const t = messagesOf(c);
    if (organizations.length === 0 && !c.var.person.roles.some((g) => g.role === 'platform-admin'))
      return consoleNotFound(c);
    organizations.sort((a, b) => a.organizationId.localeCompare(b.organizationId));
    return c.html(
      <AdminPage c={c} title={t.adminTitle}>
        <h1>{t.adminTitle}</h1>
        <p class="lead">{t.organizationsLead}</p>
        {organizations.length === 0 ? (
          <p>{t.noOrganizations}</p>
        ) : (
          <ul class="cards">
            {organizations.map((organization) => (
              <li>
                <a href={adminLink(c, organizationPath(organization.organizationId))}>
                  {organization.name[c.var.lang]}
                </a>{' '}
                <span class="meta">({organization.organizationId})</span>
              </li>
            ))}
          </ul>
        )}
      </AdminPage>,
    );
  });

  app.get('/organizations/:organizationId', async (c) => {
    const organization = await configurableOrganization(
      deps.config,
      c.var.person,
      c.req.param('organizationId'),
    );
    if (!organization) return consoleNotFound(c);
    const t = messagesOf(c);
    const { organizationId } = organization;
    const [areas, units] = await Promise.all([
      deps.config.listAreas(organizationId),
      deps.config.listUnits(organizationId),
    ]);
    areas.sort((a, b) => a.areaId.localeCompare(b.areaId));
    units.sort((a, b) => a.unitId.localeCompare(b.unitId));
    const asOf = latestCompleteDay(deps.clock.now(), organization.timeZone);
    const statuses = await unitStatuses(deps.aggregates, {
      organizationId,
      unitIds: units.map((u) => u.unitId),
      asOf,
    });
    const name = organization.name[c.var.lang];
    const base = organizationPath(organizationId);
    return c.html(
      <AdminPage c={c} title={name} back={{ href: adminLink(c, ''), label: t.backTo(t.adminTitle) }}>
        <h1>{name}</h1>
        <p class="meta">
          {t.id}: {organizationId}; {t.version(organization.version)}; {t.timeZone}: {organization.timeZone}
        </p>
        <h2>{t.organizationSettings}</h2>
        <ul class="links-list">
          <li>
            <a href={adminLink(c, `${base}/templates`)}>{t.templates}</a>
          </li>
          <li>
            <a href={adminLink(c, `${base}/question-sets`)}>{t.questionSets}</a>
          </li>
          <li>
            <a href={adminLink(c, `${base}/history`)}>{t.history}</a>
          </li>
        </ul>
        <h2 id="areas-title">{t.areas}</h2>
        {areas.length === 0 ? (
          <p>{t.noAreas}</p>
        ) : (
          <ul class="links-list" aria-labelledby="areas-title">
            {areas.map((area) => (
              <li>
                {area.name[c.var.lang] ?? area.name.fi} <span class="meta">({area.areaId})</span>{' '}
                <a href={adminLink(c, `/areas/${encodeURIComponent(area.areaId)}/history`)}>
                  {t.history}
                  <span class="visually-hidden">: {area.name[c.var.lang] ?? area.name.fi}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
        <h2 id="units-title">{t.units}</h2>
        {units.length === 0 ? (
          <p>{t.noUnits}</p>
        ) : (
          <UnitsTable c={c} units={units} areas={areas} statuses={statuses} labelledBy="units-title" />
        )}
        <p class="note">{t.statusNote(formatDate(c.var.lang, asOf))}</p>
      </AdminPage>,
    );
  });
}
