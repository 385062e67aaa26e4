import { LANGUAGES, type Language, languageSchema } from '../schemas/config';
import { en } from './en';
import { fi } from './fi';
import { sv } from './sv';
import type { Messages } from './types';

export type { Messages } from './types';

export const CATALOGUE: Readonly<Record<Language, Messages>> = { fi, sv, en };

/** The date the accessibility statement was prepared (ISO local date); update it with each review. */
export const ACCESSIBILITY_STATEMENT_DATE = '2026-11-22';

export function messages(language: Language): Messages {
  return CATALOGUE[language];
}

/** `?lang=` when it names a served language, else `undefined`. */
export function requestedLanguage(raw: string | undefined): Language | undefined {
  const parsed = languageSchema.safeParse(raw?.trim().toLowerCase());
  return parsed.success ? parsed.data : undefined;
}

/**
 * The first served language in an `Accept-Language` header (by q-value), for pages that know no
 * survey (an unknown link, the accessibility statement). `undefined` when none is served.
 */
export function negotiateLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return {
        primary: tag.trim().toLowerCase().split('-')[0] ?? '',
        q: q === undefined ? 1 : Number(q),
        index,
      };
    })
    .filter((entry) => entry.q > 0 && Number.isFinite(entry.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const entry of ranked) {
    const language = LANGUAGES.find((l) => l === entry.primary);
    if (language) return language;
  }
  return undefined;
}

/** A local date (`YYYY-MM-DD`) written out in the language, e.g. "20. marraskuuta 2026". */
export function formatDate(language: Language, isoDate: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(messages(language).locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    date,
  );
}
