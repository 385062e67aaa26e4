/** @jsxImportSource hono/jsx */
import type { Hono } from 'hono';
import {
  AGREEMENT_VALUES,
  NOT_APPLICABLE,
  NPS_VALUES,
  type Question,
  type QuestionSet,
} from '../../../domain/questionSets';
import { localDateOf } from '../../../domain/sendTime';
import { canConfigure, type Person } from '../../../identity/roles';
import {
  DEFAULT_TIME_ZONE,
  LANGUAGES,
  type Language,
  mergeRules,
  type Organization,
  type Unit,
} from '../../../schemas/config';
import type { PaperAnswerBody } from '../../../schemas/openLinks';
import { type AnswerValue, RESPONDENTS, type Respondent } from '../../../schemas/records';
import type { FieldProblem } from '../../../services/openLinks';
import { storePaperAnswer } from '../../../services/paperAnswers';
import { questionSetFor } from '../../../services/survey';
import type { ConsoleAppDeps, ConsoleContext, ConsoleEnv } from '../context';
import { consoleNotFound } from '../layout';
import { isCalendarDate } from '../reports/components';
import { AdminPage, adminLink, ErrorSummary, messagesOf, SavedNotice } from './components';
import { type FieldContext, Radios, Select, TextArea, TextField } from './fields';
import type { FormError, FormValues } from './forms';
import { type OpenLinkMessages, openLinkMessages } from './openLinkMessages';
import { OutsideScope, openLinkDepsOf, withinScope } from './openLinks';
import { unitPath } from './units';

export const paperAnswersPath = (unitId: string) => `${unitPath(unitId)}/paper-answers`;
const answerField = (questionId: string) => `answer.${questionId}`;

/**
 * Who keys in paper answers of a unit (DESIGN: admin or unit-manager scope): people who configure its
 * organization, and unit managers of that very unit.
 */
export function mayKeyInPaperAnswers(person: Person, unit: Pick<Unit, 'unitId' | 'organizationId'>) {
  return (
    canConfigure(person, unit.organizationId) ||
    person.roles.some(
      (grant) =>
        grant.role === 'unit-manager' &&
        grant.organizationId === unit.organizationId &&
        grant.unitIds.includes(unit.unitId),
    )
  );
}

interface PaperState {
  values: FormValues;
  errors: FormError[];
  saved?: boolean;
}

function QuestionFields(props: {
  q: Question;
  set: QuestionSet;
  lang: Language;
  ctx: FieldContext;
  t: OpenLinkMessages;
}) {
  const { q, set, lang, ctx, t } = props;
  const none = { value: '', label: t.notAnswered };
  if (q.kind === 'comment')
    return <TextArea ctx={ctx} name="comment" label={q.text[lang]} hint={q.hint[lang]} rows={5} />;
  if (q.kind === 'nps')
    return (
      <Radios
        ctx={ctx}
        name={answerField(q.id)}
        legend={q.text[lang]}
        options={[
          ...NPS_VALUES.map((value, i) => ({
            value,
            label:
              i === 0 ? `${value} ${q.lowLabel[lang]}` : i === 10 ? `${value} ${q.highLabel[lang]}` : value,
          })),
          none,
        ]}
      />
    );
  return (
    <Radios
      ctx={ctx}
      name={answerField(q.id)}
      legend={q.text[lang]}
      options={[
        ...AGREEMENT_VALUES.map((value, i) => ({
          value,
          label: `${value} ${set.agreementScale.labels[i]?.[lang] ?? ''}`.trim(),
        })),
        { value: NOT_APPLICABLE, label: set.agreementScale.notApplicable[lang] },
        none,
      ]}
    />
  );
}

function PaperAnswerPage(props: { c: ConsoleContext; unit: Unit; set: QuestionSet; state: PaperState }) {
  const { c, unit, set, state } = props;
  const a = messagesOf(c);
  const t = openLinkMessages(c.var.lang);
  const lang = c.var.lang;
  const unitName = unit.name[lang] ?? unit.name.fi;
  const title = `${t.paperTitle}: ${unitName}`;
  const ctx: FieldContext = { values: state.values, errors: state.errors };
  return (
    <AdminPage c={c} title={title} hasErrors={state.errors.length > 0}>
      <ErrorSummary t={a} errors={state.errors} />
      <h1>{title}</h1>
      {state.saved && <SavedNotice t={a} message={t.paperSaved} warnings={[]} />}
      <p class="lead">{t.paperLead}</p>
      <form method="post" action={adminLink(c, paperAnswersPath(unit.unitId))} id="admin-form" novalidate>
        <input type="hidden" name="csrf" value={c.var.session.csrf} />
        <TextField
          ctx={ctx}
          name="visitDate"
          label={t.visitDate}
          hint={t.visitDateHint}
          inputmode="numeric"
          size="short"
        />
        <Radios
          ctx={ctx}
          name="respondent"
          legend={t.respondentLabel}
          options={RESPONDENTS.map((value) => ({ value, label: t.respondent[value] }))}
        />
        <Select
          ctx={ctx}
          name="language"
          label={t.formLanguage}
          options={LANGUAGES.map((value) => ({ value, label: t.languageName[value] }))}
        />
        {set.questions.map((q) => (
          <QuestionFields q={q} set={set} lang={lang} ctx={ctx} t={t} />
        ))}
        <div class="actions">
          <button type="submit" class="btn">
            {t.saveAnswer}
          </button>
        </div>
      </form>
    </AdminPage>
  );
}

