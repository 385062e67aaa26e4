/** @jsxImportSource hono/jsx */
import type { Hono } from 'hono';
import { THL_QUESTION_SETS } from '../../../domain/questionSets';
import { localWallTime, zonedWallTimeToInstant } from '../../../domain/sendTime';
import { canConfigure } from '../../../identity/roles';
import {
  type EffectiveRules,
  LANGUAGES,
  type Language,
  mergeRules,
  type Organization,
  type Unit,
} from '../../../schemas/config';
import type { AppointmentCompleted } from '../../../schemas/events';
import { writeVersioned } from '../../../services/configuration';
import { previewUnitVisit } from '../../../services/preview';
import { unitResource } from '../../admin/units';
import type { ConsoleAppDeps, ConsoleContext, ConsoleEnv } from '../context';
import { consoleNotFound } from '../layout';
import { changesSince, configurableUnit, formVersion } from './access';
import { messagesOf } from './components';
import { type FormValues, parseRulesForm, rulesProblemsAsErrors, rulesToForm, withFormRules } from './forms';
import { RulesPage, type RulesPageState } from './unitRulesPage';

/** What the page shows besides the form: a preview, a save's result, or a stale form's differences. */

export async function questionSetChoices(deps: ConsoleAppDeps, organizationId: string) {
  const own = await deps.config.listQuestionSets(organizationId);
  return [...THL_QUESTION_SETS.map((set) => set.id), ...own.map((set) => set.questionSetId).sort()];
}

/** The preview's visit fields, filled with now (local) and the page language when not posted. */
function previewDefaults(
  values: FormValues,
  organization: Organization,
  now: Date,
  lang: Language,
): FormValues {
  const { date, time } = localWallTime(now, organization.timeZone);
  return {
    previewAt: values.previewAt ?? `${date}T${time}`,
    previewLanguage: values.previewLanguage ?? lang,
    ...Object.fromEntries(
      Object.entries(values).filter(([k]) => k !== 'previewAt' && k !== 'previewLanguage'),
    ),
  };
}

/** The imagined visit: an adult client with a mobile number and consent, of a contact type the unit surveys. */
function previewVisit(
  unit: Unit,
  rules: EffectiveRules,
  completedAt: Date,
  language: Language,
): AppointmentCompleted {
  return {
    schemaVersion: 1,
    appointmentId: 'console-preview',
    organizationId: unit.organizationId,
    unitId: unit.unitId,
    contactType: rules.contactTypes[0] ?? 'visit',
    completedAt: completedAt.toISOString(),
    client: {
      personRef: 'console-preview',
      mobilePhone: '+358401234567',
      language,
      age: Math.max(40, rules.minAge),
      smsConsent: true,
    },
  } as AppointmentCompleted;
}

