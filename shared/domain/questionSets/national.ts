/**
 * The national question sets, as data. Wording is data: the organization checks every text, in
 * Finnish, Swedish and English, against THL's published national customer-feedback statements and
 * their language versions. Any change of wording or questions raises the set's `version`, because
 * every stored answer names the set and the version it was given on.
 *
 * A statement that means the same thing in two sets has the same id in both (`helpInTime`, `safety`,
 * `information`, `useful`), so reports compare it across sets.
 */
import type { AgreementScale, Localized, Question, QuestionSet } from './model';

const statement = (id: string, fi: string, sv: string, en: string): Question => ({
  id,
  kind: 'statement',
  text: { fi, sv, en },
});

const AGREEMENT_LABELS: AgreementScale['labels'] = [
  { fi: 'Täysin eri mieltä', sv: 'Helt av annan åsikt', en: 'Strongly disagree' },
  { fi: 'Jokseenkin eri mieltä', sv: 'Delvis av annan åsikt', en: 'Somewhat disagree' },
  {
    fi: 'Ei samaa eikä eri mieltä',
    sv: 'Varken av samma eller annan åsikt',
    en: 'Neither agree nor disagree',
  },
  { fi: 'Jokseenkin samaa mieltä', sv: 'Delvis av samma åsikt', en: 'Somewhat agree' },
  { fi: 'Täysin samaa mieltä', sv: 'Helt av samma åsikt', en: 'Strongly agree' },
];

const NPS_QUESTION: Question = {
  id: 'nps',
  kind: 'nps',
  text: {
    fi: 'Kuinka todennäköisesti suosittelisit saamaasi palvelua läheisellesi, jos hän tarvitsisi vastaavaa palvelua?',
    sv: 'Hur sannolikt är det att du skulle rekommendera tjänsten du fick till en närstående om hen behövde motsvarande tjänst?',
    en: 'How likely would you be to recommend the service you received to someone close to you if they needed a similar service?',
  },
  lowLabel: { fi: 'erittäin epätodennäköisesti', sv: 'mycket osannolikt', en: 'very unlikely' },
  highLabel: { fi: 'erittäin todennäköisesti', sv: 'mycket sannolikt', en: 'very likely' },
};

const COMMENT_QUESTION: Question = {
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
};

/** The first set (stage 1): still shown to units that name it, and reported. */
export const THL_CORE_V1: QuestionSet = {
  id: 'thl-core-v1',
  version: 1,
  agreementScale: {
    labels: AGREEMENT_LABELS,
    notApplicable: { fi: 'En osaa sanoa', sv: 'Kan inte säga', en: "Don't know" },
  },
  questions: [
    NPS_QUESTION,
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
    COMMENT_QUESTION,
  ],
};

const DOES_NOT_APPLY: Localized = { fi: 'Ei koske minua', sv: 'Berör inte mig', en: 'Does not apply to me' };

/**
 * The current national statements, the default for new organizations. The Swedish and English texts
 * are written to the same meaning as the Finnish ones; the organization verifies them against THL's
 * published language versions before use.
 */
export const THL_NATIONAL_V2: QuestionSet = {
  id: 'thl-national-v2',
  version: 1,
  agreementScale: { labels: AGREEMENT_LABELS, notApplicable: DOES_NOT_APPLY },
  questions: [
    NPS_QUESTION,
    statement(
      'helpInTime',
      'Sain apua, kun sitä tarvitsin.',
      'Jag fick hjälp när jag behövde den.',
      'I got help when I needed it.',
    ),
    statement(
      'caredFor',
      'Minulle jäi tunne, että minusta välitettiin kokonaisvaltaisesti.',
      'Jag fick känslan av att man brydde sig om mig som helhet.',
      'I was left with the feeling that I was cared for as a whole person.',
    ),
    statement(
      'participation',
      'Hoitoani / asiaani koskevat päätökset tehtiin yhteistyössä kanssani.',
      'Besluten om min vård / mitt ärende fattades i samarbete med mig.',
      'Decisions about my care / my matter were made together with me.',
    ),
    statement(
      'safety',
      'Koin oloni turvalliseksi hoidon / palvelun aikana.',
      'Jag kände mig trygg under vården / tjänsten.',
      'I felt safe during the care / service.',
    ),
    statement(
      'continuity',
      'Tiedän, miten hoitoni / palveluni jatkuu.',
      'Jag vet hur min vård / min tjänst fortsätter.',
      'I know how my care / service will continue.',
    ),
    statement(
      'information',
      'Saamani tieto hoidosta / palvelusta oli ymmärrettävää.',
      'Informationen jag fick om vården / tjänsten var begriplig.',
      'The information I received about the care / service was easy to understand.',
    ),
    statement(
      'useful',
      'Koin saamani hoidon / palvelun hyödylliseksi.',
      'Jag upplevde att vården / tjänsten jag fick var till nytta.',
      'I found the care / service I received useful.',
    ),
    COMMENT_QUESTION,
  ],
};

/** The national sets' ids, newest first: the order reports list their statements in. */
export const NATIONAL_QUESTION_SET_IDS = ['thl-national-v2', 'thl-core-v1'] as const;
export type NationalQuestionSetId = (typeof NATIONAL_QUESTION_SET_IDS)[number];

const NATIONAL_BY_ID: Readonly<Record<NationalQuestionSetId, QuestionSet>> = {
  'thl-national-v2': THL_NATIONAL_V2,
  'thl-core-v1': THL_CORE_V1,
};

export const nationalQuestionSet = (id: NationalQuestionSetId): QuestionSet => NATIONAL_BY_ID[id];

/** Every national set, newest first. */
export const NATIONAL_QUESTION_SETS: readonly QuestionSet[] =
  NATIONAL_QUESTION_SET_IDS.map(nationalQuestionSet);

/** Ids starting so are the national sets' own: an organization's set may not take one. */
export const NATIONAL_QUESTION_SET_ID_PREFIX = 'thl-';
