import type { Language } from '../schemas/config';

export type Localized = Record<Language, string>;

export type Question =
  | { id: string; kind: 'nps'; text: Localized }
  | { id: string; kind: 'statement'; text: Localized }
  | { id: string; kind: 'comment'; text: Localized; hint: Localized; maxLength: number };

export interface QuestionSet {
  id: string;
  version: number;
  questions: Question[];
}

const statement = (id: string, fi: string, sv: string, en: string): Question => ({
  id,
  kind: 'statement',
  text: { fi, sv, en },
});

/**
 * The default question set. Wording is data: the organization checks it against THL's official
 * national customer-feedback statements.
 */
export const THL_CORE_V1: QuestionSet = {
  id: 'thl-core-v1',
  version: 1,
  questions: [
    {
      id: 'nps',
      kind: 'nps',
      text: {
        fi: 'Kuinka todennäköisesti suosittelisit saamaasi palvelua läheisellesi, jos hän tarvitsisi vastaavaa palvelua?',
        sv: 'Hur sannolikt är det att du skulle rekommendera tjänsten du fick till en närstående om hen behövde motsvarande tjänst?',
        en: 'How likely would you be to recommend the service you received to someone close to you if they needed a similar service?',
      },
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
        fi: 'Haluatko kertoa lisää?',
        sv: 'Vill du berätta mer?',
        en: 'Would you like to tell us more?',
      },
      hint: {
        fi: 'Älä kirjoita tähän henkilötietoja.',
        sv: 'Skriv inte personuppgifter här.',
        en: 'Do not write any personal information here.',
      },
    },
  ],
};

const QUESTION_SETS: Record<string, QuestionSet> = { [THL_CORE_V1.id]: THL_CORE_V1 };

export function findQuestionSet(id: string): QuestionSet | undefined {
  return QUESTION_SETS[id];
}

export type AnswerInput = Record<string, string | undefined>;
export interface ParsedAnswers {
  answers: Record<string, number | 'na'>;
  comment?: string;
}
export type AnswerError =
  | { questionId: string; problem: 'range' | 'tooLong' }
  | { questionId: '*'; problem: 'empty' };

/** Validates a submitted form against a question set: values in range, at least one answer. */
export function parseAnswers(
  set: QuestionSet,
  input: AnswerInput,
): { ok: true; value: ParsedAnswers } | { ok: false; errors: AnswerError[] } {
  const answers: Record<string, number | 'na'> = {};
  const errors: AnswerError[] = [];
  let comment: string | undefined;
  for (const question of set.questions) {
    const raw = input[question.id]?.trim();
    if (raw === undefined || raw === '') continue;
    if (question.kind === 'comment') {
      if ([...raw].length > question.maxLength) errors.push({ questionId: question.id, problem: 'tooLong' });
      else comment = raw;
      continue;
    }
    const [min, max] = question.kind === 'nps' ? [0, 10] : [1, 5];
    if (question.kind === 'statement' && raw === 'na') {
      answers[question.id] = 'na';
      continue;
    }
    const value = /^\d{1,2}$/.test(raw) ? Number(raw) : Number.NaN;
    if (Number.isInteger(value) && value >= min && value <= max) answers[question.id] = value;
    else errors.push({ questionId: question.id, problem: 'range' });
  }
  if (errors.length === 0 && Object.keys(answers).length === 0 && comment === undefined) {
    errors.push({ questionId: '*', problem: 'empty' });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { answers, comment } };
}
