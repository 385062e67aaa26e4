/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { AnswerError, AnswerInput, Question, QuestionSet } from '../domain/questionSets';
import { type Language, languageSchema } from '../schemas/config';
import { findSurvey, optOutBySurvey, type SurveyDeps, submitSurvey } from '../services/survey';

const UI: Record<Language, Record<string, string>> = {
  fi: {
    title: 'Asiakaspalaute',
    intro: 'Vastaa niihin kysymyksiin, joihin haluat. Vastaukset ovat nimettömiä.',
    npsLow: 'Erittäin epätodennäköisesti',
    npsHigh: 'Erittäin todennäköisesti',
    s1: 'Täysin eri mieltä',
    s2: 'Jokseenkin eri mieltä',
    s3: 'Ei samaa eikä eri mieltä',
    s4: 'Jokseenkin samaa mieltä',
    s5: 'Täysin samaa mieltä',
    na: 'En osaa sanoa',
    submit: 'Lähetä vastaus',
    thanks: 'Kiitos vastauksestasi!',
    notFound: 'Kyselyä ei löytynyt. Tarkista linkki.',
    expired: 'Tämän kyselyn vastausaika on päättynyt.',
    answered: 'Tähän kyselyyn on jo vastattu. Kiitos!',
    errorsTitle: 'Tarkista vastauksesi',
    range: 'Valitse jokin annetuista vaihtoehdoista.',
    tooLong: 'Teksti on liian pitkä (enintään 2000 merkkiä).',
    empty: 'Vastaa vähintään yhteen kysymykseen.',
    optOut: 'Älä lähetä minulle enää kyselyitä',
    optOutConfirm: 'Haluatko, ettei sinulle enää lähetetä palautekyselyitä tähän numeroon?',
    optOutButton: 'Kyllä, älä lähetä enää',
    optedOut: 'Selvä. Tähän numeroon ei enää lähetetä palautekyselyitä.',
  },
  sv: {
    title: 'Kundrespons',
    intro: 'Svara på de frågor du vill. Svaren är anonyma.',
    npsLow: 'Mycket osannolikt',
    npsHigh: 'Mycket sannolikt',
    s1: 'Helt av annan åsikt',
    s2: 'Delvis av annan åsikt',
    s3: 'Varken av samma eller annan åsikt',
    s4: 'Delvis av samma åsikt',
    s5: 'Helt av samma åsikt',
    na: 'Kan inte säga',
    submit: 'Skicka svaret',
    thanks: 'Tack för ditt svar!',
    notFound: 'Enkäten hittades inte. Kontrollera länken.',
    expired: 'Svarstiden för den här enkäten har gått ut.',
    answered: 'Den här enkäten har redan besvarats. Tack!',
    errorsTitle: 'Kontrollera dina svar',
    range: 'Välj ett av alternativen.',
    tooLong: 'Texten är för lång (högst 2000 tecken).',
    empty: 'Svara på minst en fråga.',
    optOut: 'Skicka inte fler enkäter till mig',
    optOutConfirm: 'Vill du att inga fler responsenkäter skickas till det här numret?',
    optOutButton: 'Ja, skicka inte fler',
    optedOut: 'Okej. Inga fler responsenkäter skickas till det här numret.',
  },
  en: {
    title: 'Customer feedback',
    intro: 'Answer the questions you want to. Your answers are anonymous.',
    npsLow: 'Very unlikely',
    npsHigh: 'Very likely',
    s1: 'Strongly disagree',
    s2: 'Somewhat disagree',
    s3: 'Neither agree nor disagree',
    s4: 'Somewhat agree',
    s5: 'Strongly agree',
    na: "Don't know",
    submit: 'Send answer',
    thanks: 'Thank you for your answer!',
    notFound: 'Survey not found. Please check the link.',
    expired: 'The time to answer this survey has ended.',
    answered: 'This survey has already been answered. Thank you!',
    errorsTitle: 'Please check your answers',
    range: 'Choose one of the options.',
    tooLong: 'The text is too long (at most 2000 characters).',
    empty: 'Answer at least one question.',
    optOut: 'Do not send me surveys any more',
    optOutConfirm: 'Do you want no more feedback surveys to be sent to this number?',
    optOutButton: 'Yes, send no more',
    optedOut: 'Done. No more feedback surveys will be sent to this number.',
  },
};

