/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { Person } from '../../identity/roles';
import type { Language } from '../../schemas/config';
import { MessagePage, Page, withLang } from '../survey/layout';
import type { ConsoleContext } from './context';
import { consoleMessages } from './messages';
import { CONSOLE_PATH, LOGOUT_PATH } from './paths';
import { CONSOLE_CSS_PATH } from './styles';

export interface ConsolePageProps {
  lang: Language;
  base: string;
  title: string;
  person: Person;
  csrfToken: string;
  /** The same page in another language (path without the base; `?lang=` is added). */
  path: string;
  hasErrors?: boolean;
  children: Child;
}

/** Whether the person configures anything: platform admins and org admins see the admin screens. */
export const configuresAnything = (person: Person) =>
  person.roles.some((grant) => grant.role === 'platform-admin' || grant.role === 'org-admin');

/**
 * The frame of every console page: the public page frame (language switch, footer) with the console's
 * navigation and a sign-out button that posts the session's CSRF token.
 */
export function ConsolePage(props: ConsolePageProps) {
  const t = consoleMessages(props.lang);
  const link = (path: string) => withLang(`${props.base}${path}`, props.lang);
  return (
    <Page
      lang={props.lang}
      base={props.base}
      title={props.title}
      hasErrors={props.hasErrors}
      stylesheets={[CONSOLE_CSS_PATH]}
      bodyClass="console"
      switchHref={(l) => withLang(`${props.base}${props.path}`, l)}
    >
      <nav class="console-nav" aria-label={t.consoleNavLabel}>
        <ul class="links">
          <li>
            <a href={link(CONSOLE_PATH)}>{t.consoleHome}</a>
          </li>
          <li>
            <a href={link(`${CONSOLE_PATH}/reports`)}>{t.consoleReports}</a>
          </li>
          {configuresAnything(props.person) && (
            <li>
              <a href={link(`${CONSOLE_PATH}/admin`)}>{t.consoleAdmin}</a>
            </li>
          )}
        </ul>
        <form method="post" action={link(LOGOUT_PATH)} class="sign-out">
          <input type="hidden" name="csrf" value={props.csrfToken} />
          <span class="signed-in">{t.signedInAs(props.person.username)}</span>{' '}
          <button type="submit" class="btn btn-secondary">
            {t.signOut}
          </button>
        </form>
      </nav>
      {props.children}
    </Page>
  );
}

/** Props of `ConsolePage` that come from the guarded request. */
export const consolePageProps = (c: ConsoleContext) => ({
  lang: c.var.lang,
  base: c.var.base,
  person: c.var.person,
  csrfToken: c.var.session.csrf,
  path: c.req.path.slice(c.var.base.length) || c.req.path,
});

/**
 * The console's answer for anything that does not exist or lies outside the person's scope: the same
 * page and status for both, so nothing tells which ids exist elsewhere.
 */
export function consoleNotFound(c: ConsoleContext) {
  const t = consoleMessages(c.var.lang);
  return c.html(
    <MessagePage
      lang={c.var.lang}
      base={c.var.base}
      heading={t.notFoundTitle}
      paragraphs={[t.notFound]}
      switchHref={(l) => withLang(`${c.var.base}${CONSOLE_PATH}`, l)}
    >
      <p>
        <a href={withLang(`${c.var.base}${CONSOLE_PATH}`, c.var.lang)}>{t.consoleHome}</a>
      </p>
    </MessagePage>,
    404,
  );
}
