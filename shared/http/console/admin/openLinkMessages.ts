import type { Language } from '../../../schemas/config';
import type { OpenLinkChannel } from '../../../schemas/openLinks';
import type { Respondent } from '../../../schemas/records';

/** Texts of the open links and paper answers screens in fi, sv and en. */
export interface OpenLinkMessages {
  openLinks: string;
  openLinksTitle: string;
  openLinksLead: string;
  noLinks: string;
  channelLabel: string;
  channel: Record<OpenLinkChannel, string>;
  respondentLabel: string;
  respondent: Record<Respondent, string>;
  questionSetLabel: string;
  unitsSet: string;
  created: string;
  address: string;
  poster: string;
  rejected: string;
  rejectedDetail: (honeypot: number, fillTime: number, rateLimit: number) => string;
  state: string;
  active: string;
  revokedAt: (at: string) => string;
  revoke: string;
  createTitle: string;
  createButton: string;
  createdNotice: string;
  revokedNotice: string;
  chooseChannel: string;
  chooseRespondent: string;
  // Paper answers
  paperAnswers: string;
  paperTitle: string;
  paperLead: string;
  visitDate: string;
  visitDateHint: string;
  formLanguage: string;
  languageName: Record<Language, string>;
  commentLabel: string;
  notAnswered: string;
  saveAnswer: string;
  paperSaved: string;
  notDate: string;
  futureDate: string;
  npsRange: string;
  statementRange: (notApplicable: string) => string;
  commentTooLong: string;
  giveSomething: string;
  noQuestionSet: string;
}

const fi: OpenLinkMessages = {
  openLinks: 'Avoimet linkit',
  openLinksTitle: 'Avoimet linkit',
  openLinksLead:
    'Avoimella linkillä voi vastata kuka tahansa, jolla linkki on: QR-julisteesta, verkkosivulta tai yksikön tabletilta. Kumottu linkki ei enää ota vastauksia.',
  noLinks: 'Yksiköllä ei ole avoimia linkkejä.',
  channelLabel: 'Kanava',
  channel: { qr: 'QR-juliste', web: 'Verkkolinkki', kiosk: 'Kioski (tabletti)' },
  respondentLabel: 'Vastaaja',
  respondent: { client: 'Asiakas', relative: 'Omainen', child: 'Lapsi (7–12 v)' },
  questionSetLabel: 'Kysymyssarja',
  unitsSet: 'yksikön kysymyssarja',
  created: 'Luotu',
  address: 'Osoite',
  poster: 'Juliste (SVG)',
  rejected: 'Hylätyt vastaukset',
  rejectedDetail: (h, f, r) => `roskapostiansa ${h}, liian nopea täyttö ${f}, määräraja ${r}`,
  state: 'Tila',
  active: 'Käytössä',
  revokedAt: (at) => `Kumottu ${at}`,
  revoke: 'Kumoa',
  createTitle: 'Luo uusi linkki',
  createButton: 'Luo linkki',
  createdNotice: 'Linkki luotiin.',
  revokedNotice: 'Linkki kumottiin.',
  chooseChannel: 'Valitse kanava.',
  chooseRespondent: 'Valitse vastaaja.',
  paperAnswers: 'Paperivastaukset',
  paperTitle: 'Paperivastauksen tallennus',
  paperLead:
    'Kirjaa paperilomakkeen vastaukset sellaisinaan. Vastaus tallentuu nimettömänä kanavalla ”paperi”. Jätä vastaamatta jääneet kysymykset tyhjiksi.',
  visitDate: 'Käynnin päivämäärä',
  visitDateHint: 'Muodossa VVVV-KK-PP, esimerkiksi 2026-11-20.',
  formLanguage: 'Lomakkeen kieli',
  languageName: { fi: 'suomi', sv: 'ruotsi', en: 'englanti' },
  commentLabel: 'Avoin palaute',
  notAnswered: 'Ei vastausta',
  saveAnswer: 'Tallenna vastaus',
  paperSaved: 'Vastaus tallennettiin. Voit kirjata seuraavan lomakkeen.',
  notDate: 'Anna päivämäärä muodossa VVVV-KK-PP.',
  futureDate: 'Käynnin päivämäärä ei voi olla tulevaisuudessa.',
  npsRange: 'Valitse luku 0–10 tai ”Ei vastausta”.',
  statementRange: (na) => `Valitse 1–5, ”${na}” tai ”Ei vastausta”.`,
  commentTooLong: 'Avoin palaute on pidempi kuin lomake sallii.',
  giveSomething: 'Anna vähintään yksi vastaus tai avoin palaute.',
  noQuestionSet: 'Yksikön kysymyssarjaa ei löydy; tarkista yksikön säännöt.',
};

