/** @jsxImportSource hono/jsx */
import {
  type EffectiveRules,
  LANGUAGES,
  mergeRules,
  type Organization,
  type Unit,
  WEEKDAYS,
} from '../../../schemas/config';
import { CONTACT_TYPES } from '../../../schemas/events';
import type { UnitPreview } from '../../../services/preview';
import type { ConsoleContext } from '../context';
import {
  AdminPage,
  adminLink,
  ErrorSummary,
  messagesOf,
  SavedNotice,
  StaleNotice,
  Warnings,
} from './components';
import { Checkbox, CheckboxGroup, type FieldContext, Radios, Select, TextArea, TextField } from './fields';
import { contactTypeField, dayField, type FormError, type FormValues, rulesProblemsAsErrors } from './forms';
import { type AdminMessages, formatInstant } from './messages';
import { openLinkMessages } from './openLinkMessages';
import { organizationPath } from './organizations';
import { unitPath } from './units';

/** What the page shows besides the form: a preview, a save's result, or a stale form's differences. */

export interface RulesPageState {
  values: FormValues;
  version: number;
  errors: FormError[];
  warnings: FormError[];
  preview?: UnitPreview;
  saved?: string;
  stale?: Parameters<typeof StaleNotice>[0];
}

/** The sets a unit may name: the national ones and the organization's own. */

const describeDefaults = (t: AdminMessages, d: EffectiveRules) => ({
  timing: d.timing.mode === 'delay' ? `${d.timing.delayMinutes} min` : `${t.timingNextDay} ${d.timing.at}`,
  window: `${d.sendWindow.days.map((day) => t.weekday[day]).join(' ')} ${d.sendWindow.start}–${d.sendWindow.end}`,
  samplingPercent: `${Math.round(d.samplingRate * 1e4) / 100} %`,
  dailyQuota: d.dailyQuota === undefined ? t.none : String(d.dailyQuota),
  blockedDates: d.blockedDates.length === 0 ? t.none : d.blockedDates.join(', '),
  maxLagHours: String(d.maxLagHours),
  linkTtlDays: String(d.linkTtlDays),
  minAge: String(d.minAge),
  excludedServiceCodes: d.excludedServiceCodes.length === 0 ? t.none : d.excludedServiceCodes.join(', '),
  contactTypes: d.contactTypes.map((type) => t.contactType[type]).join(', '),
  requireSmsConsent: d.requireSmsConsent ? t.yes : t.no,
  excludeSecurityBan: d.excludeSecurityBan ? t.yes : t.no,
  questionSetId: d.questionSetId,
});

