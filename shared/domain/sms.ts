import type { Language } from '../schemas/config';

// GSM 03.38 default alphabet (one septet each) and its extension table (escape + char: two septets).
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '^{}\\[~]|€\f';
const basic = new Set(GSM7_BASIC);
const extension = new Set(GSM7_EXTENSION);

/** One SMS segment holds 160 GSM-7 septets. */
export const SMS_SEGMENT_SEPTETS = 160;
export const SURVEY_TOKEN_LENGTH = 22;

/** Septets the text takes in GSM-7, or undefined if any character is outside GSM-7 (curly quotes, emoji…). */
export function gsm7Length(text: string): number | undefined {
  let septets = 0;
  for (const char of text) {
    if (basic.has(char)) septets += 1;
    else if (extension.has(char)) septets += 2;
    else return undefined;
  }
  return septets;
}

export function nonGsm7Characters(text: string): string[] {
  return [...new Set([...text].filter((char) => !basic.has(char) && !extension.has(char)))];
}

export function fitsOneSegment(text: string): boolean {
  const length = gsm7Length(text);
  return length !== undefined && length <= SMS_SEGMENT_SEPTETS;
}

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSize {
  encoding: SmsEncoding;
  /** GSM-7 septets (an extension character such as € takes two), or UTF-16 code units for UCS-2. */
  characters: number;
  segments: number;
}

// A message longer than one segment is sent in parts, each losing room to its concatenation header.
const SEGMENT_LIMITS: Record<SmsEncoding, { single: number; part: number }> = {
  'GSM-7': { single: SMS_SEGMENT_SEPTETS, part: 153 },
  'UCS-2': { single: 70, part: 67 },
};

/**
 * How the network would carry `text`: GSM-7 when every character is in GSM-7, else UCS-2. Parts are
 * counted as phones fill them: an escape pair (GSM-7) or a surrogate pair (UCS-2) is never split.
 */
export function smsSize(text: string): SmsSize {
  const septets = gsm7Length(text);
  const encoding: SmsEncoding = septets === undefined ? 'UCS-2' : 'GSM-7';
  const units = [...text].map((char) => (encoding === 'GSM-7' ? (extension.has(char) ? 2 : 1) : char.length));
  const characters = units.reduce((sum, n) => sum + n, 0);
  const { single, part } = SEGMENT_LIMITS[encoding];
  if (characters <= single) return { encoding, characters, segments: characters === 0 ? 0 : 1 };
  let segments = 1;
  let used = 0;
  for (const n of units) {
    if (used + n > part) {
      segments += 1;
      used = 0;
    }
    used += n;
  }
  return { encoding, characters, segments };
}

export const TEMPLATE_PLACEHOLDERS = ['{link}', '{orgName}'] as const;

export function surveyLink(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/s/${token}`;
}

/**
 * Renders the survey SMS. `senderName` is the unit's explicit `smsName` or else the organization's
 * name: never a unit name that could reveal a diagnosis.
 */
export function renderSurveySms(template: string, values: { link: string; senderName: string }): string {
  return template.replaceAll('{link}', values.link).replaceAll('{orgName}', values.senderName);
}

/**
 * Why a template could produce a message that does not fit one GSM-7 segment, checked against the
 * worst case: the longest sender name allowed and the link on this deployment's base URL.
 */
export function templateProblems(template: string, publicBaseUrl: string, maxNameSeptets: number): string[] {
  const problems: string[] = [];
  const links = template.split('{link}').length - 1;
  if (links !== 1) problems.push('must contain {link} exactly once');
  const unknown = (template.match(/\{[^}]*\}/g) ?? []).filter(
    (p) => !(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(p),
  );
  if (unknown.length > 0)
    problems.push(`unknown placeholders: ${unknown.join(', ')} (allowed: {link}, {orgName})`);
  const outside = nonGsm7Characters(template.replaceAll('{link}', '').replaceAll('{orgName}', ''));
  if (outside.length > 0)
    problems.push(`characters outside GSM-7: ${outside.map((c) => JSON.stringify(c)).join(' ')}`);
  if (problems.length > 0) return problems;
  const worst = renderSurveySms(template, {
    link: surveyLink(publicBaseUrl, 'x'.repeat(SURVEY_TOKEN_LENGTH)),
    senderName: 'x'.repeat(maxNameSeptets),
  });
  const septets = gsm7Length(worst) ?? Number.POSITIVE_INFINITY;
  if (septets > SMS_SEGMENT_SEPTETS) {
    problems.push(
      `can be ${septets} GSM-7 characters with the longest name (${maxNameSeptets}) and the link; one SMS holds ${SMS_SEGMENT_SEPTETS}`,
    );
  }
  return problems;
}

/** Templates an organization starts from: one segment with the longest names on a base URL of up to 26 characters (e.g. https://palaute.example.fi). */
export const EXAMPLE_SMS_TEMPLATES: Record<Language, string> = {
  fi: 'Hei! Kiitos asioinnistasi. Kerro kokemuksestasi, se vie minuutin: {link} -{orgName}',
  sv: 'Hej! Tack för besöket. Berätta hur det gick, det tar en minut: {link} -{orgName}',
  en: 'Hi! Thanks for your visit. Tell us how it went, it takes a minute: {link} -{orgName}',
};
