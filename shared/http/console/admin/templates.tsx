/** @jsxImportSource hono/jsx */
import type { Hono } from 'hono';
import { PREVIEW_TOKEN } from '../../../domain/preview';
import { renderSurveySms, smsSize, surveyLink, templateProblems } from '../../../domain/sms';
import { canConfigure } from '../../../identity/roles';
import { LANGUAGES, MAX_SMS_NAME_LENGTH, type Organization } from '../../../schemas/config';
import { writeVersioned } from '../../../services/configuration';
import { organizationResource } from '../../admin/organizations';
import type { ConsoleAppDeps, ConsoleContext, ConsoleEnv } from '../context';
import { consoleNotFound } from '../layout';
import { changesSince, configurableOrganization, formVersion } from './access';
import {
  AdminPage,
  adminLink,
  ErrorSummary,
  messagesOf,
  SavedNotice,
  StaleNotice,
  Warnings,
} from './components';
import { type FieldContext, TextArea } from './fields';
import { type FormError, type FormValues, fieldId } from './forms';
import { organizationPath } from './organizations';

const templateField = (language: string) => `smsTemplates.${language}`;

interface TemplatesPageState {
  values: FormValues;
  version: number;
  errors: FormError[];
  warnings: FormError[];
  saved?: string;
  stale?: Parameters<typeof StaleNotice>[0];
}

/** A problem of a save (`smsTemplates.fi`, or another field of the organization) beside its field. */
const asErrors = (problems: readonly { path: string; message: string }[]): FormError[] =>
  problems.map((p) => ({
    field: LANGUAGES.some((l) => p.path === templateField(l)) ? p.path : '',
    message: p.message,
    apiText: true,
  }));

function TemplatesPage(props: {
  c: ConsoleContext;
  organization: Organization;
  publicBaseUrl: string;
  state: TemplatesPageState;
}) {
  const { c, organization, state } = props;
  const t = messagesOf(c);
  const ctx: FieldContext = { values: state.values, errors: state.errors };
  const base = organizationPath(organization.organizationId);
  const title = `${t.templatesTitle}: ${organization.name[c.var.lang]}`;
  return (
    <AdminPage
      c={c}
      title={title}
      hasErrors={state.errors.length > 0}
      back={{ href: adminLink(c, base), label: t.backTo(organization.name[c.var.lang]) }}
    >
      <ErrorSummary t={t} errors={state.errors} />
      <h1>{title}</h1>
      <p class="meta">{t.version(organization.version)}</p>
      {state.stale && <StaleNotice {...state.stale} />}
      {state.saved ? (
        <SavedNotice t={t} message={state.saved} warnings={state.warnings} />
      ) : (
        <Warnings t={t} warnings={state.warnings} />
      )}
      <p class="lead">{t.templatesLead}</p>
      <form method="post" action={adminLink(c, `${base}/templates`)} id="admin-form" novalidate>
        <input type="hidden" name="csrf" value={c.var.session.csrf} />
        <input type="hidden" name="version" value={String(state.version)} />
        {LANGUAGES.map((language) => {
          const name = templateField(language);
          const template = state.values[name] ?? '';
          const example = renderSurveySms(template, {
            link: surveyLink(props.publicBaseUrl, PREVIEW_TOKEN),
            senderName: organization.name[language],
          });
          const size = smsSize(example);
          const problems =
            template === '' ? [] : templateProblems(template, props.publicBaseUrl, MAX_SMS_NAME_LENGTH);
          return (
            <section class="template" aria-labelledby={`${fieldId(name)}-title`}>
              <h2 id={`${fieldId(name)}-title`}>{t.languageName[language]}</h2>
              <TextArea
                ctx={ctx}
                name={name}
                label={`${t.template} (${t.languageName[language]})`}
                rows={4}
              />
              <p class="sms-size" id={`${fieldId(name)}-count`}>
                {t.smsSize(size.characters, size.segments, size.encoding)}
              </p>
              <p class="meta">{t.exampleSms}:</p>
              <blockquote class="sms" lang={language}>
                {example}
              </blockquote>
              {problems.length > 0 && (
                <div class="warnings">
                  <h3>{t.templateProblems}</h3>
                  <ul>
                    {problems.map((problem) => (
                      <li lang="en">{problem}</li>
                    ))}
                  </ul>
                </div>
              )}
            </section>
          );
        })}
        <div class="actions">
          <button type="submit" name="action" value="count" class="btn btn-secondary">
            {t.countButton}
          </button>
          <button type="submit" name="action" value="save" class="btn">
            {t.saveButton}
          </button>
        </div>
      </form>
    </AdminPage>
  );
}

