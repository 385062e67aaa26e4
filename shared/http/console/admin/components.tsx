/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { HistoryEntry } from '../../../schemas/config';
import { withLang } from '../../survey/layout';
import type { ConsoleContext } from '../context';
import { ConsolePage, consolePageProps } from '../layout';
import { type FormError, fieldId } from './forms';
import { type AdminMessages, adminMessages, formatInstant } from './messages';

export const ADMIN_PATH = '/console/admin';

/** A link to an admin page in the page's language. */
export const adminLink = (c: ConsoleContext, path: string) =>
  withLang(`${c.var.base}${ADMIN_PATH}${path}`, c.var.lang);

export const messagesOf = (c: ConsoleContext) => adminMessages(c.var.lang);

/** The console frame with a way back up (`back`) above the page's heading. */
export function AdminPage(props: {
  c: ConsoleContext;
  title: string;
  back?: { href: string; label: string };
  hasErrors?: boolean;
  children: Child;
}) {
  return (
    <ConsolePage {...consolePageProps(props.c)} title={props.title} hasErrors={props.hasErrors}>
      {props.back && (
        <p class="back">
          <a href={props.back.href}>{props.back.label}</a>
        </p>
      )}
      {props.children}
    </ConsolePage>
  );
}

/** Text of the API's checks is English: marked so, for screen readers in a fi or sv page. */
export const ErrorText = (props: { error: FormError }) => (
  <span lang={props.error.apiText ? 'en' : undefined}>{props.error.message}</span>
);

/** The list of what to correct, first on the page, each linking to its field. */
export function ErrorSummary(props: { t: AdminMessages; errors: readonly FormError[] }) {
  if (props.errors.length === 0) return null;
  return (
    <section class="error-summary" id="error-summary" tabindex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{props.t.errorSummary}</h2>
      <ul>
        {props.errors.map((error) => (
          <li>
            <a href={error.field ? `#${fieldId(error.field)}` : '#admin-form'}>
              <ErrorText error={error} />
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The messages beside one field (none: nothing). */
export function FieldErrors(props: { field: string; errors: readonly FormError[] }) {
  const mine = props.errors.filter((e) => e.field === props.field);
  if (mine.length === 0) return null;
  return (
    <p class="field-error" id={`${fieldId(props.field)}-error`}>
      {mine.map((error, i) => (
        <>
          {i > 0 && ' '}
          <ErrorText error={error} />
        </>
      ))}
    </p>
  );
}

/** A stored value as a person reads it: lists joined, nothing as "(not set)". */
export function readableValue(t: AdminMessages, value: unknown): string {
  if (value === null || value === undefined) return t.noValue;
  if (Array.isArray(value))
    return value.length === 0 ? '[]' : value.map((v) => readableValue(t, v)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  return String(value);
}

/** History entries, newest first: each version with when and by whom, and each change from → to. */
export function ChangeEntries(props: {
  c: ConsoleContext;
  entries: readonly HistoryEntry[];
  timeZone: string;
  headingLevel: 2 | 3;
}) {
  const t = messagesOf(props.c);
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div class="history">
      {props.entries.map((entry) => (
        <section class="history-entry" aria-labelledby={`v${entry.version}`}>
          <Heading id={`v${entry.version}`}>{t.entryTitle(entry.version)}</Heading>
          <p class="meta">
            {t.changedAtBy(formatInstant(props.c.var.lang, entry.at, props.timeZone), entry.by)}
          </p>
          {entry.changes.length === 0 ? (
            <p>{t.noChanges}</p>
          ) : (
            <ul class="changes">
              {entry.changes.map((change) => (
                <li>
                  <code>{change.path}</code>: <span class="sr-label">{t.from} </span>
                  <del>{readableValue(t, change.from)}</del> → <span class="sr-label">{t.to} </span>
                  <ins>{readableValue(t, change.to)}</ins>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}

/** What the stale-save page shows: who changed what since the version the form was based on. */
export function StaleNotice(props: {
  c: ConsoleContext;
  yourVersion: number;
  currentVersion: number;
  entries: readonly HistoryEntry[];
  timeZone: string;
}) {
  const t = messagesOf(props.c);
  return (
    <section class="stale" id="stale" tabindex={-1} aria-labelledby="stale-title">
      <h2 id="stale-title">{t.staleTitle}</h2>
      <p>{t.staleLead(props.yourVersion, props.currentVersion)}</p>
      <ChangeEntries c={props.c} entries={props.entries} timeZone={props.timeZone} headingLevel={3} />
      <p>{t.staleKept}</p>
    </section>
  );
}

/** A short notice after a save (and its warnings). */
export function SavedNotice(props: { message: string; warnings: readonly FormError[]; t: AdminMessages }) {
  return (
    <section class="saved" role="status" aria-labelledby="saved-title">
      <h2 id="saved-title">{props.message}</h2>
      <Warnings t={props.t} warnings={props.warnings} />
    </section>
  );
}

export function Warnings(props: { t: AdminMessages; warnings: readonly FormError[] }) {
  if (props.warnings.length === 0) return null;
  return (
    <div class="warnings">
      <h3>{props.t.warningsTitle}</h3>
      <ul>
        {props.warnings.map((warning) => (
          <li>
            <ErrorText error={warning} />
          </li>
        ))}
      </ul>
    </div>
  );
}
