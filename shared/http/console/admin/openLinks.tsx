/** @jsxImportSource hono/jsx */
import type { Hono } from 'hono';
import { DEFAULT_OPEN_LINK_LIMITS } from '../../../domain/openLinks';
import { canConfigure } from '../../../identity/roles';
import { DEFAULT_TIME_ZONE, type Organization, type Unit } from '../../../schemas/config';
import { OPEN_LINK_CHANNELS, type OpenLink, openLinkBodySchema } from '../../../schemas/openLinks';
import { RESPONDENTS } from '../../../schemas/records';
import {
  createOpenLink,
  getUnitOpenLink,
  listOpenLinks,
  type OpenLinkDeps,
  revokeOpenLink,
} from '../../../services/openLinks';
import { openLinkUrl, posterResponse } from '../../openLinks/poster';
import type { ConsoleAppDeps, ConsoleContext, ConsoleEnv } from '../context';
import { consoleNotFound } from '../layout';
import { configurableUnit } from './access';
import { AdminPage, adminLink, ErrorSummary, messagesOf, SavedNotice } from './components';
import { type FieldContext, Select } from './fields';
import type { FormError, FormValues } from './forms';
import { formatInstant } from './messages';
import { type OpenLinkMessages, openLinkMessages } from './openLinkMessages';
import { questionSetChoices } from './unitRules';
import { unitPath } from './units';

/** The open-link services' deps from the console's, or undefined when the app has no open links. */
export function openLinkDepsOf(deps: ConsoleAppDeps): OpenLinkDeps | undefined {
  if (!deps.openLinks) return undefined;
  return {
    clock: deps.clock,
    config: deps.config,
    log: deps.log,
    openLinks: deps.openLinks.store,
    limits: { ...DEFAULT_OPEN_LINK_LIMITS, ...deps.openLinks.limits },
  };
}

/** Thrown by a service's scope check; the route answers with the console's 404. */
export class OutsideScope extends Error {}

/** A route whose services check scope again: outside it is the console's 404, never a 500. */
export const withinScope =
  (handler: (c: ConsoleContext) => Promise<Response>) =>
  async (c: ConsoleContext): Promise<Response> => {
    try {
      return await handler(c);
    } catch (error) {
      if (error instanceof OutsideScope) return consoleNotFound(c);
      throw error;
    }
  };

export const openLinksPath = (unitId: string) => `${unitPath(unitId)}/open-links`;

interface OpenLinksState {
  values: FormValues;
  errors: FormError[];
  notice?: string;
}

function LinkCard(props: {
  c: ConsoleContext;
  t: OpenLinkMessages;
  link: OpenLink;
  url: string;
  timeZone: string;
}) {
  const { c, t, link } = props;
  const lang = c.var.lang;
  const heading = `${t.channel[link.channel]}: ${t.respondent[link.respondent]}`;
  const path = `${openLinksPath(link.unitId)}/${link.openLinkId}`;
  return (
    <li class="open-link" aria-labelledby={`link-${link.openLinkId}`}>
      <h3 id={`link-${link.openLinkId}`}>{heading}</h3>
      <dl>
        <dt>{t.questionSetLabel}</dt>
        <dd>{link.questionSetId ?? t.unitsSet}</dd>
        <dt>{t.created}</dt>
        <dd>
          {formatInstant(lang, link.createdAt, props.timeZone)} ({link.createdBy})
        </dd>
        <dt>{t.address}</dt>
        <dd class="url">
          <a href={props.url}>{props.url}</a>
        </dd>
        <dt>{t.poster}</dt>
        <dd>
          <a href={adminLink(c, `${path}/poster`)}>
            {t.poster}
            <span class="visually-hidden">: {heading}</span>
          </a>
        </dd>
        <dt>{t.rejected}</dt>
        <dd>
          {link.rejected} (
          {t.rejectedDetail(link.rejectedBy.honeypot, link.rejectedBy.fillTime, link.rejectedBy.rateLimit)})
        </dd>
        <dt>{t.state}</dt>
        <dd>
          {link.revokedAt ? t.revokedAt(formatInstant(lang, link.revokedAt, props.timeZone)) : t.active}
        </dd>
      </dl>
      {!link.revokedAt && (
        <form method="post" action={adminLink(c, `${path}/revoke`)}>
          <input type="hidden" name="csrf" value={c.var.session.csrf} />
          <button type="submit" class="btn btn-secondary">
            {t.revoke}
            <span class="visually-hidden">: {heading}</span>
          </button>
        </form>
      )}
    </li>
  );
}