const sv: OpenLinkMessages = {
  openLinks: 'Öppna länkar',
  openLinksTitle: 'Öppna länkar',
  openLinksLead:
    'Via en öppen länk kan vem som helst som har länken svara: från en QR-affisch, en webbsida eller enhetens surfplatta. En återkallad länk tar inte längre emot svar.',
  noLinks: 'Enheten har inga öppna länkar.',
  channelLabel: 'Kanal',
  channel: { qr: 'QR-affisch', web: 'Webblänk', kiosk: 'Kiosk (surfplatta)' },
  respondentLabel: 'Svarande',
  respondent: { client: 'Klient', relative: 'Anhörig', child: 'Barn (7–12 år)' },
  questionSetLabel: 'Frågeuppsättning',
  unitsSet: 'enhetens frågeuppsättning',
  created: 'Skapad',
  address: 'Adress',
  poster: 'Affisch (SVG)',
  rejected: 'Avvisade svar',
  rejectedDetail: (h, f, r) => `skräppostfälla ${h}, för snabbt ifyllt ${f}, gräns ${r}`,
  state: 'Status',
  active: 'I bruk',
  revokedAt: (at) => `Återkallad ${at}`,
  revoke: 'Återkalla',
  createTitle: 'Skapa en ny länk',
  createButton: 'Skapa länk',
  createdNotice: 'Länken skapades.',
  revokedNotice: 'Länken återkallades.',
  chooseChannel: 'Välj kanal.',
  chooseRespondent: 'Välj svarande.',
  paperAnswers: 'Pappersvar',
  paperTitle: 'Registrera ett pappersvar',
  paperLead:
    'Registrera svaren på pappersblanketten som de är. Svaret sparas anonymt i kanalen ”papper”. Lämna obesvarade frågor tomma.',
  visitDate: 'Besöksdatum',
  visitDateHint: 'I formen ÅÅÅÅ-MM-DD, till exempel 2026-11-20.',
  formLanguage: 'Blankettens språk',
  languageName: { fi: 'finska', sv: 'svenska', en: 'engelska' },
  commentLabel: 'Fri respons',
  notAnswered: 'Inget svar',
  saveAnswer: 'Spara svaret',
  paperSaved: 'Svaret sparades. Du kan registrera nästa blankett.',
  notDate: 'Ange datumet i formen ÅÅÅÅ-MM-DD.',
  futureDate: 'Besöksdatumet kan inte ligga i framtiden.',
  npsRange: 'Välj ett tal 0–10 eller ”Inget svar”.',
  statementRange: (na) => `Välj 1–5, ”${na}” eller ”Inget svar”.`,
  commentTooLong: 'Den fria responsen är längre än blanketten tillåter.',
  giveSomething: 'Ange minst ett svar eller fri respons.',
  noQuestionSet: 'Enhetens frågeuppsättning hittas inte; kontrollera enhetens regler.',
};

const en: OpenLinkMessages = {
  openLinks: 'Open links',
  openLinksTitle: 'Open links',
  openLinksLead:
    'Anyone who has an open link may answer through it: from a QR poster, a web page or the unit’s tablet. A revoked link takes no more answers.',
  noLinks: 'The unit has no open links.',
  channelLabel: 'Channel',
  channel: { qr: 'QR poster', web: 'Web link', kiosk: 'Kiosk (tablet)' },
  respondentLabel: 'Respondent',
  respondent: { client: 'Client', relative: 'Relative', child: 'Child (7–12)' },
  questionSetLabel: 'Question set',
  unitsSet: 'the unit’s question set',
  created: 'Created',
  address: 'Address',
  poster: 'Poster (SVG)',
  rejected: 'Rejected answers',
  rejectedDetail: (h, f, r) => `honeypot ${h}, filled too fast ${f}, rate limit ${r}`,
  state: 'State',
  active: 'In use',
  revokedAt: (at) => `Revoked ${at}`,
  revoke: 'Revoke',
  createTitle: 'Create a new link',
  createButton: 'Create link',
  createdNotice: 'The link was created.',
  revokedNotice: 'The link was revoked.',
  chooseChannel: 'Choose a channel.',
  chooseRespondent: 'Choose a respondent.',
  paperAnswers: 'Paper answers',
  paperTitle: 'Key in a paper answer',
  paperLead:
    'Key in the answers of a paper form as they are. The answer is stored anonymously with channel “paper”. Leave unanswered questions empty.',
  visitDate: 'Date of the visit',
  visitDateHint: 'As YYYY-MM-DD, for example 2026-11-20.',
  formLanguage: 'Language of the form',
  languageName: { fi: 'Finnish', sv: 'Swedish', en: 'English' },
  commentLabel: 'Free feedback',
  notAnswered: 'No answer',
  saveAnswer: 'Save the answer',
  paperSaved: 'The answer was saved. You can key in the next form.',
  notDate: 'Give the date as YYYY-MM-DD.',
  futureDate: 'The date of the visit cannot be in the future.',
  npsRange: 'Choose a number 0–10 or “No answer”.',
  statementRange: (na) => `Choose 1–5, “${na}” or “No answer”.`,
  commentTooLong: 'The free feedback is longer than the form allows.',
  giveSomething: 'Give at least one answer or free feedback.',
  noQuestionSet: 'The unit’s question set is not found; check the unit’s rules.',
};

const ALL: Record<Language, OpenLinkMessages> = { fi, sv, en };
export const openLinkMessages = (language: Language): OpenLinkMessages => ALL[language];
