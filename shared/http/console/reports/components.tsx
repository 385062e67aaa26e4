/** @jsxImportSource hono/jsx */

import { nationalStatementText } from '../../../domain/questionSets';
import type { Language, Organization } from '../../../schemas/config';
import { customLabels } from '../../reports/charts';
import { type Formats, formatsFor } from '../../reports/texts';
import { CONSOLE_PATH } from '../paths';
import { isPartial, type WindowFigures } from './figures';
import { type ReportMessages, reportMessages } from './messages';

export const REPORTS_PATH = `${CONSOLE_PATH}/reports`;
export const organizationPath = (organizationId: string) =>
  `${CONSOLE_PATH}/organizations/${encodeURIComponent(organizationId)}`;
export const unitPath = (unitId: string) => `${CONSOLE_PATH}/units/${encodeURIComponent(unitId)}`;
export const monthlyPath = (unitId: string, month: string) => `${unitPath(unitId)}/monthly/${month}`;

/** A console link with the page's language and further query fields (left out when undefined). */
export function consoleHref(
  base: string,
  path: string,
  lang: Language,
  query: Record<string, string | undefined> = {},
): string {
  const params = new URLSearchParams({ lang });
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  return `${base}${path}?${params.toString()}`;
}

/** A name in the page's language, else Finnish (the one every name has). */
export const nameIn = (name: { fi: string; sv?: string; en?: string }, lang: Language) =>
  name[lang] ?? name.fi;

/** A local date written out in full in the language: `29.11.2026`, `29/11/2026`. */
export function fullDate(lang: Language, date: string): string {
  return formatsFor(lang).dateRange(date, date);
}

export interface Texts {
  t: ReportMessages;
  f: Formats;
  minReportN: number;
  lang: Language;
}

export const textsFor = (lang: Language, minReportN: number): Texts => ({
  t: reportMessages(lang),
  f: formatsFor(lang),
  minReportN,
  lang,
});

export function suppressionText(x: Texts, reason: string | null): string {
  return reason === 'complementary'
    ? x.t.suppressedComplementary
    : x.t.suppressedMinReportN(x.f.integer(x.minReportN));
}

/** NPS of a window: the value, "suppressed" with its reason, or a dash when nobody scored. */
export function NpsValue(props: { x: Texts; figures: WindowFigures }) {
  const { x, figures } = props;
  if (figures.suppressed)
    return <span class="suppressed">{suppressionText(x, figures.suppressionReason)}</span>;
  if (figures.nps === null) return <span>–</span>;
  return (
    <span>
      {x.f.integer(figures.nps)}
      {isPartial(figures) && (
        <span class="partial">
          {' '}
          ({x.t.partialOf(x.f.integer(figures.publishedResponses), x.f.integer(figures.responses))})
        </span>
      )}
    </span>
  );
}

export const rateText = (x: Texts, rate: number | null) => (rate === null ? '–' : x.f.percent(rate, 1));

/** Whether a `YYYY-MM-DD` is a real calendar date. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A statement's text in the language: national ones from the question sets, else the organization's. */
export function statementText(organization: Organization, id: string, lang: Language): string {
  const custom = customLabels(organization).get(id);
  return nationalStatementText(id)?.[lang] ?? custom?.[lang] ?? custom?.fi ?? id;
}
