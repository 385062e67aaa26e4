import type { Language } from '../schemas/config';

export type Localized = Record<Language, string>;

/** The 0–10 recommendation scale (NPS). */
export const NPS_VALUES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;
/** The agreement scale of every statement: 1 (strongly disagree) … 5 (strongly agree). */
export const AGREEMENT_VALUES = ['1', '2', '3', '4', '5'] as const;
/** "Don't know": a real answer option of every statement, stored as `na`. */
export const NOT_APPLICABLE = 'na';

export type Question =
  | { id: string; kind: 'nps'; text: Localized; lowLabel: Localized; highLabel: Localized }
  | { id: string; kind: 'statement'; text: Localized; custom?: boolean }
  | { id: string; kind: 'comment'; text: Localized; hint: Localized; maxLength: number };

export interface AgreementScale {
  /** Labels of the values 1…5, in order. */
  labels: readonly [Localized, Localized, Localized, Localized, Localized];
  /** Label of `na`. */
  notApplicable: Localized;
}

export interface QuestionSet {
  id: string;
  /** Raised whenever the wording or the questions change; every stored answer names it. */
  version: number;
  /** The scale every statement (core and the organization's own) is answered on. */
  agreementScale: AgreementScale;
  questions: readonly Question[];
}

/** An organization's own statement, appended after the core statements (see `withCustomStatements`). */
export interface CustomStatement {
  id: string;
  text: Localized;
}

export const MAX_CUSTOM_STATEMENTS = 10;
export const CUSTOM_STATEMENT_ID_PATTERN = /^[a-z][A-Za-z0-9_]{1,39}$/;

const statement = (id: string, fi: string, sv: string, en: string): Question => ({
  id,
  kind: 'statement',
  text: { fi, sv, en },
});

/**
 * The default question set. Wording is data: the organization checks it against THL's official
 * national customer-feedback statements, and a change of wording raises `version`.
 */
export const THL_CORE_V1: QuestionSet = {
  id: 'thl-core-v1',
  version: 1,
  agreementScale: {
    labels: [
      { fi: 'Täysin eri mieltä', sv: 'Helt av annan åsikt', en: 'Strongly disagree' },
      { fi: 'Jokseenkin eri mieltä', sv: 'Delvis av annan åsikt', en: 'Somewhat disagree' },
      {
        fi: 'Ei samaa eikä eri mieltä',
        sv: 'Varken av samma eller annan åsikt',
        en: 'Neither agree nor disagree',
      },
      { fi: 'Jokseenkin samaa mieltä', sv: 'Delvis av samma åsikt', en: 'Somewhat agree' },
      { fi: 'Täysin samaa mieltä', sv: 'Helt av samma åsikt', en: 'Strongly agree' },
    ],
    notApplicable: { fi: 'En osaa sanoa', sv: 'Kan inte säga', en: "Don't know" },
  },
  questions: [
    {
      id: 'nps',
      kind: 'nps',
      text: {
        fi: 'Kuinka todennäköisesti suosittelisit saamaasi palvelua läheisellesi, jos hän tarvitsisi vastaavaa palvelua?',
        sv: 'Hur sannolikt är det att du skulle rekommendera tjänsten du fick till en närstående om hen behövde motsvarande tjänst?',
        en: 'How likely would you be to recommend the service you received to someone close to you if they needed a similar service?',
      },
      lowLabel: { fi: 'erittäin epätodennäköisesti', sv: 'mycket osannolikt', en: 'very unlikely' },
      highLabel: { fi: 'erittäin todennäköisesti', sv: 'mycket sannolikt', en: 'very likely' },
    },
    statement('smooth', 'Asiointi oli sujuvaa.', 'Ärendet sköttes smidigt.', 'The service went smoothly.'),
    statement(
      'helpInTime',
      'Sain apua silloin, kun sitä tarvitsin.',
      'Jag fick hjälp när jag behövde den.',
      'I got help when I needed it.',
    ),
    statement(
      'respect',
      'Minua kohdeltiin arvostavasti.',
      'Jag blev bemött med respekt.',
      'I was treated with respect.',
    ),
    statement('safety', 'Koin oloni turvalliseksi.', 'Jag kände mig trygg.', 'I felt safe.'),
    statement(
      'information',
      'Saamani tieto oli ymmärrettävää.',
      'Informationen jag fick var begriplig.',
      'The information I received was easy to understand.',
    ),
    statement(
      'useful',
      'Saamani palvelu oli hyödyllistä.',
      'Tjänsten jag fick var till nytta.',
      'The service I received was useful.',
    ),
    {
      id: 'comment',
      kind: 'comment',
      maxLength: 2000,
      text: {
        fi: 'Haluatko kertoa lisää kokemuksestasi?',
        sv: 'Vill du berätta mer om din upplevelse?',
        en: 'Would you like to tell us more about your experience?',
      },
      hint: {
        fi: 'Älä kirjoita tähän henkilötietoja, kuten nimeä, henkilötunnusta tai terveystietoja.',
        sv: 'Skriv inte personuppgifter här, till exempel namn, personbeteckning eller hälsouppgifter.',
        en: 'Do not write any personal information here, such as names, personal identity codes or health details.',
      },
    },
  ],
};

