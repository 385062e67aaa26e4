/** @jsxImportSource hono/jsx */
import type { Person } from '../../identity/roles';
import type { Language } from '../../schemas/config';
import { MessagePage, Page, withLang } from '../survey/layout';
import { ConsolePage, configuresAnything } from './layout';
import { consoleMessages, type SignInProblem } from './messages';
import { CONSOLE_PATH, LOGIN_PATH, LOGIN_START_PATH } from './paths';

export { CONSOLE_PATH, LOGIN_CALLBACK_PATH, LOGIN_PATH, LOGIN_START_PATH, LOGOUT_PATH } from './paths';

export type SignInField = 'username' | 'password';
export interface SignInError {
  field: SignInField;
  message: string;
}

interface CommonProps {
  lang: Language;
  base: string;
}

/**
 * The sign-in page: a "Sign in" link that starts the identity provider's sign-in (cloud), the
 * username and password form of local users (local mode), or both.
 */
export function SignInPage(
  props: CommonProps & {
    csrfToken: string;
    username?: string;
    errors: SignInError[];
    identityProvider: boolean;
    passwordForm: boolean;
  },
) {
  const t = consoleMessages(props.lang);
  const errorOf = (field: SignInField) => props.errors.find((e) => e.field === field);
  const Field = (field: { name: SignInField; label: string; type: string; autocomplete: string }) => {
    const error = errorOf(field.name);
    return (
      <div class="field">
        <label for={field.name}>{field.label}</label>
        {error && (
          <p class="field-error" id={`${field.name}-error`}>
            {error.message}
          </p>
        )}
        <input
          id={field.name}
          name={field.name}
          type={field.type}
          autocomplete={field.autocomplete}
          required
          value={field.name === 'username' ? props.username : undefined}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${field.name}-error` : undefined}
          spellcheck={false}
          autocapitalize="none"
        />
      </div>
    );
  };
  return (
    <Page
      lang={props.lang}
      base={props.base}
      title={t.signInTitle}
      hasErrors={props.errors.length > 0}
      switchHref={(l) => withLang(`${props.base}${LOGIN_PATH}`, l)}
    >
      {props.errors.length > 0 && (
        <section
          class="error-summary"
          id="error-summary"
          tabindex={-1}
          autofocus
          aria-labelledby="error-summary-title"
        >
          <h2 id="error-summary-title">{t.errorSummary}</h2>
          <ul>
            {props.errors.map((error) => (
              <li>
                <a href={`#${error.field}`}>{error.message}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <h1>{t.signInTitle}</h1>
      <p class="lead">{t.signInLead}</p>
      {props.identityProvider && (
        <>
          <p>{t.providerLead}</p>
          <p>
            <a class="btn" href={withLang(`${props.base}${LOGIN_START_PATH}`, props.lang)}>
              {t.signIn}
            </a>
          </p>
        </>
      )}
      {props.passwordForm && (
        <form method="post" action={withLang(`${props.base}${LOGIN_PATH}`, props.lang)} novalidate>
          {props.identityProvider && <h2>{t.localAccountHeading}</h2>}
          <input type="hidden" name="csrf" value={props.csrfToken} />
          <Field name="username" label={t.username} type="text" autocomplete="username" />
          <Field name="password" label={t.password} type="password" autocomplete="current-password" />
          <button type="submit" class="btn">
            {t.signIn}
          </button>
        </form>
      )}
    </Page>
  );
}

export function ConsoleHomePage(props: CommonProps & { person: Person; csrfToken: string }) {
  const t = consoleMessages(props.lang);
  return (
    <ConsolePage {...props} title={t.consoleTitle} path={CONSOLE_PATH}>
      <h1>{t.consoleTitle}</h1>
      <p class="lead">{t.homeLead}</p>
      <ul class="links">
        <li>
          <a href={withLang(`${props.base}${CONSOLE_PATH}/reports`, props.lang)}>{t.consoleReports}</a>
        </li>
        {configuresAnything(props.person) && (
          <li>
            <a href={withLang(`${props.base}${CONSOLE_PATH}/admin`, props.lang)}>{t.consoleAdmin}</a>
          </li>
        )}
      </ul>
      <h2>{t.rolesHeading}</h2>
      <ul>
        {props.person.roles.map((grant) => (
          <li>{t.role(grant)}</li>
        ))}
      </ul>
    </ConsolePage>
  );
}

/** 400 (a form that did not arrive) or 403 (a form without its CSRF token, or from another site). */
export function ConsoleProblemPage(props: CommonProps & { problem: 'badRequest' | 'forbidden' }) {
  const t = consoleMessages(props.lang);
  return (
    <MessagePage
      lang={props.lang}
      base={props.base}
      heading={props.problem === 'badRequest' ? t.badRequestTitle : t.forbiddenTitle}
      paragraphs={[props.problem === 'badRequest' ? t.badRequest : t.forbidden]}
      switchHref={(l) => withLang(`${props.base}${LOGIN_PATH}`, l)}
    >
      <p>
        <a href={withLang(`${props.base}${LOGIN_PATH}`, props.lang)}>{t.backToSignIn}</a>
      </p>
    </MessagePage>
  );
}

/** A sign-in at the identity provider that let nobody in, or a person without any role. */
export function SignInFailedPage(props: CommonProps & { problem: SignInProblem }) {
  const t = consoleMessages(props.lang);
  return (
    <MessagePage
      lang={props.lang}
      base={props.base}
      heading={props.problem === 'noAccess' ? t.noAccessTitle : t.signInFailedTitle}
      paragraphs={[t.signInFailed[props.problem]]}
      switchHref={(l) => withLang(`${props.base}${LOGIN_PATH}`, l)}
    >
      <p>
        <a href={withLang(`${props.base}${LOGIN_PATH}`, props.lang)}>{t.startAgain}</a>
      </p>
    </MessagePage>
  );
}