export function RulesPage(props: {
  c: ConsoleContext;
  unit: Unit;
  organization: Organization;
  questionSetIds: readonly string[];
  state: RulesPageState;
  /** Whether the app has open links: then the page links to the unit's open links and paper answers. */
  openLinks: boolean;
}) {
  const { c, unit, organization, state } = props;
  const t = messagesOf(c);
  const linkTexts = openLinkMessages(c.var.lang);
  const lang = c.var.lang;
  const ctx: FieldContext = { values: state.values, errors: state.errors };
  const defaults = describeDefaults(t, mergeRules(undefined, organization.defaults));
  const unitName = unit.name[lang] ?? unit.name.fi;
  const title = `${t.rulesTitle}: ${unitName}`;
  const inherit = (value: string) => t.inherited(value);
  return (
    <AdminPage
      c={c}
      title={title}
      hasErrors={state.errors.length > 0}
      back={{
        href: adminLink(c, organizationPath(organization.organizationId)),
        label: t.backTo(organization.name[lang]),
      }}
    >
      <ErrorSummary t={t} errors={state.errors} />
      <h1>{title}</h1>
      <p class="meta">
        {t.id}: {unit.unitId}; {t.version(unit.version)}.{' '}
        <a href={adminLink(c, `${unitPath(unit.unitId)}/history`)}>{t.history}</a>
        {props.openLinks && (
          <>
            {' · '}
            <a href={adminLink(c, `${unitPath(unit.unitId)}/open-links`)}>{linkTexts.openLinks}</a>
            {' · '}
            <a href={adminLink(c, `${unitPath(unit.unitId)}/paper-answers`)}>{linkTexts.paperAnswers}</a>
          </>
        )}
      </p>
      {state.stale && <StaleNotice {...state.stale} />}
      {state.saved && <SavedNotice t={t} message={state.saved} warnings={state.warnings} />}
      {state.preview && (
        <PreviewResult
          c={c}
          organization={organization}
          preview={state.preview}
          lang={state.values.previewLanguage}
        />
      )}
      {!state.preview && !state.saved && <Warnings t={t} warnings={state.warnings} />}
      <p class="lead">{t.rulesLead}</p>
      {lang !== 'en' && state.errors.some((e) => e.apiText) && <p class="note">{t.apiLanguageNote}</p>}
      <form method="post" action={adminLink(c, `${unitPath(unit.unitId)}/rules`)} id="admin-form" novalidate>
        <input type="hidden" name="csrf" value={c.var.session.csrf} />
        <input type="hidden" name="version" value={String(state.version)} />
        <Checkbox ctx={ctx} name="enabled" label={t.unitEnabled} />
        <div class="group">
          <Radios
            ctx={ctx}
            name="timingMode"
            legend={t.timingLegend}
            options={[
              { value: '', label: t.inheritOption(defaults.timing) },
              { value: 'delay', label: t.timingDelay },
              { value: 'nextDay', label: t.timingNextDay },
            ]}
          />
          <TextField ctx={ctx} name="delayMinutes" label={t.delayMinutes} inputmode="numeric" size="short" />
          <TextField ctx={ctx} name="nextDayAt" label={t.nextDayAt} inputmode="numeric" size="short" />
        </div>
        <fieldset>
          <legend>{t.windowLegend}</legend>
          <p class="hint">
            {t.windowHint} {inherit(defaults.window)}
          </p>
          <TextField ctx={ctx} name="windowStart" label={t.windowStart} inputmode="numeric" size="short" />
          <TextField ctx={ctx} name="windowEnd" label={t.windowEnd} inputmode="numeric" size="short" />
          <CheckboxGroup
            ctx={ctx}
            legend={t.windowDays}
            boxes={WEEKDAYS.map((day) => ({ name: dayField(day), label: t.weekday[day] }))}
          />
          <Checkbox ctx={ctx} name="allowNight" label={t.allowNight} />
        </fieldset>
        <fieldset>
          <legend>{t.samplingLegend}</legend>
          <TextField
            ctx={ctx}
            name="samplingPercent"
            label={t.samplingPercent}
            hint={inherit(defaults.samplingPercent)}
            inputmode="decimal"
            size="short"
          />
          <TextField
            ctx={ctx}
            name="dailyQuota"
            label={t.dailyQuota}
            hint={`${t.dailyQuotaHint} ${inherit(defaults.dailyQuota)}`}
            inputmode="numeric"
            size="short"
          />
          <TextArea
            ctx={ctx}
            name="blockedDates"
            label={t.blockedDates}
            hint={`${t.blockedDatesHint} ${inherit(defaults.blockedDates)}`}
          />
        </fieldset>
        <fieldset>
          <legend>{t.waitsLegend}</legend>
          <TextField
            ctx={ctx}
            name="maxLagHours"
            label={t.maxLagHours}
            hint={inherit(defaults.maxLagHours)}
            inputmode="numeric"
            size="short"
          />
          <TextField
            ctx={ctx}
            name="linkTtlDays"
            label={t.linkTtlDays}
            hint={inherit(defaults.linkTtlDays)}
            inputmode="numeric"
            size="short"
          />
        </fieldset>
        <fieldset>
          <legend>{t.whoLegend}</legend>
          <TextField
            ctx={ctx}
            name="minAge"
            label={t.minAge}
            hint={inherit(defaults.minAge)}
            inputmode="numeric"
            size="short"
          />
          <CheckboxGroup
            ctx={ctx}
            legend={t.contactTypes}
            hint={`${t.contactTypesHint} ${inherit(defaults.contactTypes)}`}
            boxes={CONTACT_TYPES.map((type) => ({
              name: contactTypeField(type),
              label: t.contactType[type],
            }))}
          />
          {(['requireSmsConsent', 'excludeSecurityBan'] as const).map((name) => (
            <Select
              ctx={ctx}
              name={name}
              label={t[name]}
              options={[
                { value: '', label: t.inheritOption(defaults[name]) },
                { value: 'yes', label: t.yes },
                { value: 'no', label: t.no },
              ]}
            />
          ))}
          <TextArea
            ctx={ctx}
            name="excludedServiceCodes"
            label={t.excludedServiceCodes}
            hint={`${t.excludedServiceCodesHint} ${inherit(defaults.excludedServiceCodes)}`}
          />
          <Select
            ctx={ctx}
            name="questionSetId"
            label={t.questionSet}
            options={[
              { value: '', label: t.inheritOption(defaults.questionSetId) },
              ...props.questionSetIds.map((id) => ({ value: id, label: id })),
            ]}
          />
        </fieldset>
        <fieldset>
          <legend>{t.previewLegend}</legend>
          <p class="hint">{t.previewHint}</p>
          <TextField ctx={ctx} name="previewAt" label={t.previewAt} type="datetime-local" />
          <Select
            ctx={ctx}
            name="previewLanguage"
            label={t.previewLanguage}
            options={LANGUAGES.map((l) => ({ value: l, label: t.languageName[l] }))}
          />
        </fieldset>
        <div class="actions">
          <button type="submit" name="action" value="preview" class="btn btn-secondary">
            {t.previewButton}
          </button>
          <button type="submit" name="action" value="save" class="btn">
            {t.saveButton}
          </button>
        </div>
      </form>
    </AdminPage>
  );
}

function PreviewResult(props: {
  c: ConsoleContext;
  organization: Organization;
  preview: UnitPreview;
  lang?: string;
}) {
  const { c, preview } = props;
  const t = messagesOf(c);
  const when = (iso: string) => formatInstant(c.var.lang, iso, props.organization.timeZone);
  const smsLang = (LANGUAGES as readonly string[]).includes(props.lang ?? '') ? props.lang : undefined;
  return (
    <section class="preview" id="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{t.previewTitle}</h2>
      <dl>
        <dt>{t.outcome}</dt>
        <dd>{t.outcomeName(preview.outcome)}</dd>
        <dt>{t.sendAt}</dt>
        <dd>{preview.sendAt ? when(preview.sendAt) : t.noSend}</dd>
      </dl>
      <h3>{t.shiftsTitle}</h3>
      {preview.shifts.length === 0 ? (
        <p>{t.noShifts}</p>
      ) : (
        <ol class="shifts">
          {preview.shifts.map((shift) => (
            <li>{t.shift(shift.reason, when(shift.from), when(shift.to))}</li>
          ))}
        </ol>
      )}
      <h3>{t.smsTitle}</h3>
      <blockquote class="sms" lang={smsLang}>
        {preview.sms.text}
      </blockquote>
      <p class="sms-size">{t.smsSize(preview.sms.characters, preview.sms.segments, preview.sms.encoding)}</p>
      <Warnings t={t} warnings={rulesProblemsAsErrors(preview.warnings)} />
      <p class="meta">{t.previewAssumes}</p>
    </section>
  );
}

/** `/units/{unitId}/rules`: the unit's rules form with preview and a save that says when someone else saved first. */
