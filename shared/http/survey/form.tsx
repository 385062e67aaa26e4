/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import {
  AGREEMENT_VALUES,
  type AnswerError,
  type AnswerInput,
  NOT_APPLICABLE,
  NPS_VALUES,
  type Question,
  type QuestionSet,
} from '../../domain/questionSets';
import { formatDate, type Messages, messages } from '../../i18n';
import type { Language } from '../../schemas/config';

/** Element ids: `q-{id}` is the question's group (the error summary links there), `err-{id}` its error. */
export const groupId = (questionId: string) => `q-${questionId}`;
const errorId = (questionId: string) => `err-${questionId}`;
const optionId = (questionId: string, value: string) => `${questionId}-${value}`;

function problemText(t: Messages, error: AnswerError, question: Question | undefined): string {
  switch (error.problem) {
    case 'empty':
      return t.errors.empty;
    case 'range':
      return t.errors.range;
    case 'tooLong':
      return t.errors.tooLong(question?.kind === 'comment' ? question.maxLength : 0);
  }
}

function FieldError(props: { id: string; t: Messages; text: string }) {
  return (
    <p class="field-error" id={props.id}>
      <span class="vh">{props.t.errors.prefix} </span>
      {props.text}
    </p>
  );
}

function RadioOption(props: {
  name: string;
  value: string;
  checked: boolean;
  className: string;
  children: Child;
}) {
  const id = optionId(props.name, props.value);
  return (
    <label class={props.className} for={id}>
      <input type="radio" id={id} name={props.name} value={props.value} checked={props.checked} />
      <span>{props.children}</span>
    </label>
  );
}

/** One question as a radio group: `fieldset`/`legend`, with its error said first and referenced. */
function RadioGroup(props: { id: string; legend: string; lang: Language; error?: string; children: Child }) {
  return (
    <fieldset
      class={props.error ? 'q q-invalid' : 'q'}
      id={groupId(props.id)}
      aria-describedby={props.error ? errorId(props.id) : undefined}
    >
      <legend>{props.legend}</legend>
      {props.error && <FieldError id={errorId(props.id)} t={messages(props.lang)} text={props.error} />}
      {props.children}
    </fieldset>
  );
}

function NpsQuestion(props: {
  q: Extract<Question, { kind: 'nps' }>;
  lang: Language;
  value: string | undefined;
  error?: string;
}) {
  const { q, lang } = props;
  const t = messages(lang);
  const low = q.lowLabel[lang];
  const high = q.highLabel[lang];
  const last = NPS_VALUES.length - 1;
  return (
    <RadioGroup id={q.id} legend={q.text[lang]} lang={lang} error={props.error}>
      {/* The ends of the scale are also in the names of options 0 and 10, for screen readers. */}
      <p class="ends" aria-hidden="true">
        <span>{t.form.npsEnd(0, low)}</span>
        <span>{t.form.npsEnd(10, high)}</span>
      </p>
      <div class="opts nps">
        {NPS_VALUES.map((value, index) => (
          <RadioOption name={q.id} value={value} checked={props.value === value} className="opt">
            {value}
            {index === 0 && <span class="vh"> {low}</span>}
            {index === last && <span class="vh"> {high}</span>}
          </RadioOption>
        ))}
      </div>
    </RadioGroup>
  );
}

/** Mouth curves of the faces 1…5: from a frown to a wide smile (control point's y in a 0–40 box). */
const MOUTH_CURVE = [20, 25, 28, 33, 37] as const;

/**
 * A face for a value of a picture scale (children's sets). Decorative: its option's words say the
 * same, so it is hidden from assistive technology and never the only carrier of meaning.
 */
export function Face(props: { value: number }) {
  const curve = MOUTH_CURVE[props.value - 1] ?? 28;
  return (
    <svg class="face" viewBox="0 0 40 40" width="40" height="40" aria-hidden="true" focusable="false">
      <circle cx="20" cy="20" r="18" fill="#fff" stroke="currentColor" stroke-width="2" />
      <circle cx="14" cy="16" r="2.2" fill="currentColor" />
      <circle cx="26" cy="16" r="2.2" fill="currentColor" />
      <path
        d={`M12 ${props.value === 3 ? 27 : 28} Q20 ${curve} 28 ${props.value === 3 ? 27 : 28}`}
        fill="none"
        stroke="currentColor"
        stroke-width="2.4"
        stroke-linecap="round"
      />
    </svg>
  );
}