const templateValues = (organization: Organization): FormValues =>
  Object.fromEntries(LANGUAGES.map((l) => [templateField(l), organization.smsTemplates[l]]));

/** `/organizations/{id}/templates`: the SMS templates with their counts; Count recounts, Save saves with If-Match. */
export function mountTemplates(app: Hono<ConsoleEnv>, deps: ConsoleAppDeps) {
  const render = (
    c: ConsoleContext,
    organization: Organization,
    state: TemplatesPageState,
    status: 200 | 400 | 409 | 412 = 200,
  ) =>
    c.html(
      <TemplatesPage c={c} organization={organization} publicBaseUrl={deps.publicBaseUrl} state={state} />,
      status,
    );

  app.get('/organizations/:organizationId/templates', async (c) => {
    const organization = await configurableOrganization(
      deps.config,
      c.var.person,
      c.req.param('organizationId'),
    );
    if (!organization) return consoleNotFound(c);
    return render(c, organization, {
      values: templateValues(organization),
      version: organization.version,
      errors: [],
      warnings: [],
    });
  });

  app.post('/organizations/:organizationId/templates', async (c) => {
    const person = c.var.person;
    const organization = await configurableOrganization(deps.config, person, c.req.param('organizationId'));
    if (!organization) return consoleNotFound(c);
    const t = messagesOf(c);
    const form = c.var.form;
    const values = Object.fromEntries(LANGUAGES.map((l) => [templateField(l), form[templateField(l)] ?? '']));
    const version = formVersion(form.version);
    const base = { values, version: version ?? organization.version, errors: [], warnings: [] };
    if (version === undefined)
      return render(c, organization, { ...base, errors: [{ field: '', message: t.conflict }] }, 400);
    if (form.action !== 'save') return render(c, organization, base);

    const { organizationId, version: _version, updatedAt: _updatedAt, ...body } = organization;
    const smsTemplates = Object.fromEntries(LANGUAGES.map((l) => [l, values[templateField(l)]]));
    const outcome = await writeVersioned(deps, organizationResource(deps), {
      id: organizationId,
      change: { mode: 'replace', body: { ...body, smsTemplates } },
      preconditions: { ifMatch: [version] },
      by: person.username,
      canSee: (id) => canConfigure(person, id),
    });
    switch (outcome.status) {
      case 'created':
      case 'updated':
      case 'unchanged':
        return render(c, outcome.record, {
          values: templateValues(outcome.record),
          version: outcome.record.version,
          errors: [],
          warnings: asErrors(outcome.warnings),
          saved:
            outcome.status === 'unchanged'
              ? t.unchanged(outcome.record.version)
              : t.saved(outcome.record.version),
        });
      case 'precondition-failed': {
        const current = await deps.config.readVersioned('organization', organizationId);
        if (!current) return consoleNotFound(c);
        const entries = await changesSince(deps.config, 'organization', organizationId, version, current);
        return render(
          c,
          current,
          {
            ...base,
            version: current.version,
            stale: {
              c,
              yourVersion: version,
              currentVersion: current.version,
              entries,
              timeZone: current.timeZone,
            },
          },
          412,
        );
      }
      case 'invalid':
        return render(c, organization, { ...base, errors: asErrors(outcome.problems) }, 400);
      case 'not-found':
        return consoleNotFound(c);
      case 'conflict':
      case 'busy':
        return render(c, organization, { ...base, errors: [{ field: '', message: t.conflict }] }, 409);
    }
  });
}