/** The form's fields as the paper-answer body, or the fields the person must correct first. */
function parsePaperForm(
  form: FormValues,
  set: QuestionSet,
  t: OpenLinkMessages,
  lang: Language,
): { ok: true; body: PaperAnswerBody } | { ok: false; errors: FormError[] } {
  const errors: FormError[] = [];
  const visitDate = form.visitDate?.trim() ?? '';
  if (!isCalendarDate(visitDate)) errors.push({ field: 'visitDate', message: t.notDate });
  const respondent = (RESPONDENTS as readonly string[]).includes(form.respondent ?? '')
    ? (form.respondent as Respondent)
    : undefined;
  if (!respondent) errors.push({ field: 'respondent', message: t.chooseRespondent });
  const language = (LANGUAGES as readonly string[]).includes(form.language ?? '')
    ? (form.language as Language)
    : 'fi';
  const answers: Record<string, AnswerValue> = {};
  for (const q of set.questions) {
    if (q.kind === 'comment') continue;
    const raw = form[answerField(q.id)] ?? '';
    if (raw === '') continue;
    if (raw === NOT_APPLICABLE) answers[q.id] = NOT_APPLICABLE;
    else if (/^\d{1,2}$/.test(raw)) answers[q.id] = Number(raw);
    else errors.push(problemAsError(set, t, lang, { path: `answers.${q.id}`, message: '' }));
  }
  const comment = form.comment?.trim() ? form.comment : undefined;
  if (errors.length > 0 || !respondent) return { ok: false, errors };
  return {
    ok: true,
    body: { visitDate, respondent, language, answers, ...(comment !== undefined ? { comment } : {}) },
  };
}

/** A problem of the paper-answer service beside its field, in the page's language. */
function problemAsError(
  set: QuestionSet,
  t: OpenLinkMessages,
  lang: Language,
  problem: FieldProblem,
): FormError {
  if (problem.path === 'visitDate') return { field: 'visitDate', message: t.futureDate };
  if (problem.path === 'comment') return { field: 'comment', message: t.commentTooLong };
  if (problem.path === 'answers') return { field: '', message: t.giveSomething };
  if (problem.path === '(unit)') return { field: '', message: t.noQuestionSet };
  const questionId = problem.path.replace(/^answers\./, '');
  const kind = set.questions.find((q) => q.id === questionId)?.kind;
  return {
    field: answerField(questionId),
    message:
      kind === 'nps'
        ? t.npsRange
        : kind === 'statement'
          ? t.statementRange(set.agreementScale.notApplicable[lang])
          : problem.message,
    apiText: kind === undefined,
  };
}

/**
 * Paper answers keyed in by staff (`/units/{unitId}/paper-answers`): the unit's question set as a
 * form, stored through the paper-answer service with channel `paper`.
 */
export function mountPaperAnswers(app: Hono<ConsoleEnv>, deps: ConsoleAppDeps) {
  const services = openLinkDepsOf(deps);
  if (!services) return;

  /** The unit with what its form needs, when the person may key in its answers. */
  const unitFor = async (
    c: ConsoleContext,
  ): Promise<{ unit: Unit; organization: Organization; set?: QuestionSet } | undefined> => {
    const unit = await deps.config.getUnit(c.req.param('unitId') ?? '');
    if (!unit || !mayKeyInPaperAnswers(c.var.person, unit)) return undefined;
    const organization = await deps.config.getOrganization(unit.organizationId);
    if (!organization) return undefined;
    const questionSetId = mergeRules(unit.rules, organization.defaults).questionSetId;
    const set = await questionSetFor(
      deps.config,
      { questionSetId, organizationId: unit.organizationId },
      organization,
    );
    return { unit, organization, set };
  };
  const emptyForm = (c: ConsoleContext, organization: Organization): FormValues => ({
    visitDate: localDateOf(deps.clock.now(), organization.timeZone ?? DEFAULT_TIME_ZONE),
    respondent: 'client',
    language: c.var.lang,
  });
  const render = (
    c: ConsoleContext,
    unit: Unit,
    set: QuestionSet,
    state: PaperState,
    status: 200 | 400 = 200,
  ) =>
    c.html(<PaperAnswerPage c={c} unit={unit} set={set} state={state} />, status, {
      'Cache-Control': 'no-store',
    });

  app.get(
    '/units/:unitId/paper-answers',
    withinScope(async (c) => {
      const found = await unitFor(c);
      if (!found?.set) return consoleNotFound(c);
      return render(c, found.unit, found.set, { values: emptyForm(c, found.organization), errors: [] });
    }),
  );

  app.post(
    '/units/:unitId/paper-answers',
    withinScope(async (c) => {
      const found = await unitFor(c);
      if (!found?.set) return consoleNotFound(c);
      const { unit, organization, set } = found;
      const t = openLinkMessages(c.var.lang);
      const form = c.var.form;
      const parsed = parsePaperForm(form, set, t, c.var.lang);
      if (!parsed.ok) return render(c, unit, set, { values: form, errors: parsed.errors }, 400);
      const result = await storePaperAnswer(services, {
        unitId: unit.unitId,
        body: parsed.body,
        authorize: (organizationId) => {
          if (!mayKeyInPaperAnswers(c.var.person, { unitId: unit.unitId, organizationId }))
            throw new OutsideScope();
        },
      });
      if (result.status === 'unknown-unit') return consoleNotFound(c);
      if (result.status === 'invalid')
        return render(
          c,
          unit,
          set,
          { values: form, errors: result.problems.map((p) => problemAsError(set, t, c.var.lang, p)) },
          400,
        );
      return render(c, unit, set, { values: emptyForm(c, organization), errors: [], saved: true });
    }),
  );
}
