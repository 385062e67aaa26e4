import type { SendTimeShiftReason } from '../../../domain/sendTime';
import type { Language, Weekday } from '../../../schemas/config';
import type { ContactType } from '../../../schemas/events';
import type { DecisionOutcome } from '../../../schemas/records';

/** The admin screens' own texts in fi, sv and en. Messages of the API's checks stay in English. */
export interface AdminMessages {
  adminTitle: string;
  organizationsLead: string;
  noOrganizations: string;
  backTo: (name: string) => string;
  id: string;
  name: string;
  version: (version: number) => string;
  areas: string;
  noAreas: string;
  units: string;
  noUnits: string;
  area: string;
  noArea: string;
  enabled: string;
  yes: string;
  no: string;
  lastSent: string;
  responses30: string;
  measuring: string;
  notSent: string;
  statusNote: (asOf: string) => string;
  rules: string;
  history: string;
  templates: string;
  questionSets: string;
  organizationSettings: string;
  timeZone: string;
  // Rules form
  rulesTitle: string;
  rulesLead: string;
  inherited: (value: string) => string;
  inheritOption: (value: string) => string;
  unitEnabled: string;
  timingLegend: string;
  timingDelay: string;
  timingNextDay: string;
  delayMinutes: string;
  nextDayAt: string;
  windowLegend: string;
  windowHint: string;
  windowStart: string;
  windowEnd: string;
  windowDays: string;
  allowNight: string;
  weekday: Record<Weekday, string>;
  samplingLegend: string;
  samplingPercent: string;
  dailyQuota: string;
  dailyQuotaHint: string;
  blockedDates: string;
  blockedDatesHint: string;
  waitsLegend: string;
  maxLagHours: string;
  linkTtlDays: string;
  whoLegend: string;
  minAge: string;
  contactTypes: string;
  contactTypesHint: string;
  contactType: Record<ContactType, string>;
  requireSmsConsent: string;
  excludeSecurityBan: string;
  excludedServiceCodes: string;
  excludedServiceCodesHint: string;
  questionSet: string;
  none: string;
  previewLegend: string;
  previewHint: string;
  previewAt: string;
  previewLanguage: string;
  languageName: Record<Language, string>;
  previewButton: string;
  saveButton: string;
  errorSummary: string;
  required: string;
  notWholeNumber: string;
  notNumber: string;
  between: (min: number, max: number) => string;
  notTime: string;
  notDates: (values: string) => string;
  notDateTime: string;
  unknownChoice: string;
  apiLanguageNote: string;
  // Preview
  previewTitle: string;
  outcome: string;
  outcomeName: (outcome: DecisionOutcome) => string;
  sendAt: string;
  noSend: string;
  shiftsTitle: string;
  noShifts: string;
  shift: (reason: SendTimeShiftReason, from: string, to: string) => string;
  smsTitle: string;
  smsSize: (characters: number, segments: number, encoding: string) => string;
  previewAssumes: string;
  warningsTitle: string;
  // Saving
  saved: (version: number) => string;
  unchanged: (version: number) => string;
  staleTitle: string;
  staleLead: (yourVersion: number, currentVersion: number) => string;
  staleKept: string;
  conflict: string;
  // Templates
  templatesTitle: string;
  templatesLead: string;
  countButton: string;
  template: string;
  exampleSms: string;
  templateProblems: string;
  // Question sets
  questionSetsLead: string;
  national: string;
  own: (extendsId: string) => string;
  kind: string;
  statements: string;
  ownStatement: string;
  readOnlyNote: string;
  // History
  historyTitle: (name: string) => string;
  noHistory: string;
  entryTitle: (version: number) => string;
  changedAtBy: (at: string, by: string) => string;
  setting: string;
  from: string;
  to: string;
  noValue: string;
  olderEntries: string;
  noChanges: string;
}

const outcomes = (names: Partial<Record<DecisionOutcome, string>>, other: string) => (o: DecisionOutcome) =>
  names[o] ?? `${other} (${o})`;