function StatementQuestion(props: {
  q: Extract<Question, { kind: 'statement' }>;
  set: QuestionSet;
  lang: Language;
  value: string | undefined;
  error?: string;
}) {
  const { q, lang, set } = props;
  return (
    <RadioGroup id={q.id} legend={q.text[lang]} lang={lang} error={props.error}>
      <div class="opts">
        {AGREEMENT_VALUES.map((value, index) => (
          <RadioOption
            name={q.id}
            value={value}
            checked={props.value === value}
            className={set.agreementScale.pictures ? 'opt opt-face' : 'opt'}
          >
            {set.agreementScale.pictures && <Face value={index + 1} />}
            {set.agreementScale.labels[index]?.[lang]}
          </RadioOption>
        ))}
        <RadioOption
          name={q.id}
          value={NOT_APPLICABLE}
          checked={props.value === NOT_APPLICABLE}
          className="opt opt-na"
        >
          {set.agreementScale.notApplicable[lang]}
        </RadioOption>
      </div>
    </RadioGroup>
  );
}

function CommentQuestion(props: {
  q: Extract<Question, { kind: 'comment' }>;
  lang: Language;
  value: string | undefined;
  error?: string;
}) {
  const { q, lang } = props;
  const t = messages(lang);
  const hintId = `hint-${q.id}`;
  return (
    <div class={props.error ? 'q q-invalid' : 'q'} id={groupId(q.id)}>
      <label class="q-label" for={q.id}>
        {q.text[lang]}
      </label>
      <p class="hint" id={hintId}>
        {q.hint[lang]} {t.form.commentLimit(q.maxLength)}
      </p>
      {props.error && <FieldError id={errorId(q.id)} t={t} text={props.error} />}
      <textarea
        id={q.id}
        name={q.id}
        rows={6}
        maxlength={q.maxLength}
        aria-describedby={props.error ? `${hintId} ${errorId(q.id)}` : hintId}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

function QuestionField(props: {
  q: Question;
  set: QuestionSet;
  lang: Language;
  value: string | undefined;
  error?: string;
}) {
  const { q, set, lang, value, error } = props;
  if (q.kind === 'nps') return <NpsQuestion q={q} lang={lang} value={value} error={error} />;
  if (q.kind === 'statement')
    return <StatementQuestion q={q} set={set} lang={lang} value={value} error={error} />;
  return <CommentQuestion q={q} lang={lang} value={value} error={error} />;
}

export interface SurveyFormProps {
  lang: Language;
  set: QuestionSet;
  visitDate: string;
  action: string;
  values: AnswerInput;
  errors: AnswerError[];
  /** Replaces the visit-date lead (open links have no visit). */
  lead?: string;
  /** Hidden fields of the form (the open links' abuse protection). */
  extraFields?: Child;
  /** `off` on shared devices (kiosk): the browser keeps nothing typed. */
  autocomplete?: 'off';
}

/** The survey: error summary (after an invalid post), the questions, one submit button. */
export function SurveyForm(props: SurveyFormProps) {
  const { lang, set, values } = props;
  const t = messages(lang);
  const byId = new Map(set.questions.map((q) => [q.id, q]));
  const fieldError = (id: string) => {
    const error = props.errors.find((e) => e.questionId === id);
    return error ? problemText(t, error, byId.get(id)) : undefined;
  };
  const firstQuestion = set.questions[0];
  const summaryTarget = (error: AnswerError) => {
    if (error.questionId === '*') return firstQuestion ? `#${groupId(firstQuestion.id)}` : '#';
    const q = byId.get(error.questionId);
    return q?.kind === 'comment' ? `#${q.id}` : `#${groupId(error.questionId)}`;
  };
  const summaryText = (error: AnswerError) => {
    const q = byId.get(error.questionId);
    const problem = problemText(t, error, q);
    return q ? t.errors.inQuestion(q.text[lang], problem) : problem;
  };
  return (
    <>
      {props.errors.length > 0 && (
        // Focused on load (no script needed), so keyboard and screen-reader users start from the errors.
        <section
          class="error-summary"
          id="error-summary"
          tabindex={-1}
          autofocus
          aria-labelledby="error-summary-title"
        >
          <h2 id="error-summary-title">{t.errors.summaryTitle}</h2>
          <ul>
            {props.errors.map((error) => (
              <li>
                <a href={summaryTarget(error)}>{summaryText(error)}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <h1>{t.form.heading}</h1>
      <p class="lead">{props.lead ?? t.form.visit(formatDate(lang, props.visitDate))}</p>
      <p>
        {t.form.intro} {t.form.optional}
      </p>
      <p class="note">{t.form.anonymity}</p>
      <form method="post" action={props.action} autocomplete={props.autocomplete}>
        {props.extraFields}
        {set.questions.map((q) => (
          <QuestionField q={q} set={set} lang={lang} value={values[q.id]} error={fieldError(q.id)} />
        ))}
        <button type="submit" class="btn">
          {t.form.submit}
        </button>
      </form>
    </>
  );
}
