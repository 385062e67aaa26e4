import type { Language } from '../../../schemas/config';

/** The report screens' own texts in fi, sv and en (numbers and dates go through Intl, see ../../reports/texts.ts). */
export interface ReportMessages {
  reportsTitle: string;
  reportsLead: string;
  organizationsHeading: string;
  openDashboard: (name: string) => string;
  yourUnits: string;
  nothingToOpen: string;
  dashboardLead: (asOf: string) => string;
  kpiHeading: string;
  kpiNow: (now: string, units: string) => string;
  kpiChange: (change: string, since: string, then: string) => string;
  kpiExplain: string;
  sinceLabel: string;
  sinceHint: string;
  show: string;
  errorSummary: string;
  sinceInvalid: string;
  sinceFuture: string;
  sinceTooOld: (oldest: string) => string;
  figuresHeading: string;
  figuresExplain: (n: string) => string;
  areasCaption: string;
  unitsCaption: string;
  organizationRow: string;
  name: string;
  area: string;
  last30: string;
  last12: string;
  responses: string;
  rate: string;
  nps: string;
  measuring: string;
  yes: string;
  no: string;
  sortBy: (column: string) => string;
  sortedAsc: string;
  sortedDesc: string;
  suppressed: string;
  suppressedMinReportN: (n: string) => string;
  suppressedComplementary: string;
  partialOf: (n: string, of: string) => string;
  noUnits: string;
  downloadCsv: string;
  csvHint: string;
  unitLead: (organization: string, area: string | undefined) => string;
  headlineHeading: (range: string) => string;
  npsCounts: (promoters: string, passives: string, detractors: string) => string;
  promoters: string;
  passives: string;
  detractors: string;
  weeksHeading: string;
  week: string;
  weekLabel: (week: number) => string;
  npsWeekly: string;
  rateWeekly: string;
  table: string;
  distributionsHeading: string;
  distributionsCaption: string;
  statement: string;
  mean: string;
  answers: string;
  notApplicable: string;
  commentsHeading: string;
  commentsExplain: (n: string) => string;
  searchLabel: string;
  search: string;
  clearSearch: string;
  noComments: string;
  commentsShown: (shown: string) => string;
  commentsMore: (shown: string) => string;
  commentMeta: (date: string, nps: string) => string;
  monthlyHeading: string;
  monthlyLead: string;
  monthReportLink: (month: string) => string;
  monthlyTitle: (unit: string, month: string) => string;
  monthFigures: string;
  previousMonth: (month: string) => string;
  sent: string;
  strongest: string;
  weakest: string;
  guideHeading: string;
  guideLead: string;
  wentWell: string;
  toImprove: string;
  oneAction: string;
  printHint: string;
  noFigures: string;
  csvColumns: {
    level: string;
    organization: string;
    area: string;
    unit: string;
    areaId: string;
    areaName: string;
    unitId: string;
    unitName: string;
    period: string;
    from: string;
    to: string;
    sent: string;
    responses: string;
    responseRate: string;
    nps: string;
    npsResponses: string;
    promoters: string;
    passives: string;
    detractors: string;
    measuring: string;
    suppressed: string;
    suppressionReason: string;
    last30: string;
    last12: string;
    week: string;
    month: string;
    mean: (statement: string) => string;
  };
}