const fi: AdminMessages = {
  adminTitle: 'Hallinta',
  organizationsLead: 'Organisaatiot, joiden asetuksia voit muuttaa.',
  noOrganizations: 'Sinulla ei ole organisaatioita hallittavana.',
  backTo: (name) => `Takaisin: ${name}`,
  id: 'Tunnus',
  name: 'Nimi',
  version: (v) => `versio ${v}`,
  areas: 'Alueet',
  noAreas: 'Organisaatiolla ei ole alueita.',
  units: 'Yksiköt',
  noUnits: 'Organisaatiolla ei ole yksiköitä.',
  area: 'Alue',
  noArea: 'ei aluetta',
  enabled: 'Käytössä',
  yes: 'Kyllä',
  no: 'Ei',
  lastSent: 'Viimeksi lähetetty tekstiviesti',
  responses30: 'Vastauksia 30 päivässä',
  measuring: 'Mittaa jatkuvasti',
  notSent: 'ei 30 päivään',
  statusNote: (asOf) =>
    `Luvut ovat yöllä lasketuista päiväluvuista ${asOf} asti. Päivä on käynnin päivä: viimeksi lähetetty tekstiviesti on viimeisin käyntipäivä, jolta lähti vähintään yksi viesti. Yksikkö mittaa jatkuvasti, kun sen käynneiltä on lähtenyt viestejä jokaisella neljästä viime viikosta.`,
  rules: 'Säännöt',
  history: 'Muutoshistoria',
  templates: 'Tekstiviestipohjat',
  questionSets: 'Kysymyssarjat',
  organizationSettings: 'Organisaation asetukset',
  timeZone: 'Aikavyöhyke',
  rulesTitle: 'Yksikön säännöt',
  rulesLead:
    'Tyhjä kenttä tarkoittaa, että yksikkö noudattaa organisaation oletusta; oletus näkyy kentän kohdalla. Esikatselu näyttää vaikutuksen tallentamatta mitään.',
  inherited: (value) => `Organisaation oletus: ${value}`,
  inheritOption: (value) => `Organisaation oletus (${value})`,
  unitEnabled: 'Yksikkö lähettää kyselyitä',
  timingLegend: 'Milloin viesti lähtee',
  timingDelay: 'Viiveellä käynnin jälkeen',
  timingNextDay: 'Seuraavana päivänä kellonaikaan',
  delayMinutes: 'Viive minuutteina',
  nextDayAt: 'Kellonaika seuraavana päivänä (TT:MM)',
  windowLegend: 'Lähetysikkuna',
  windowHint:
    'Viestit lähtevät vain näinä päivinä ja kellonaikoina. Jätä kaikki tyhjiksi käyttääksesi oletusta.',
  windowStart: 'Alkaa (TT:MM)',
  windowEnd: 'Päättyy (TT:MM)',
  windowDays: 'Päivät',
  allowNight: 'Salli lähetykset klo 21–08',
  weekday: { mon: 'ma', tue: 'ti', wed: 'ke', thu: 'to', fri: 'pe', sat: 'la', sun: 'su' },
  samplingLegend: 'Otanta ja määrät',
  samplingPercent: 'Otanta prosentteina (0–100)',
  dailyQuota: 'Enintään viestejä päivässä',
  dailyQuotaHint: 'Tyhjä: ei ylärajaa (tai organisaation oletus).',
  blockedDates: 'Päivät, joina ei lähetetä',
  blockedDatesHint: 'Yksi päivämäärä riville muodossa VVVV-KK-PP.',
  waitsLegend: 'Odotusajat',
  maxLagHours: 'Käynnistä enintään tuntia viestiin',
  linkTtlDays: 'Linkki voimassa päivää',
  whoLegend: 'Keille kysely lähtee',
  minAge: 'Vähimmäisikä',
  contactTypes: 'Asiointitavat',
  contactTypesHint: 'Jos mitään ei ole valittu, käytetään oletusta.',
  contactType: { visit: 'käynti', remote: 'etäasiointi', phone: 'puhelu', home: 'kotikäynti' },
  requireSmsConsent: 'Vaaditaan tekstiviestisuostumus',
  excludeSecurityBan: 'Turvakieltoiset jätetään pois',
  excludedServiceCodes: 'Palvelukoodit, joilta ei kysytä',
  excludedServiceCodesHint: 'Yksi koodi riville.',
  questionSet: 'Kysymyssarja',
  none: 'ei mitään',
  previewLegend: 'Esikatselun käynti',
  previewHint:
    'Esikatselu kuvittelee täysi-ikäisen asiakkaan käynnin, jolla on matkapuhelinnumero ja suostumus.',
  previewAt: 'Käynti päättyy (paikallista aikaa)',
  previewLanguage: 'Asiakkaan kieli',
  languageName: { fi: 'suomi', sv: 'ruotsi', en: 'englanti' },
  previewButton: 'Esikatsele',
  saveButton: 'Tallenna',
  errorSummary: 'Korjaa nämä kohdat',
  required: 'Täytä tämä kenttä.',
  notWholeNumber: 'Kirjoita kokonaisluku.',
  notNumber: 'Kirjoita luku.',
  between: (min, max) => `Kirjoita luku väliltä ${min}–${max}.`,
  notTime: 'Kirjoita kellonaika muodossa TT:MM.',
  notDates: (values) => `Nämä eivät ole päivämääriä muodossa VVVV-KK-PP: ${values}`,
  notDateTime: 'Valitse päivä ja kellonaika.',
  unknownChoice: 'Valitse jokin vaihtoehdoista.',
  apiLanguageNote: 'Tarkistusten ilmoitukset ovat englanniksi.',
  previewTitle: 'Esikatselu',
  outcome: 'Päätös',
  outcomeName: outcomes(
    {
      SCHEDULED: 'Viesti lähtee',
      STALE: 'Ei lähde: viesti ehtisi liian myöhään',
      NOT_SAMPLED: 'Ei lähde: ei otannassa',
      UNIT_DISABLED: 'Ei lähde: yksikkö ei ole käytössä',
    },
    'Ei lähde',
  ),
  sendAt: 'Lähetysaika',
  noSend: 'ei lähetetä',
  shiftsTitle: 'Miksi aika siirtyi',
  noShifts: 'Aika ei siirtynyt.',
  shift: (reason, from, to) =>
    `${
      {
        nextDay: 'Seuraavan päivän kellonaika',
        late: 'Tieto tuli myöhässä, joten heti',
        window: 'Lähetysikkunan ulkopuolella',
        weekday: 'Ei lähetyspäivä',
        blockedDate: 'Estetty päivä',
      }[reason]
    }: ${from} → ${to}`,
  smsTitle: 'Tekstiviesti',
  smsSize: (c, s, e) => `${c} merkkiä, ${s} ${s === 1 ? 'viesti' : 'viestiä'} (${e})`,
  previewAssumes:
    'Esikatselu olettaa, ettei numero ole kieltolistalla, henkilölle ei ole äskettäin lähetetty kyselyä eikä päivän kiintiö ole täynnä.',
  warningsTitle: 'Huomioi',
  saved: (v) => `Tallennettu (versio ${v}).`,
  unchanged: (v) => `Ei muutoksia tallennettavaksi (versio ${v}).`,
  staleTitle: 'Joku muu muutti tätä sillä välin',
  staleLead: (yours, current) =>
    `Lomakkeesi perustui versioon ${yours}, mutta nyt voimassa on versio ${current}. Alla näkyy, mitä muutettiin.`,
  staleKept:
    'Syöttämäsi tiedot ovat tallessa lomakkeella. Tarkista ne ja tallenna uudelleen, jos haluat korvata toisen tekemät muutokset.',
  conflict: 'Tallennus ei onnistunut juuri nyt. Yritä uudelleen.',
  templatesTitle: 'Tekstiviestipohjat',
  templatesLead:
    'Pohjassa on oltava {link} kerran; {orgName} on lähettäjän nimi. Yksi tekstiviesti on 160 merkkiä. Laske-painike päivittää merkkimäärät tallentamatta.',
  countButton: 'Laske merkit',
  template: 'Viestipohja',
  exampleSms: 'Esimerkkiviesti',
  templateProblems: 'Pohjan ongelmat',
  questionSetsLead:
    'Kansalliset kysymyssarjat ja organisaation omat sarjat. Omia sarjoja luodaan ja muutetaan rajapinnan tai komentorivityökalun kautta; täällä ne näytetään.',
  national: 'kansallinen',
  own: (id) => `oma, pohjana ${id}`,
  kind: 'Tyyppi',
  statements: 'Väittämät',
  ownStatement: 'oma väittämä',
  readOnlyNote: 'Kysymyssarjaa ei voi muuttaa täällä.',
  historyTitle: (name) => `Muutoshistoria: ${name}`,
  noHistory: 'Ei tallennettuja muutoksia.',
  entryTitle: (v) => `Versio ${v}`,
  changedAtBy: (at, by) => `${at}, muuttaja ${by}`,
  setting: 'Asetus',
  from: 'Ennen',
  to: 'Jälkeen',
  noValue: '(ei asetettu)',
  olderEntries: 'Vanhemmat muutokset',
  noChanges: 'Ei muutettuja kenttiä.',
};