const QUESTION_SETS: Readonly<Record<string, QuestionSet>> = { [THL_CORE_V1.id]: THL_CORE_V1 };

export function findQuestionSet(id: string): QuestionSet | undefined {
  return Object.hasOwn(QUESTION_SETS, id) ? QUESTION_SETS[id] : undefined;
}

/** Names an organization's own statement may not take: any built-in question's id, and form names. */
const RESERVED_IDS = new Set(['lang', 'token', 'submit', 'na']);
export function isReservedQuestionId(id: string): boolean {
  if (RESERVED_IDS.has(id)) return true;
  return Object.values(QUESTION_SETS).some((set) => set.questions.some((q) => q.id === id));
}

/**
 * The core set with the organization's own statements ("omat väittämät") after the core statements
 * and before the free-text question. The set keeps its id and version: an answer names the core
 * version and stores the organization's statement ids as they are. Custom statements whose id
 * clashes with a question of the set are left out (configuration validation rejects them anyway).
 */
export function withCustomStatements(
  set: QuestionSet,
  custom: readonly CustomStatement[] | undefined,
): QuestionSet {
  if (!custom || custom.length === 0) return set;
  const taken = new Set(set.questions.map((q) => q.id));
  const added: Question[] = [];
  for (const s of custom.slice(0, MAX_CUSTOM_STATEMENTS)) {
    if (taken.has(s.id) || !CUSTOM_STATEMENT_ID_PATTERN.test(s.id)) continue;
    taken.add(s.id);
    added.push({ id: s.id, kind: 'statement', text: s.text, custom: true });
  }
  const firstComment = set.questions.findIndex((q) => q.kind === 'comment');
  const at = firstComment === -1 ? set.questions.length : firstComment;
  return { ...set, questions: [...set.questions.slice(0, at), ...added, ...set.questions.slice(at)] };
}

export type AnswerInput = Record<string, string | undefined>;
export interface ParsedAnswers {
  answers: Record<string, number | 'na'>;
  comment?: string;
}
export type AnswerError =
  | { questionId: string; problem: 'range' | 'tooLong' }
  | { questionId: '*'; problem: 'empty' };

/** Browsers submit line breaks as CRLF but count them as one character against `maxlength`. */
export const normaliseComment = (raw: string): string => raw.replace(/\r\n?/g, '\n').trim();

/**
 * Validates a submitted form against a question set: values in range, the comment within its
 * length (counted as the browser's `maxlength` counts, UTF-16 code units), at least one answer.
 * Fields that are not questions of the set are ignored.
 */
export function parseAnswers(
  set: QuestionSet,
  input: AnswerInput,
): { ok: true; value: ParsedAnswers } | { ok: false; errors: AnswerError[] } {
  const answers: Record<string, number | 'na'> = {};
  const errors: AnswerError[] = [];
  let comment: string | undefined;
  for (const question of set.questions) {
    const given = Object.hasOwn(input, question.id) ? input[question.id] : undefined;
    if (given === undefined) continue;
    if (question.kind === 'comment') {
      const text = normaliseComment(given);
      if (text === '') continue;
      if (text.length > question.maxLength) errors.push({ questionId: question.id, problem: 'tooLong' });
      else comment = text;
      continue;
    }
    const raw = given.trim();
    if (raw === '') continue;
    if (question.kind === 'statement' && raw === NOT_APPLICABLE) {
      answers[question.id] = NOT_APPLICABLE;
      continue;
    }
    const allowed: readonly string[] = question.kind === 'nps' ? NPS_VALUES : AGREEMENT_VALUES;
    if (allowed.includes(raw)) answers[question.id] = Number(raw);
    else errors.push({ questionId: question.id, problem: 'range' });
  }
  if (errors.length === 0 && Object.keys(answers).length === 0 && comment === undefined) {
    errors.push({ questionId: '*', problem: 'empty' });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { answers, comment } };
}
