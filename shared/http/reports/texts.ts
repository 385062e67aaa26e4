import { requestedLanguage } from '../../i18n';
import type { Language } from '../../schemas/config';

export const LOCALE: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** How the page writes numbers, dates and periods in one language: always through Intl, never by hand. */
export interface Formats {
  /** A count or score: `1 234`, `−12` (fi, sv) / `1,234`, `-12` (en). */
  integer: (value: number) => string;
  /** A mean: up to two decimals, `4,07` (fi, sv) / `4.07` (en). */
  decimal: (value: number) => string;
  /** A share 0–1 as a percentage with up to `digits` decimals: `42,9 %` / `42.9%`. */
  percent: (value: number, digits?: number) => string;
  /** A day without its year, for chart labels: `29.10.` (fi), `29.10` (sv), `29/10` (en). */
  day: (date: string) => string;
  /** A month: `loka 2026`, `okt. 2026`, `Oct 2026`. */
  month: (month: string) => string;
  /** A range of days: `29.10.–27.11.2026` (fi), `29/10/2026 – 27/11/2026` (en). */
  dateRange: (from: string, to: string) => string;
}

/** Local dates are calendar days: formatted at noon UTC in UTC, no time zone can shift them. */
const calendarDay = (date: string) => new Date(`${date}T12:00:00Z`);

export function formatsFor(lang: Language): Formats {
  const locale = LOCALE[lang];
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const fullDate = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return {
    integer: (value) => integer.format(value),
    decimal: (value) => decimal.format(value),
    percent: (value, digits = 0) =>
      new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(value),
    day: (date) => day.format(calendarDay(date)),
    month: (value) => month.format(calendarDay(`${value}-15`)),
    dateRange: (from, to) => fullDate.formatRange(calendarDay(from), calendarDay(to)),
  };
}