const sv: AdminMessages = {
  adminTitle: 'Administration',
  organizationsLead: 'Organisationer vars inställningar du kan ändra.',
  noOrganizations: 'Du har inga organisationer att administrera.',
  backTo: (name) => `Tillbaka: ${name}`,
  id: 'Kod',
  name: 'Namn',
  version: (v) => `version ${v}`,
  areas: 'Områden',
  noAreas: 'Organisationen har inga områden.',
  units: 'Enheter',
  noUnits: 'Organisationen har inga enheter.',
  area: 'Område',
  noArea: 'inget område',
  enabled: 'I bruk',
  yes: 'Ja',
  no: 'Nej',
  lastSent: 'Senast skickade sms',
  responses30: 'Svar på 30 dagar',
  measuring: 'Mäter kontinuerligt',
  notSent: 'inte på 30 dagar',
  statusNote: (asOf) =>
    `Siffrorna kommer från dagssiffrorna som räknas varje natt, till och med ${asOf}. En dag är besöksdagen: senast skickade sms är den senaste besöksdagen då minst ett meddelande skickades. En enhet mäter kontinuerligt när meddelanden har skickats för dess besök under var och en av de fyra senaste veckorna.`,
  rules: 'Regler',
  history: 'Ändringshistorik',
  templates: 'Sms-mallar',
  questionSets: 'Frågeserier',
  organizationSettings: 'Organisationens inställningar',
  timeZone: 'Tidszon',
  rulesTitle: 'Enhetens regler',
  rulesLead:
    'Ett tomt fält betyder att enheten följer organisationens standard; standarden visas vid fältet. Förhandsvisningen visar effekten utan att spara något.',
  inherited: (value) => `Organisationens standard: ${value}`,
  inheritOption: (value) => `Organisationens standard (${value})`,
  unitEnabled: 'Enheten skickar enkäter',
  timingLegend: 'När meddelandet skickas',
  timingDelay: 'Med fördröjning efter besöket',
  timingNextDay: 'Följande dag vid en viss tid',
  delayMinutes: 'Fördröjning i minuter',
  nextDayAt: 'Klockslag följande dag (TT:MM)',
  windowLegend: 'Sändningsfönster',
  windowHint: 'Meddelanden skickas bara dessa dagar och tider. Lämna allt tomt för att använda standarden.',
  windowStart: 'Börjar (TT:MM)',
  windowEnd: 'Slutar (TT:MM)',
  windowDays: 'Dagar',
  allowNight: 'Tillåt sändningar kl. 21–08',
  weekday: { mon: 'mån', tue: 'tis', wed: 'ons', thu: 'tors', fri: 'fre', sat: 'lör', sun: 'sön' },
  samplingLegend: 'Urval och mängder',
  samplingPercent: 'Urval i procent (0–100)',
  dailyQuota: 'Högst meddelanden per dag',
  dailyQuotaHint: 'Tomt: ingen övre gräns (eller organisationens standard).',
  blockedDates: 'Dagar då inget skickas',
  blockedDatesHint: 'Ett datum per rad i formatet ÅÅÅÅ-MM-DD.',
  waitsLegend: 'Väntetider',
  maxLagHours: 'Högst timmar från besöket till meddelandet',
  linkTtlDays: 'Länken gäller dagar',
  whoLegend: 'Vem enkäten skickas till',
  minAge: 'Minimiålder',
  contactTypes: 'Kontaktsätt',
  contactTypesHint: 'Om inget är valt används standarden.',
  contactType: { visit: 'besök', remote: 'distanskontakt', phone: 'samtal', home: 'hembesök' },
  requireSmsConsent: 'Samtycke till sms krävs',
  excludeSecurityBan: 'Personer med spärrmarkering lämnas utanför',
  excludedServiceCodes: 'Tjänstekoder som inte får enkäten',
  excludedServiceCodesHint: 'En kod per rad.',
  questionSet: 'Frågeserie',
  none: 'inga',
  previewLegend: 'Besök för förhandsvisningen',
  previewHint: 'Förhandsvisningen föreställer sig ett besök av en vuxen klient med mobilnummer och samtycke.',
  previewAt: 'Besöket slutar (lokal tid)',
  previewLanguage: 'Klientens språk',
  languageName: { fi: 'finska', sv: 'svenska', en: 'engelska' },
  previewButton: 'Förhandsvisa',
  saveButton: 'Spara',
  errorSummary: 'Rätta dessa punkter',
  required: 'Fyll i det här fältet.',
  notWholeNumber: 'Skriv ett heltal.',
  notNumber: 'Skriv ett tal.',
  between: (min, max) => `Skriv ett tal mellan ${min} och ${max}.`,
  notTime: 'Skriv klockslaget i formatet TT:MM.',
  notDates: (values) => `Dessa är inte datum i formatet ÅÅÅÅ-MM-DD: ${values}`,
  notDateTime: 'Välj dag och klockslag.',
  unknownChoice: 'Välj ett av alternativen.',
  apiLanguageNote: 'Kontrollernas meddelanden är på engelska.',
  previewTitle: 'Förhandsvisning',
  outcome: 'Beslut',
  outcomeName: outcomes(
    {
      SCHEDULED: 'Meddelandet skickas',
      STALE: 'Skickas inte: meddelandet skulle komma för sent',
      NOT_SAMPLED: 'Skickas inte: inte i urvalet',
      UNIT_DISABLED: 'Skickas inte: enheten är inte i bruk',
    },
    'Skickas inte',
  ),
  sendAt: 'Sändningstid',
  noSend: 'skickas inte',
  shiftsTitle: 'Varför tiden flyttades',
  noShifts: 'Tiden flyttades inte.',
  shift: (reason, from, to) =>
    `${
      {
        nextDay: 'Följande dags klockslag',
        late: 'Uppgiften kom sent, så genast',
        window: 'Utanför sändningsfönstret',
        weekday: 'Ingen sändningsdag',
        blockedDate: 'Spärrad dag',
      }[reason]
    }: ${from} → ${to}`,
  smsTitle: 'Sms',
  smsSize: (c, s, e) => `${c} tecken, ${s} ${s === 1 ? 'meddelande' : 'meddelanden'} (${e})`,
  previewAssumes:
    'Förhandsvisningen antar att numret inte är spärrat, att personen inte nyligen fått en enkät och att dagens kvot inte är full.',
  warningsTitle: 'Observera',
  saved: (v) => `Sparat (version ${v}).`,
  unchanged: (v) => `Inga ändringar att spara (version ${v}).`,
  staleTitle: 'Någon annan ändrade detta under tiden',
  staleLead: (yours, current) =>
    `Ditt formulär byggde på version ${yours}, men nu gäller version ${current}. Nedan syns vad som ändrades.`,
  staleKept:
    'Dina uppgifter finns kvar i formuläret. Kontrollera dem och spara på nytt om du vill ersätta den andras ändringar.',
  conflict: 'Det gick inte att spara just nu. Försök igen.',
  templatesTitle: 'Sms-mallar',
  templatesLead:
    'Mallen måste innehålla {link} en gång; {orgName} är avsändarens namn. Ett sms rymmer 160 tecken. Knappen Räkna uppdaterar antalet tecken utan att spara.',
  countButton: 'Räkna tecken',
  template: 'Meddelandemall',
  exampleSms: 'Exempelmeddelande',
  templateProblems: 'Problem i mallen',
  questionSetsLead:
    'Nationella frågeserier och organisationens egna serier. Egna serier skapas och ändras via gränssnittet (API) eller kommandoradsverktyget; här visas de.',
  national: 'nationell',
  own: (id) => `egen, bygger på ${id}`,
  kind: 'Typ',
  statements: 'Påståenden',
  ownStatement: 'eget påstående',
  readOnlyNote: 'Frågeserien kan inte ändras här.',
  historyTitle: (name) => `Ändringshistorik: ${name}`,
  noHistory: 'Inga sparade ändringar.',
  entryTitle: (v) => `Version ${v}`,
  changedAtBy: (at, by) => `${at}, ändrad av ${by}`,
  setting: 'Inställning',
  from: 'Före',
  to: 'Efter',
  noValue: '(inte angiven)',
  olderEntries: 'Äldre ändringar',
  noChanges: 'Inga ändrade fält.',
};