function OpenLinksPage(props: {
  c: ConsoleContext;
  unit: Unit;
  organization: Organization;
  links: readonly OpenLink[];
  questionSetIds: readonly string[];
  publicBaseUrl: string;
  state: OpenLinksState;
}) {
  const { c, unit, state } = props;
  const a = messagesOf(c);
  const t = openLinkMessages(c.var.lang);
  const unitName = unit.name[c.var.lang] ?? unit.name.fi;
  const title = `${t.openLinksTitle}: ${unitName}`;
  const ctx: FieldContext = { values: state.values, errors: state.errors };
  const timeZone = props.organization.timeZone ?? DEFAULT_TIME_ZONE;
  return (
    <AdminPage
      c={c}
      title={title}
      hasErrors={state.errors.length > 0}
      back={{ href: adminLink(c, `${unitPath(unit.unitId)}/rules`), label: a.backTo(unitName) }}
    >
      <ErrorSummary t={a} errors={state.errors} />
      <h1>{title}</h1>
      {state.notice && <SavedNotice t={a} message={state.notice} warnings={[]} />}
      <p class="lead">{t.openLinksLead}</p>
      {props.links.length === 0 ? (
        <p>{t.noLinks}</p>
      ) : (
        <ul class="cards open-links">
          {props.links.map((link) => (
            <LinkCard
              c={c}
              t={t}
              link={link}
              url={openLinkUrl(props.publicBaseUrl, link)}
              timeZone={timeZone}
            />
          ))}
        </ul>
      )}
      <h2 id="create-title">{t.createTitle}</h2>
      <form method="post" action={adminLink(c, openLinksPath(unit.unitId))} id="admin-form" novalidate>
        <input type="hidden" name="csrf" value={c.var.session.csrf} />
        <Select
          ctx={ctx}
          name="channel"
          label={t.channelLabel}
          options={OPEN_LINK_CHANNELS.map((value) => ({ value, label: t.channel[value] }))}
        />
        <Select
          ctx={ctx}
          name="respondent"
          label={t.respondentLabel}
          options={RESPONDENTS.map((value) => ({ value, label: t.respondent[value] }))}
        />
        <Select
          ctx={ctx}
          name="questionSetId"
          label={t.questionSetLabel}
          options={[
            { value: '', label: t.unitsSet },
            ...props.questionSetIds.map((id) => ({ value: id, label: id })),
          ]}
        />
        <div class="actions">
          <button type="submit" class="btn">
            {t.createButton}
          </button>
        </div>
      </form>
    </AdminPage>
  );
}

/**
 * A unit's open links (`/units/{unitId}/open-links`): the list, creating one, revoking one and its
 * poster, all through the open-link service. Only people who configure the unit's organization.
 */
export function mountOpenLinks(app: Hono<ConsoleEnv>, deps: ConsoleAppDeps) {
  const services = openLinkDepsOf(deps);
  if (!services) return;
  const scope = (c: ConsoleContext) => (organizationId: string) => {
    if (!canConfigure(c.var.person, organizationId)) throw new OutsideScope();
  };

  const render = async (
    c: ConsoleContext,
    found: { unit: Unit; organization: Organization },
    state: OpenLinksState,
    status: 200 | 400 = 200,
  ) => {
    const [links, questionSetIds] = await Promise.all([
      listOpenLinks(services, { unitId: found.unit.unitId, authorize: scope(c) }),
      questionSetChoices(deps, found.unit.organizationId),
    ]);
    return c.html(
      <OpenLinksPage
        c={c}
        unit={found.unit}
        organization={found.organization}
        links={links ?? []}
        questionSetIds={questionSetIds}
        publicBaseUrl={deps.publicBaseUrl}
        state={state}
      />,
      status,
      { 'Cache-Control': 'no-store' },
    );
  };

  app.get(
    '/units/:unitId/open-links',
    withinScope(async (c) => {
      const found = await configurableUnit(deps.config, c.var.person, c.req.param('unitId') ?? '');
      if (!found) return consoleNotFound(c);
      return render(c, found, { values: {}, errors: [] });
    }),
  );

  app.post(
    '/units/:unitId/open-links',
    withinScope(async (c) => {
      const found = await configurableUnit(deps.config, c.var.person, c.req.param('unitId') ?? '');
      if (!found) return consoleNotFound(c);
      const t = openLinkMessages(c.var.lang);
      const form = c.var.form;
      const parsed = openLinkBodySchema.safeParse({
        channel: form.channel,
        respondent: form.respondent,
        ...(form.questionSetId ? { questionSetId: form.questionSetId } : {}),
      });
      if (!parsed.success) {
        const errors = parsed.error.issues.map((issue): FormError => {
          const field = String(issue.path[0] ?? '');
          if (field === 'channel') return { field, message: t.chooseChannel };
          if (field === 'respondent') return { field, message: t.chooseRespondent };
          return { field, message: issue.message, apiText: true };
        });
        return render(c, found, { values: form, errors }, 400);
      }
      const result = await createOpenLink(services, {
        unitId: found.unit.unitId,
        body: parsed.data,
        by: c.var.person.username,
        authorize: scope(c),
      });
      if (result.status === 'unknown-unit') return consoleNotFound(c);
      if (result.status === 'invalid') {
        const errors = result.problems.map((p) => ({ field: p.path, message: p.message, apiText: true }));
        return render(c, found, { values: form, errors }, 400);
      }
      return render(c, found, { values: {}, errors: [], notice: t.createdNotice });
    }),
  );

  app.post(
    '/units/:unitId/open-links/:openLinkId/revoke',
    withinScope(async (c) => {
      const found = await configurableUnit(deps.config, c.var.person, c.req.param('unitId') ?? '');
      if (!found) return consoleNotFound(c);
      const revoked = await revokeOpenLink(services, {
        unitId: found.unit.unitId,
        openLinkId: c.req.param('openLinkId') ?? '',
        authorize: scope(c),
      });
      if (revoked.status !== 'found') return consoleNotFound(c);
      return render(c, found, { values: {}, errors: [], notice: openLinkMessages(c.var.lang).revokedNotice });
    }),
  );

  app.get(
    '/units/:unitId/open-links/:openLinkId/poster',
    withinScope(async (c) => {
      const found = await configurableUnit(deps.config, c.var.person, c.req.param('unitId') ?? '');
      if (!found) return consoleNotFound(c);
      const link = await getUnitOpenLink(services, {
        unitId: found.unit.unitId,
        openLinkId: c.req.param('openLinkId') ?? '',
        authorize: scope(c),
      });
      if (link.status !== 'found') return consoleNotFound(c);
      const poster = posterResponse(deps.publicBaseUrl, link.link, found.unit, found.organization.name.fi);
      return c.body(poster.svg, 200, poster.headers);
    }),
  );
}