const fi: ReportMessages = {
  reportsTitle: 'Raportit',
  reportsLead: 'Avaa organisaation yhteenveto tai yksikön raportti.',
  organizationsHeading: 'Organisaatiot',
  openDashboard: (name) => `${name}: yhteenveto`,
  yourUnits: 'Yksiköt',
  nothingToOpen: 'Sinulla ei ole oikeutta yhdenkään organisaation raportteihin.',
  dashboardLead: (asOf) => `Luvut ${asOf} asti käyntipäivän mukaan.`,
  kpiHeading: 'Jatkuvasti mittaavat yksiköt',
  kpiNow: (now, units) => `${now} / ${units} yksikköä mittaa jatkuvasti.`,
  kpiChange: (change, since, then) => `Muutos ${since} jälkeen: ${change} (silloin ${then}).`,
  kpiExplain:
    'Yksikkö mittaa jatkuvasti, kun se on lähettänyt tekstiviestejä jokaisella viimeisistä neljästä viikosta.',
  sinceLabel: 'Vertailupäivä',
  sinceHint: 'Muoto vvvv-kk-pp, esimerkiksi 2026-01-31.',
  show: 'Näytä',
  errorSummary: 'Korjaa seuraava',
  sinceInvalid: 'Anna vertailupäivä muodossa vvvv-kk-pp.',
  sinceFuture: 'Vertailupäivä ei voi olla viimeisen lukupäivän jälkeen.',
  sinceTooOld: (oldest) => `Vertailupäivä voi olla aikaisintaan ${oldest}.`,
  figuresHeading: 'Luvut alueittain ja yksiköittäin',
  figuresExplain: (n) =>
    `Suositteluindeksi lasketaan päivistä ja kuukausista, joiden luvut julkaistaan. Alle ${n} vastauksen solu on suojattu: siitä näytetään vain määrät.`,
  areasCaption: 'Alueet',
  unitsCaption: 'Yksiköt',
  organizationRow: 'Koko organisaatio',
  name: 'Nimi',
  area: 'Alue',
  last30: '30 päivää',
  last12: '12 kuukautta',
  responses: 'Vastauksia',
  rate: 'Vastausaste',
  nps: 'NPS',
  measuring: 'Mittaa jatkuvasti',
  yes: 'kyllä',
  no: 'ei',
  sortBy: (column) => `Järjestä: ${column}`,
  sortedAsc: 'nousevasti',
  sortedDesc: 'laskevasti',
  suppressed: 'suojattu',
  suppressedMinReportN: (n) => `suojattu: alle ${n} vastausta`,
  suppressedComplementary: 'suojattu, jotta toisen solun luvut eivät olisi laskettavissa',
  partialOf: (n, of) => `${n} / ${of} vastauksesta`,
  noUnits: 'Ei yksiköitä.',
  downloadCsv: 'Lataa CSV (Excel)',
  csvHint: 'Puolipiste erottimena ja desimaalipilkku: aukeaa suoraan suomenkieliseen Exceliin.',
  unitLead: (organization, area) => (area ? `${organization}, ${area}.` : `${organization}.`),
  headlineHeading: (range) => `Viimeiset 30 päivää (${range})`,
  npsCounts: (p, pa, d) => `suosittelijoita ${p}, neutraaleja ${pa}, arvostelijoita ${d}`,
  promoters: 'Suosittelijat',
  passives: 'Neutraalit',
  detractors: 'Arvostelijat',
  weeksHeading: 'Viikoittain (13 viikkoa)',
  week: 'Viikko',
  weekLabel: (week) => `vk ${week}`,
  npsWeekly: 'Suositteluindeksi (NPS) viikoittain',
  rateWeekly: 'Vastausaste viikoittain (vastaukset / lähetetyt)',
  table: 'Taulukko',
  distributionsHeading: 'Väittämien vastausjakaumat (30 päivää)',
  distributionsCaption: 'Vastausten määrä arvoittain 1–5 ja ”ei koske minua”',
  statement: 'Väittämä',
  mean: 'Keskiarvo',
  answers: 'Vastauksia',
  notApplicable: 'ei koske',
  commentsHeading: 'Avoimet palautteet',
  commentsExplain: (n) =>
    `Vain päiviltä, joiden luvut julkaistaan (vähintään ${n} vastausta), uusin ensin, viimeiset 12 kuukautta.`,
  searchLabel: 'Hae palautteista',
  search: 'Hae',
  clearSearch: 'Näytä kaikki',
  noComments: 'Ei palautteita.',
  commentsShown: (shown) => `${shown} palautetta.`,
  commentsMore: (shown) => `Näytetään ${shown} uusinta; tarkenna hakua nähdäksesi vanhempia.`,
  commentMeta: (date, nps) => `${date}, suositteluasteikolla ${nps}`,
  monthlyHeading: 'Kuukausiraportit tulostettavaksi',
  monthlyLead: 'Yhden sivun raportti ja keskustelurunko tiimipalaveriin.',
  monthReportLink: (month) => `Kuukausiraportti ${month}`,
  monthlyTitle: (unit, month) => `${unit}: kuukausiraportti ${month}`,
  monthFigures: 'Kuukauden luvut',
  previousMonth: (month) => `Edellinen kuukausi (${month})`,
  sent: 'Lähetetty',
  strongest: 'Parhaat arviot',
  weakest: 'Heikoimmat arviot',
  guideHeading: 'Keskustelurunko tiimipalaveriin',
  guideLead: 'Käykää luvut ja palautteet läpi yhdessä noin 15 minuutissa.',
  wentWell: 'Mikä meni hyvin?',
  toImprove: 'Mitä parannamme?',
  oneAction: 'Yksi asia, jota kokeilemme ensi kuussa:',
  printHint: 'Tulosta tai tallenna PDF-tiedostoksi selaimen tulostustoiminnolla (A4).',
  noFigures: 'Ei lukuja tältä ajalta.',
  csvColumns: {
    level: 'Taso',
    organization: 'organisaatio',
    area: 'alue',
    unit: 'yksikkö',
    areaId: 'Alueen tunnus',
    areaName: 'Alue',
    unitId: 'Yksikön tunnus',
    unitName: 'Yksikkö',
    period: 'Jakso',
    from: 'Alkaen',
    to: 'Päättyen',
    sent: 'Lähetetty',
    responses: 'Vastauksia',
    responseRate: 'Vastausaste %',
    nps: 'NPS',
    npsResponses: 'NPS:n vastauksia',
    promoters: 'Suosittelijat',
    passives: 'Neutraalit',
    detractors: 'Arvostelijat',
    measuring: 'Mittaa jatkuvasti',
    suppressed: 'Suojattu',
    suppressionReason: 'Suojauksen syy',
    last30: '30 päivää',
    last12: '12 kuukautta',
    week: 'viikko',
    month: 'kuukausi',
    mean: (statement) => `${statement} (ka)`,
  },
};