function Page(props: { lang: Language; title: string; children: Child }) {
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
      </head>
      <body>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

function QuestionField(props: { q: Question; lang: Language; values: AnswerInput; error?: string }) {
  const { q, lang, values } = props;
  const t = UI[lang];
  if (q.kind === 'comment') {
    return (
      <p>
        <label for={q.id}>{q.text[lang]}</label>
        <br />
        <small id={`${q.id}-hint`}>{q.hint[lang]}</small>
        {props.error && <strong id={`${q.id}-error`}>{props.error}</strong>}
        <br />
        <textarea id={q.id} name={q.id} rows={4} maxlength={q.maxLength} aria-describedby={`${q.id}-hint`}>
          {values[q.id] ?? ''}
        </textarea>
      </p>
    );
  }
  const options =
    q.kind === 'nps'
      ? Array.from({ length: 11 }, (_, i) => ({ value: String(i), label: String(i) }))
      : [
          ...[1, 2, 3, 4, 5].map((i) => ({ value: String(i), label: `${i} ${t[`s${i}`]}` })),
          { value: 'na', label: t.na as string },
        ];
  return (
    <fieldset id={q.id}>
      <legend>{q.text[lang]}</legend>
      {props.error && <strong id={`${q.id}-error`}>{props.error}</strong>}
      {q.kind === 'nps' && (
        <p>
          0 = {t.npsLow}, 10 = {t.npsHigh}
        </p>
      )}
      {options.map((o) => (
        <label>
          <input type="radio" name={q.id} value={o.value} checked={values[q.id] === o.value} /> {o.label}
        </label>
      ))}
    </fieldset>
  );
}

function SurveyForm(props: {
  lang: Language;
  set: QuestionSet;
  action: string;
  values: AnswerInput;
  errors: AnswerError[];
}) {
  const t = UI[props.lang];
  const errorFor = (id: string) => {
    const e = props.errors.find((x) => x.questionId === id);
    return e ? t[e.problem] : undefined;
  };
  return (
    <Page lang={props.lang} title={t.title as string}>
      <h1>{t.title}</h1>
      {props.errors.length > 0 && (
        <div role="alert">
          <h2>{t.errorsTitle}</h2>
          <ul>
            {props.errors.map((e) => (
              <li>
                <a href={`#${e.questionId === '*' ? 'nps' : e.questionId}`}>{t[e.problem]}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p>{t.intro}</p>
      <form method="post" action={props.action}>
        {props.set.questions.map((q) => (
          <QuestionField q={q} lang={props.lang} values={props.values} error={errorFor(q.id)} />
        ))}
        <button type="submit">{t.submit}</button>
      </form>
      <p>
        <a href={`${props.action}/opt-out?lang=${props.lang}`}>{t.optOut}</a>
      </p>
    </Page>
  );
}

function Message(props: { lang: Language; text: string }) {
  return (
    <Page lang={props.lang} title={UI[props.lang].title as string}>
      <h1>{UI[props.lang].title}</h1>
      <p>{props.text}</p>
    </Page>
  );
}

const pickLanguage = (requested: string | undefined, fallback: Language): Language => {
  const parsed = languageSchema.safeParse(requested);
  return parsed.success ? parsed.data : fallback;
};

/** The survey page: `GET/POST /s/{token}` and the opt-out pages. */
export function surveyApp(deps: SurveyDeps) {
  const app = new Hono();

  app.get('/:token', async (c) => {
    const token = c.req.param('token');
    const found = await findSurvey(deps, token);
    const lang = pickLanguage(
      c.req.query('lang'),
      found.status === 'not-found' ? 'fi' : found.survey.language,
    );
    if (found.status === 'not-found')
      return c.html(<Message lang={lang} text={UI[lang].notFound as string} />, 404);
    if (found.status === 'gone')
      return c.html(<Message lang={lang} text={UI[lang][found.why] as string} />, 410);
    return c.html(
      <SurveyForm lang={lang} set={found.questionSet} action={`/s/${token}`} values={{}} errors={[]} />,
    );
  });

  app.post('/:token', async (c) => {
    const token = c.req.param('token');
    const form = await c.req.parseBody();
    const input: AnswerInput = Object.fromEntries(
      Object.entries(form).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]),
    );
    const result = await submitSurvey(deps, token, input);
    const lang = pickLanguage(
      c.req.query('lang'),
      result.status === 'not-found' ? 'fi' : result.survey.language,
    );
    switch (result.status) {
      case 'not-found':
        return c.html(<Message lang={lang} text={UI[lang].notFound as string} />, 404);
      case 'gone':
        return c.html(<Message lang={lang} text={UI[lang][result.why] as string} />, 410);
      case 'invalid':
        return c.html(
          <SurveyForm
            lang={lang}
            set={result.questionSet}
            action={`/s/${token}`}
            values={input}
            errors={result.errors}
          />,
          400,
        );
      case 'stored':
        return c.html(<Message lang={lang} text={UI[lang].thanks as string} />);
    }
  });

  app.get('/:token/opt-out', async (c) => {
    const token = c.req.param('token');
    const found = await findSurvey(deps, token);
    const lang = pickLanguage(
      c.req.query('lang'),
      found.status === 'not-found' ? 'fi' : found.survey.language,
    );
    if (found.status === 'not-found')
      return c.html(<Message lang={lang} text={UI[lang].notFound as string} />, 404);
    return c.html(
      <Page lang={lang} title={UI[lang].title as string}>
        <h1>{UI[lang].optOut}</h1>
        <p>{UI[lang].optOutConfirm}</p>
        <form method="post" action={`/s/${token}/opt-out?lang=${lang}`}>
          <button type="submit">{UI[lang].optOutButton}</button>
        </form>
      </Page>,
    );
  });

  app.post('/:token/opt-out', async (c) => {
    const token = c.req.param('token');
    const lang = pickLanguage(c.req.query('lang'), 'fi');
    const result = await optOutBySurvey(deps, token);
    if (result === 'not-found')
      return c.html(<Message lang={lang} text={UI[lang].notFound as string} />, 404);
    return c.html(<Message lang={lang} text={UI[lang].optedOut as string} />);
  });

  return app;
}