const en: AdminMessages = {
  adminTitle: 'Administration',
  organizationsLead: 'The organizations whose settings you may change.',
  noOrganizations: 'You have no organizations to administer.',
  backTo: (name) => `Back to ${name}`,
  id: 'Id',
  name: 'Name',
  version: (v) => `version ${v}`,
  areas: 'Areas',
  noAreas: 'The organization has no areas.',
  units: 'Units',
  noUnits: 'The organization has no units.',
  area: 'Area',
  noArea: 'no area',
  enabled: 'Enabled',
  yes: 'Yes',
  no: 'No',
  lastSent: 'Last SMS sent',
  responses30: 'Responses in 30 days',
  measuring: 'Measuring continuously',
  notSent: 'not in 30 days',
  statusNote: (asOf) =>
    `The figures come from the day figures computed each night, up to ${asOf}. A day is the visit date: the last SMS sent is the latest visit date for which at least one message went out. A unit measures continuously when messages went out for its visits in each of the last four weeks.`,
  rules: 'Rules',
  history: 'History of changes',
  templates: 'SMS templates',
  questionSets: 'Question sets',
  organizationSettings: 'Organization settings',
  timeZone: 'Time zone',
  rulesTitle: 'Unit rules',
  rulesLead:
    "An empty field means the unit follows the organization's default, shown beside the field. Preview shows the effect without saving anything.",
  inherited: (value) => `Organization default: ${value}`,
  inheritOption: (value) => `Organization default (${value})`,
  unitEnabled: 'The unit sends surveys',
  timingLegend: 'When the message goes',
  timingDelay: 'After a delay from the visit',
  timingNextDay: 'The next day at a set time',
  delayMinutes: 'Delay in minutes',
  nextDayAt: 'Time of day the next day (HH:MM)',
  windowLegend: 'Send window',
  windowHint: 'Messages go only on these days and hours. Leave all empty to use the default.',
  windowStart: 'Starts (HH:MM)',
  windowEnd: 'Ends (HH:MM)',
  windowDays: 'Days',
  allowNight: 'Allow sends between 21:00 and 08:00',
  weekday: { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' },
  samplingLegend: 'Sampling and amounts',
  samplingPercent: 'Sampling in percent (0–100)',
  dailyQuota: 'At most messages per day',
  dailyQuotaHint: "Empty: no limit (or the organization's default).",
  blockedDates: 'Dates without sends',
  blockedDatesHint: 'One date per line, as YYYY-MM-DD.',
  waitsLegend: 'Waiting times',
  maxLagHours: 'At most hours from the visit to the message',
  linkTtlDays: 'Link valid for days',
  whoLegend: 'Who gets the survey',
  minAge: 'Minimum age',
  contactTypes: 'Contact types',
  contactTypesHint: 'When none is chosen, the default applies.',
  contactType: { visit: 'visit', remote: 'remote', phone: 'phone call', home: 'home visit' },
  requireSmsConsent: 'SMS consent required',
  excludeSecurityBan: 'People with a security ban are left out',
  excludedServiceCodes: 'Service codes not surveyed',
  excludedServiceCodesHint: 'One code per line.',
  questionSet: 'Question set',
  none: 'none',
  previewLegend: 'Visit for the preview',
  previewHint: 'The preview imagines a visit of an adult client with a mobile number and consent.',
  previewAt: 'Visit ends (local time)',
  previewLanguage: "Client's language",
  languageName: { fi: 'Finnish', sv: 'Swedish', en: 'English' },
  previewButton: 'Preview',
  saveButton: 'Save',
  errorSummary: 'Please correct these',
  required: 'Fill in this field.',
  notWholeNumber: 'Enter a whole number.',
  notNumber: 'Enter a number.',
  between: (min, max) => `Enter a number from ${min} to ${max}.`,
  notTime: 'Enter the time as HH:MM.',
  notDates: (values) => `These are not dates as YYYY-MM-DD: ${values}`,
  notDateTime: 'Choose a day and a time.',
  unknownChoice: 'Choose one of the options.',
  apiLanguageNote: '',
  previewTitle: 'Preview',
  outcome: 'Decision',
  outcomeName: outcomes(
    {
      SCHEDULED: 'The message goes',
      STALE: 'Not sent: the message would come too late',
      NOT_SAMPLED: 'Not sent: not in the sample',
      UNIT_DISABLED: 'Not sent: the unit is not enabled',
    },
    'Not sent',
  ),
  sendAt: 'Send time',
  noSend: 'not sent',
  shiftsTitle: 'Why the time moved',
  noShifts: 'The time did not move.',
  shift: (reason, from, to) =>
    `${
      {
        nextDay: "The next day's time",
        late: 'The visit came late, so right away',
        window: 'Outside the send window',
        weekday: 'Not a send day',
        blockedDate: 'A blocked date',
      }[reason]
    }: ${from} → ${to}`,
  smsTitle: 'Text message',
  smsSize: (c, s, e) => `${c} characters, ${s} ${s === 1 ? 'message' : 'messages'} (${e})`,
  previewAssumes:
    "The preview assumes the number is not opted out, the person was not surveyed recently and the day's quota is not used up.",
  warningsTitle: 'Note',
  saved: (v) => `Saved (version ${v}).`,
  unchanged: (v) => `Nothing changed to save (version ${v}).`,
  staleTitle: 'Someone else changed this meanwhile',
  staleLead: (yours, current) =>
    `Your form was based on version ${yours}, but version ${current} is now in effect. What changed is shown below.`,
  staleKept:
    "Your input is kept in the form. Check it and save again if you want to replace the other person's changes.",
  conflict: 'Saving did not succeed just now. Try again.',
  templatesTitle: 'SMS templates',
  templatesLead:
    'A template must contain {link} once; {orgName} is the sender name. One SMS holds 160 characters. Count updates the counts without saving.',
  countButton: 'Count characters',
  template: 'Message template',
  exampleSms: 'Example message',
  templateProblems: 'Problems in the template',
  questionSetsLead:
    "The national question sets and the organization's own sets. Own sets are created and changed through the API or the command-line tool; they are shown here.",
  national: 'national',
  own: (id) => `own, based on ${id}`,
  kind: 'Kind',
  statements: 'Statements',
  ownStatement: 'own statement',
  readOnlyNote: 'The question set cannot be changed here.',
  historyTitle: (name) => `History of changes: ${name}`,
  noHistory: 'No saved changes.',
  entryTitle: (v) => `Version ${v}`,
  changedAtBy: (at, by) => `${at}, changed by ${by}`,
  setting: 'Setting',
  from: 'Before',
  to: 'After',
  noValue: '(not set)',
  olderEntries: 'Older changes',
  noChanges: 'No changed fields.',
};

const ALL: Record<Language, AdminMessages> = { fi, sv, en };
export const adminMessages = (language: Language): AdminMessages => ALL[language];

const LOCALE: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** A local date 'YYYY-MM-DD' as people of the language write it. */
export const formatDate = (language: Language, date: string) =>
  new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );

/** An instant as the organization's wall time, with the date, as people of the language write it. */
export const formatInstant = (language: Language, instant: string | Date, timeZone: string) =>
  new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(instant),
  );