export function mountUnitRules(app: Hono<ConsoleEnv>, deps: ConsoleAppDeps) {
  const render = (
    c: ConsoleContext,
    found: { unit: Unit; organization: Organization },
    questionSetIds: readonly string[],
    state: RulesPageState,
    status: 200 | 400 | 409 | 412 = 200,
  ) =>
    c.html(
      <RulesPage
        c={c}
        unit={found.unit}
        organization={found.organization}
        questionSetIds={questionSetIds}
        openLinks={deps.openLinks !== undefined}
        state={{
          ...state,
          values: previewDefaults(state.values, found.organization, deps.clock.now(), c.var.lang),
        }}
      />,
      status,
    );

  app.get('/units/:unitId/rules', async (c) => {
    const found = await configurableUnit(deps.config, c.var.person, c.req.param('unitId'));
    if (!found) return consoleNotFound(c);
    const questionSetIds = await questionSetChoices(deps, found.unit.organizationId);
    return render(c, found, questionSetIds, {
      values: rulesToForm(found.unit.rules, found.unit.enabled),
      version: found.unit.version,
      errors: [],
      warnings: [],
    });
  });

  app.post('/units/:unitId/rules', async (c) => {
    const person = c.var.person;
    const found = await configurableUnit(deps.config, person, c.req.param('unitId'));
    if (!found) return consoleNotFound(c);
    const { unit, organization } = found;
    const t = messagesOf(c);
    const form = c.var.form;
    const questionSetIds = await questionSetChoices(deps, unit.organizationId);
    const version = formVersion(form.version);
    const base = { values: form, version: version ?? unit.version, errors: [], warnings: [] };
    if (version === undefined)
      return render(c, found, questionSetIds, { ...base, errors: [{ field: '', message: t.conflict }] }, 400);
    const parsed = parseRulesForm(form, t, questionSetIds);
    if (!parsed.ok) return render(c, found, questionSetIds, { ...base, errors: parsed.errors }, 400);
    const rules = withFormRules(unit.rules, parsed.rules);

    if (form.action !== 'save') {
      const at = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(form.previewAt ?? '');
      if (!at?.[1] || !at[2] || Number.isNaN(Date.parse(at[1])))
        return render(
          c,
          found,
          questionSetIds,
          { ...base, errors: [{ field: 'previewAt', message: t.notDateTime }] },
          400,
        );
      const effective = mergeRules(rules, organization.defaults);
      const language = (LANGUAGES as readonly string[]).includes(form.previewLanguage ?? '')
        ? (form.previewLanguage as Language)
        : c.var.lang;
      const result = await previewUnitVisit(deps, {
        unitId: unit.unitId,
        visit: previewVisit(
          unit,
          effective,
          zonedWallTimeToInstant(at[1], at[2], organization.timeZone),
          language,
        ),
        // Every rule the form shows, so that a field emptied on the form previews its default.
        rules: effective,
        authorize: (organizationId) => {
          if (!canConfigure(person, organizationId)) throw new Error('outside the person’s scope');
        },
      });
      if (result.status === 'unknown-unit') return consoleNotFound(c);
      if (result.status === 'invalid')
        return render(
          c,
          found,
          questionSetIds,
          { ...base, errors: rulesProblemsAsErrors(result.problems) },
          400,
        );
      const { preview } = result;
      if (preview.ruleErrors.length > 0) {
        return render(
          c,
          found,
          questionSetIds,
          {
            ...base,
            errors: rulesProblemsAsErrors(preview.ruleErrors),
            warnings: rulesProblemsAsErrors(preview.warnings),
          },
          400,
        );
      }
      return render(c, found, questionSetIds, { ...base, preview });
    }

    const { unitId: _id, version: _version, updatedAt: _updatedAt, ...body } = unit;
    const outcome = await writeVersioned(deps, unitResource(deps), {
      id: unit.unitId,
      change: { mode: 'replace', body: { ...body, enabled: parsed.enabled, rules } },
      preconditions: { ifMatch: [version] },
      by: person.username,
      canSee: (organizationId) => canConfigure(person, organizationId),
    });
    switch (outcome.status) {
      case 'created':
      case 'updated':
      case 'unchanged': {
        const record = outcome.record;
        const kept = { previewAt: form.previewAt ?? '', previewLanguage: form.previewLanguage ?? c.var.lang };
        return render(c, { unit: record, organization }, questionSetIds, {
          values: { ...rulesToForm(record.rules, record.enabled), ...kept },
          version: record.version,
          errors: [],
          warnings: rulesProblemsAsErrors(outcome.warnings),
          saved: outcome.status === 'unchanged' ? t.unchanged(record.version) : t.saved(record.version),
        });
      }
      case 'precondition-failed': {
        const current = await deps.config.readVersioned('unit', unit.unitId);
        if (!current) return consoleNotFound(c);
        const entries = await changesSince(deps.config, 'unit', unit.unitId, version, current);
        // The person's input stays; the form now names the current version, so saving again is a
        // deliberate choice to replace what the other person changed.
        return render(
          c,
          { unit: current, organization },
          questionSetIds,
          {
            ...base,
            version: current.version,
            stale: {
              c,
              yourVersion: version,
              currentVersion: current.version,
              entries,
              timeZone: organization.timeZone,
            },
          },
          412,
        );
      }
      case 'invalid':
        return render(
          c,
          found,
          questionSetIds,
          { ...base, errors: rulesProblemsAsErrors(outcome.problems) },
          400,
        );
      case 'not-found':
        return consoleNotFound(c);
      case 'conflict':
      case 'busy':
        return render(
          c,
          found,
          questionSetIds,
          { ...base, errors: [{ field: '', message: t.conflict }] },
          409,
        );
    }
  });
}