const sv: ReportMessages = {
  reportsTitle: 'Rapporter',
  reportsLead: 'Öppna en organisations översikt eller en enhets rapport.',
  organizationsHeading: 'Organisationer',
  openDashboard: (name) => `${name}: översikt`,
  yourUnits: 'Enheter',
  nothingToOpen: 'Du har inte rätt till någon organisations rapporter.',
  dashboardLead: (asOf) => `Siffror till och med ${asOf} enligt besöksdag.`,
  kpiHeading: 'Enheter som mäter kontinuerligt',
  kpiNow: (now, units) => `${now} av ${units} enheter mäter kontinuerligt.`,
  kpiChange: (change, since, then) => `Förändring sedan ${since}: ${change} (då ${then}).`,
  kpiExplain:
    'En enhet mäter kontinuerligt när den har skickat sms varje vecka under de senaste fyra veckorna.',
  sinceLabel: 'Jämförelsedag',
  sinceHint: 'Formen åååå-mm-dd, till exempel 2026-01-31.',
  show: 'Visa',
  errorSummary: 'Rätta följande',
  sinceInvalid: 'Ange jämförelsedagen i formen åååå-mm-dd.',
  sinceFuture: 'Jämförelsedagen kan inte vara efter den senaste dagen med siffror.',
  sinceTooOld: (oldest) => `Jämförelsedagen kan vara tidigast ${oldest}.`,
  figuresHeading: 'Siffror per område och enhet',
  figuresExplain: (n) =>
    `Rekommendationsindexet räknas på dagar och månader vars siffror publiceras. En cell med färre än ${n} svar är skyddad: bara antal visas.`,
  areasCaption: 'Områden',
  unitsCaption: 'Enheter',
  organizationRow: 'Hela organisationen',
  name: 'Namn',
  area: 'Område',
  last30: '30 dagar',
  last12: '12 månader',
  responses: 'Svar',
  rate: 'Svarsfrekvens',
  nps: 'NPS',
  measuring: 'Mäter kontinuerligt',
  yes: 'ja',
  no: 'nej',
  sortBy: (column) => `Sortera: ${column}`,
  sortedAsc: 'stigande',
  sortedDesc: 'fallande',
  suppressed: 'skyddad',
  suppressedMinReportN: (n) => `skyddad: färre än ${n} svar`,
  suppressedComplementary: 'skyddad så att en annan cells siffror inte kan räknas ut',
  partialOf: (n, of) => `${n} av ${of} svar`,
  noUnits: 'Inga enheter.',
  downloadCsv: 'Ladda ner CSV (Excel)',
  csvHint: 'Semikolon som avgränsare och decimalkomma: öppnas direkt i finländsk Excel.',
  unitLead: (organization, area) => (area ? `${organization}, ${area}.` : `${organization}.`),
  headlineHeading: (range) => `De senaste 30 dagarna (${range})`,
  npsCounts: (p, pa, d) => `främjare ${p}, passiva ${pa}, kritiker ${d}`,
  promoters: 'Främjare',
  passives: 'Passiva',
  detractors: 'Kritiker',
  weeksHeading: 'Per vecka (13 veckor)',
  week: 'Vecka',
  weekLabel: (week) => `v. ${week}`,
  npsWeekly: 'Rekommendationsindex (NPS) per vecka',
  rateWeekly: 'Svarsfrekvens per vecka (svar / skickade)',
  table: 'Tabell',
  distributionsHeading: 'Svarsfördelning per påstående (30 dagar)',
  distributionsCaption: 'Antal svar per värde 1–5 och ”gäller inte mig”',
  statement: 'Påstående',
  mean: 'Medelvärde',
  answers: 'Svar',
  notApplicable: 'gäller inte',
  commentsHeading: 'Öppna kommentarer',
  commentsExplain: (n) =>
    `Endast från dagar vars siffror publiceras (minst ${n} svar), nyaste först, de senaste 12 månaderna.`,
  searchLabel: 'Sök i kommentarerna',
  search: 'Sök',
  clearSearch: 'Visa alla',
  noComments: 'Inga kommentarer.',
  commentsShown: (shown) => `${shown} kommentarer.`,
  commentsMore: (shown) => `De ${shown} nyaste visas; förfina sökningen för att se äldre.`,
  commentMeta: (date, nps) => `${date}, rekommendation ${nps}`,
  monthlyHeading: 'Månadsrapporter för utskrift',
  monthlyLead: 'En sida med siffror och ett diskussionsunderlag för teammötet.',
  monthReportLink: (month) => `Månadsrapport ${month}`,
  monthlyTitle: (unit, month) => `${unit}: månadsrapport ${month}`,
  monthFigures: 'Månadens siffror',
  previousMonth: (month) => `Föregående månad (${month})`,
  sent: 'Skickade',
  strongest: 'Bästa bedömningarna',
  weakest: 'Svagaste bedömningarna',
  guideHeading: 'Diskussionsunderlag för teammötet',
  guideLead: 'Gå igenom siffrorna och kommentarerna tillsammans på cirka 15 minuter.',
  wentWell: 'Vad gick bra?',
  toImprove: 'Vad förbättrar vi?',
  oneAction: 'En sak vi prövar nästa månad:',
  printHint: 'Skriv ut eller spara som PDF med webbläsarens utskriftsfunktion (A4).',
  noFigures: 'Inga siffror för perioden.',
  csvColumns: {
    level: 'Nivå',
    organization: 'organisation',
    area: 'område',
    unit: 'enhet',
    areaId: 'Områdets kod',
    areaName: 'Område',
    unitId: 'Enhetens kod',
    unitName: 'Enhet',
    period: 'Period',
    from: 'Från',
    to: 'Till',
    sent: 'Skickade',
    responses: 'Svar',
    responseRate: 'Svarsfrekvens %',
    nps: 'NPS',
    npsResponses: 'Svar i NPS',
    promoters: 'Främjare',
    passives: 'Passiva',
    detractors: 'Kritiker',
    measuring: 'Mäter kontinuerligt',
    suppressed: 'Skyddad',
    suppressionReason: 'Orsak till skydd',
    last30: '30 dagar',
    last12: '12 månader',
    week: 'vecka',
    month: 'månad',
    mean: (statement) => `${statement} (medel)`,
  },
};