export const TEXT = {
  fi: {
    title: 'Asiakaspalaute – raportit',
    login: 'Kirjaudu raportteihin',
    loginHelp:
      'Anna raporttien lukemiseen oikeuttava tunniste (reports:read). Se tallennetaan evästeeseen tälle selaimelle 8 tunniksi.',
    token: 'Tunniste',
    signIn: 'Kirjaudu',
    badToken: 'Tunniste ei kelpaa raporttien lukemiseen.',
    badForm: 'Lomaketta ei voitu lukea. Anna tunniste uudelleen.',
    logout: 'Kirjaudu ulos',
    units: 'Yksiköt',
    noUnits: 'Ei yksiköitä.',
    notFound: 'Yksikköä ei löytynyt.',
    crossSite: 'Lomake lähetettiin toiselta sivustolta; pyyntöä ei käsitelty.',
    days30: 'Viimeiset 30 päivää',
    months12: '12 kuukautta',
    nps: 'Suositteluindeksi (NPS)',
    npsDaily: 'Suositteluindeksi (NPS) päivittäin',
    npsMonthly: 'Suositteluindeksi (NPS) kuukausittain',
    rate: 'Vastausaste',
    rateDaily: 'Vastausaste päivittäin (vastaukset / lähetetyt)',
    rateMonthly: 'Vastausaste kuukausittain (vastaukset / lähetetyt)',
    means30: 'Väittämien keskiarvot (1–5), päivät joiden luvut julkaistaan',
    meansMonthly: 'Väittämien keskiarvot (1–5) kuukausittain',
    table: 'Taulukko',
    date: 'Päivä',
    month: 'Kuukausi',
    statement: 'Väittämä',
    mean: 'Keskiarvo',
    n: 'Vastauksia',
    received: 'Käyntejä',
    sent: 'Lähetetty',
    responses: 'Vastauksia',
    suppressed: 'suojattu',
    suppressedMarker: '□ = luvut suojattu (syy taulukossa)',
    suppressedSmall: 'suojattu: alle {n} vastausta',
    suppressedComplement: 'suojattu, jotta pienen yksikön tai päivän luvut eivät olisi laskettavissa',
    noData: 'ei tietoja',
    noneShown: 'Ei julkaistavia lukuja tältä ajalta.',
    about:
      'Luvut lasketaan öisin käynnin päivän mukaan; myöhässä tulevat vastaukset päivittävät päivää vielä linkin voimassaoloajan. Solu, jossa on alle {n} vastausta, näyttää vain määrät (suojattu). Joskus myös suurempi solu suojataan, jotta pienen luvut eivät olisi laskettavissa vähentämällä.',
    period: 'Ajanjakso',
    organization: 'Organisaatio',
    languages: 'Kieli',
  },
  sv: {
    title: 'Kundrespons – rapporter',
    login: 'Logga in till rapporterna',
    loginHelp:
      'Ange en nyckel med rätt att läsa rapporter (reports:read). Den sparas i en kaka i den här webbläsaren i 8 timmar.',
    token: 'Nyckel',
    signIn: 'Logga in',
    badToken: 'Nyckeln ger inte rätt att läsa rapporter.',
    badForm: 'Formuläret kunde inte läsas. Ange nyckeln på nytt.',
    logout: 'Logga ut',
    units: 'Enheter',
    noUnits: 'Inga enheter.',
    notFound: 'Enheten hittades inte.',
    crossSite: 'Formuläret skickades från en annan webbplats; begäran behandlades inte.',
    days30: 'De senaste 30 dagarna',
    months12: '12 månader',
    nps: 'Rekommendationsindex (NPS)',
    npsDaily: 'Rekommendationsindex (NPS) per dag',
    npsMonthly: 'Rekommendationsindex (NPS) per månad',
    rate: 'Svarsfrekvens',
    rateDaily: 'Svarsfrekvens per dag (svar / skickade)',
    rateMonthly: 'Svarsfrekvens per månad (svar / skickade)',
    means30: 'Medelvärden för påståendena (1–5), dagar med publicerade siffror',
    meansMonthly: 'Medelvärden för påståendena (1–5) per månad',
    table: 'Tabell',
    date: 'Dag',
    month: 'Månad',
    statement: 'Påstående',
    mean: 'Medelvärde',
    n: 'Svar',
    received: 'Besök',
    sent: 'Skickade',
    responses: 'Svar',
    suppressed: 'skyddad',
    suppressedMarker: '□ = siffrorna skyddade (orsaken i tabellen)',
    suppressedSmall: 'skyddad: färre än {n} svar',
    suppressedComplement: 'skyddad så att en liten enhets eller dags siffror inte kan räknas ut',
    noData: 'inga uppgifter',
    noneShown: 'Inga publicerbara siffror för perioden.',
    about:
      'Siffrorna räknas varje natt enligt besöksdagen; sena svar uppdaterar dagen så länge länken gäller. En cell med färre än {n} svar visar bara antal (skyddad). Ibland skyddas även en större cell så att en liten cells siffror inte kan räknas ut genom subtraktion.',
    period: 'Period',
    organization: 'Organisation',
    languages: 'Språk',
  },
  en: {
    title: 'Customer feedback – reports',
    login: 'Sign in to the reports',
    loginHelp:
      'Enter a token that may read reports (reports:read). It is kept in a cookie in this browser for 8 hours.',
    token: 'Token',
    signIn: 'Sign in',
    badToken: 'This token may not read reports.',
    badForm: 'The form could not be read. Please enter the token again.',
    logout: 'Sign out',
    units: 'Units',
    noUnits: 'No units.',
    notFound: 'Unit not found.',
    crossSite: 'The form was sent from another site; the request was not handled.',
    days30: 'Last 30 days',
    months12: '12 months',
    nps: 'Net Promoter Score (NPS)',
    npsDaily: 'Net Promoter Score (NPS) by day',
    npsMonthly: 'Net Promoter Score (NPS) by month',
    rate: 'Response rate',
    rateDaily: 'Response rate by day (responses / sent)',
    rateMonthly: 'Response rate by month (responses / sent)',
    means30: 'Statement means (1–5), days whose figures are published',
    meansMonthly: 'Statement means (1–5) by month',
    table: 'Table',
    date: 'Date',
    month: 'Month',
    statement: 'Statement',
    mean: 'Mean',
    n: 'Answers',
    received: 'Visits',
    sent: 'Sent',
    responses: 'Responses',
    suppressed: 'suppressed',
    suppressedMarker: '□ = figures suppressed (the reason is in the table)',
    suppressedSmall: 'suppressed: fewer than {n} responses',
    suppressedComplement: 'suppressed so that a small unit’s or day’s figures cannot be worked out',
    noData: 'no data',
    noneShown: 'No figures to publish for this period.',
    about:
      'Figures are computed nightly by visit date; late answers update a day while its links are valid. A cell with fewer than {n} responses shows counts only (suppressed). Sometimes a larger cell is suppressed too, so that a small one cannot be worked out by subtraction.',
    period: 'Period',
    organization: 'Organization',
    languages: 'Language',
  },
} satisfies Record<Language, Record<string, string>>;
export type Texts = (typeof TEXT)['fi'];

/** The page's `?lang=`, read as the survey pages read it; Finnish by default. */
export const pickLanguage = (raw: string | undefined): Language => requestedLanguage(raw) ?? 'fi';
