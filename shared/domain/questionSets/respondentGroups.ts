/**
 * The question sets of THL's other respondent groups: relatives (`thl-relatives-v1`) and children of
 * 7–12 years (`thl-children-v1`, a picture scale with text). DRAFTS: the wording follows THL's themes
 * of customer feedback (getting help, being listened to, respect, safety, understandable information)
 * but is not THL's published text; the organization verifies every text in fi/sv/en against THL's
 * material before use (`draft: true` marks them). Statement ids are their own, so reports never mix
 * a relative's or a child's answer with a client's statement of the same theme.
 */
import type { AgreementScale, Localized, Question, QuestionSet } from './model';

const statement = (id: string, fi: string, sv: string, en: string): Question => ({
  id,
  kind: 'statement',
  text: { fi, sv, en },
});

const comment = (text: Localized, hint: Localized, maxLength: number): Question => ({
  id: 'comment',
  kind: 'comment',
  maxLength,
  text,
  hint,
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

/** Relatives (omaiset, läheiset) of a client: about the care of their close one and about themselves. */
export const THL_RELATIVES_V1: QuestionSet = {
  id: 'thl-relatives-v1',
  version: 1,
  draft: true,
  agreementScale: {
    labels: AGREEMENT_LABELS,
    notApplicable: { fi: 'Ei koske minua', sv: 'Berör inte mig', en: 'Does not apply to me' },
  },
  questions: [
    {
      id: 'nps',
      kind: 'nps',
      text: {
        fi: 'Kuinka todennäköisesti suosittelisit tätä palvelua muille, joiden läheinen tarvitsee vastaavaa palvelua?',
        sv: 'Hur sannolikt är det att du skulle rekommendera tjänsten till andra vars närstående behöver motsvarande tjänst?',
        en: 'How likely would you be to recommend this service to others whose close one needs a similar service?',
      },
      lowLabel: { fi: 'erittäin epätodennäköisesti', sv: 'mycket osannolikt', en: 'very unlikely' },
      highLabel: { fi: 'erittäin todennäköisesti', sv: 'mycket sannolikt', en: 'very likely' },
    },
    statement(
      'relativeHelp',
      'Läheiseni sai apua, kun hän sitä tarvitsi.',
      'Min närstående fick hjälp när hen behövde den.',
      'My close one got help when they needed it.',
    ),
    statement(
      'relativeRespect',
      'Läheistäni kohdeltiin arvostavasti.',
      'Min närstående blev bemött med respekt.',
      'My close one was treated with respect.',
    ),
    statement(
      'relativeHeard',
      'Minua kuunneltiin läheiseni asioissa.',
      'Man lyssnade på mig i frågor som gäller min närstående.',
      'I was listened to in matters concerning my close one.',
    ),
    statement(
      'relativeInformed',
      'Sain ymmärrettävää tietoa läheiseni hoidosta / palvelusta.',
      'Jag fick begriplig information om min närståendes vård / tjänst.',
      'I received understandable information about the care / service of my close one.',
    ),
    statement(
      'relativeSafety',
      'Koen, että läheiseni on turvassa tässä palvelussa.',
      'Jag upplever att min närstående är trygg i den här tjänsten.',
      'I feel that my close one is safe in this service.',
    ),
    statement(
      'relativeContact',
      'Tiedän, keneen voin ottaa yhteyttä läheiseni asioissa.',
      'Jag vet vem jag kan kontakta i frågor som gäller min närstående.',
      'I know whom to contact in matters concerning my close one.',
    ),
    comment(
      {
        fi: 'Haluatko kertoa lisää kokemuksestasi?',
        sv: 'Vill du berätta mer om din upplevelse?',
        en: 'Would you like to tell us more about your experience?',
      },
      {
        fi: 'Älä kirjoita tähän henkilötietoja, kuten nimeä, henkilötunnusta tai terveystietoja.',
        sv: 'Skriv inte personuppgifter här, till exempel namn, personbeteckning eller hälsouppgifter.',
        en: 'Do not write any personal information here, such as names, personal identity codes or health details.',
      },
      2000,
    ),
  ],
};

/**
 * Children of 7–12 years, answered at the unit (kiosk) or through a QR poster, with an adult nearby
 * if the child wants. Short sentences in the child's own voice; every value of the scale has a face
 * and its words (the face alone never carries the meaning). No 0–10 question: too abstract at 7.
 */
export const THL_CHILDREN_V1: QuestionSet = {
  id: 'thl-children-v1',
  version: 1,
  draft: true,
  agreementScale: {
    pictures: true,
    labels: [
      { fi: 'Ei yhtään totta', sv: 'Inte alls sant', en: 'Not true at all' },
      { fi: 'Vähän totta', sv: 'Lite sant', en: 'A little true' },
      { fi: 'Puoliksi totta', sv: 'Delvis sant', en: 'Partly true' },
      { fi: 'Melkein totta', sv: 'Nästan sant', en: 'Mostly true' },
      { fi: 'Täysin totta', sv: 'Helt sant', en: 'Completely true' },
    ],
    notApplicable: { fi: 'En tiedä', sv: 'Jag vet inte', en: "I don't know" },
  },
  questions: [
    statement(
      'childKind',
      'Minulle oltiin ystävällisiä.',
      'Man var vänlig mot mig.',
      'People were kind to me.',
    ),
    statement('childHeard', 'Minua kuunneltiin.', 'Man lyssnade på mig.', 'People listened to me.'),
    statement(
      'childUnderstood',
      'Ymmärsin, mitä minulle kerrottiin.',
      'Jag förstod vad man berättade för mig.',
      'I understood what I was told.',
    ),
    statement('childSafe', 'Minulla oli turvallinen olo.', 'Jag kände mig trygg.', 'I felt safe.'),
    statement('childHelped', 'Sain apua.', 'Jag fick hjälp.', 'I got help.'),
    comment(
      {
        fi: 'Haluatko sanoa vielä jotain?',
        sv: 'Vill du säga något mer?',
        en: 'Is there anything else you want to say?',
      },
      {
        fi: 'Älä kirjoita nimeäsi tai muiden nimiä.',
        sv: 'Skriv inte ditt namn eller andras namn.',
        en: 'Do not write your name or anyone else’s name.',
      },
      500,
    ),
  ],
};

/** The respondent groups' sets, by the group they are written for. */
export const RESPONDENT_QUESTION_SETS: readonly QuestionSet[] = [THL_RELATIVES_V1, THL_CHILDREN_V1];