const en: ReportMessages = {
  reportsTitle: 'Reports',
  reportsLead: 'Open an organization’s dashboard or a unit’s report.',
  organizationsHeading: 'Organizations',
  openDashboard: (name) => `${name}: dashboard`,
  yourUnits: 'Units',
  nothingToOpen: 'You may not open any organization’s reports.',
  dashboardLead: (asOf) => `Figures up to ${asOf} by visit date.`,
  kpiHeading: 'Units measuring continuously',
  kpiNow: (now, units) => `${now} of ${units} units measure continuously.`,
  kpiChange: (change, since, then) => `Change since ${since}: ${change} (then ${then}).`,
  kpiExplain: 'A unit measures continuously when it sent text messages in each of the last four weeks.',
  sinceLabel: 'Compare with the date',
  sinceHint: 'As yyyy-mm-dd, for example 2026-01-31.',
  show: 'Show',
  errorSummary: 'Please correct the following',
  sinceInvalid: 'Enter the date to compare with as yyyy-mm-dd.',
  sinceFuture: 'The date to compare with cannot be after the last day with figures.',
  sinceTooOld: (oldest) => `The date to compare with can be ${oldest} at the earliest.`,
  figuresHeading: 'Figures by area and unit',
  figuresExplain: (n) =>
    `NPS is computed from the days and months whose figures are published. A cell with fewer than ${n} responses is suppressed: only counts are shown.`,
  areasCaption: 'Areas',
  unitsCaption: 'Units',
  organizationRow: 'Whole organization',
  name: 'Name',
  area: 'Area',
  last30: '30 days',
  last12: '12 months',
  responses: 'Responses',
  rate: 'Response rate',
  nps: 'NPS',
  measuring: 'Measuring continuously',
  yes: 'yes',
  no: 'no',
  sortBy: (column) => `Sort by ${column}`,
  sortedAsc: 'ascending',
  sortedDesc: 'descending',
  suppressed: 'suppressed',
  suppressedMinReportN: (n) => `suppressed: fewer than ${n} responses`,
  suppressedComplementary: 'suppressed so that another cell’s figures cannot be worked out',
  partialOf: (n, of) => `${n} of ${of} responses`,
  noUnits: 'No units.',
  downloadCsv: 'Download CSV (Excel)',
  csvHint: 'Semicolon separator and decimal comma: opens directly in Finnish Excel.',
  unitLead: (organization, area) => (area ? `${organization}, ${area}.` : `${organization}.`),
  headlineHeading: (range) => `Last 30 days (${range})`,
  npsCounts: (p, pa, d) => `promoters ${p}, passives ${pa}, detractors ${d}`,
  promoters: 'Promoters',
  passives: 'Passives',
  detractors: 'Detractors',
  weeksHeading: 'By week (13 weeks)',
  week: 'Week',
  weekLabel: (week) => `wk ${week}`,
  npsWeekly: 'Net Promoter Score (NPS) by week',
  rateWeekly: 'Response rate by week (responses / sent)',
  table: 'Table',
  distributionsHeading: 'Answers per statement (30 days)',
  distributionsCaption: 'Number of answers per value 1–5 and “does not apply”',
  statement: 'Statement',
  mean: 'Mean',
  answers: 'Answers',
  notApplicable: 'n/a',
  commentsHeading: 'Comments',
  commentsExplain: (n) =>
    `Only from days whose figures are published (at least ${n} responses), newest first, the last 12 months.`,
  searchLabel: 'Search the comments',
  search: 'Search',
  clearSearch: 'Show all',
  noComments: 'No comments.',
  commentsShown: (shown) => `${shown} comments.`,
  commentsMore: (shown) => `Showing the ${shown} newest; narrow the search to see older ones.`,
  commentMeta: (date, nps) => `${date}, recommendation ${nps}`,
  monthlyHeading: 'Monthly reports to print',
  monthlyLead: 'One page of figures and a discussion guide for the team meeting.',
  monthReportLink: (month) => `Monthly report ${month}`,
  monthlyTitle: (unit, month) => `${unit}: monthly report ${month}`,
  monthFigures: 'The month’s figures',
  previousMonth: (month) => `Previous month (${month})`,
  sent: 'Sent',
  strongest: 'Rated best',
  weakest: 'Rated lowest',
  guideHeading: 'Discussion guide for the team meeting',
  guideLead: 'Go through the figures and comments together in about 15 minutes.',
  wentWell: 'What went well?',
  toImprove: 'What do we improve?',
  oneAction: 'One thing we try next month:',
  printHint: 'Print it, or save it as PDF, with the browser’s print function (A4).',
  noFigures: 'No figures for this period.',
  csvColumns: {
    level: 'Level',
    organization: 'organization',
    area: 'area',
    unit: 'unit',
    areaId: 'Area id',
    areaName: 'Area',
    unitId: 'Unit id',
    unitName: 'Unit',
    period: 'Period',
    from: 'From',
    to: 'To',
    sent: 'Sent',
    responses: 'Responses',
    responseRate: 'Response rate %',
    nps: 'NPS',
    npsResponses: 'NPS responses',
    promoters: 'Promoters',
    passives: 'Passives',
    detractors: 'Detractors',
    measuring: 'Measuring continuously',
    suppressed: 'Suppressed',
    suppressionReason: 'Reason suppressed',
    last30: '30 days',
    last12: '12 months',
    week: 'week',
    month: 'month',
    mean: (statement) => `${statement} (mean)`,
  },
};

const MESSAGES: Record<Language, ReportMessages> = { fi, sv, en };
export const reportMessages = (lang: Language): ReportMessages => MESSAGES[lang];
