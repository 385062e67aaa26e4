import type { Messages } from './types';

export const sv: Messages = {
  locale: 'sv-FI',
  languageName: 'På svenska',
  languageSwitchLabel: 'Språk',
  siteName: 'Kundrespons',
  documentTitle: (page, site) => `${page} – ${site}`,
  errorDocumentTitle: (title) => `Fel: ${title}`,
  footerLabel: 'Mer information',
  privacyNotice: 'Dataskyddsbeskrivning',

  form: {
    heading: 'Berätta om din upplevelse',
    intro: 'Det tar ungefär en minut att svara. Du kan svara bara på de frågor du vill.',
    visit: (date) => `Enkäten gäller ditt besök ${date}.`,
    anonymity:
      'Dina svar är anonyma. De kopplas inte till dig eller ditt telefonnummer och påverkar inte den service du får.',
    optional: 'Alla frågor är frivilliga.',
    npsEnd: (value, label) => `${value} = ${label}`,
    commentLimit: (max) => `Högst ${max} tecken.`,
    submit: 'Skicka svaret',
  },

  errors: {
    summaryTitle: 'Kontrollera dina svar',
    prefix: 'Fel:',
    range: 'Välj ett av alternativen.',
    tooLong: (max) => `Texten är för lång. Skriv högst ${max} tecken.`,
    empty: 'Svara på minst en fråga innan du skickar.',
    inQuestion: (question, problem) => `${question} ${problem}`,
  },

  thanks: {
    title: 'Tack för ditt svar!',
    body: 'Ditt svar har sparats. Din respons hjälper oss att utveckla servicen.',
    closing: 'Du kan nu stänga den här sidan.',
  },
  expired: {
    title: 'Svarstiden har gått ut',
    body: 'Det går inte längre att svara på den här enkäten, eftersom länken har gått ut. Tack för ditt intresse.',
  },
  answered: {
    title: 'Enkäten är redan besvarad',
    body: 'Ett svar har redan skickats med den här länken, och det går inte att skicka ett till. Tack för din respons!',
  },
  notFound: {
    title: 'Enkäten hittades inte',
    body: 'Kontrollera att länken är hel och exakt densamma som i textmeddelandet.',
  },

  optOut: {
    link: 'Skicka inte fler enkäter till mig',
    title: 'Skicka inte fler enkäter till mig',
    body: 'Om du bekräftar skickas inga fler kundresponsenkäter till ditt telefonnummer.',
    scope: (organization) => `Det gäller alla tjänster som ${organization} skickar enkäter om.`,
    reassurance: 'Det påverkar inte din vård eller de tjänster du får.',
    confirm: 'Bekräfta: skicka inga fler enkäter',
    cancel: 'Tillbaka till enkäten',
    doneTitle: 'Inga fler enkäter skickas',
    doneBody:
      'Inga fler kundresponsenkäter skickas till ditt telefonnummer. Det påverkar inte din vård eller de tjänster du får.',
  },

  forbidden: {
    title: 'Formuläret kunde inte skickas',
    body: 'Formuläret skickades från en annan webbplats och behandlades därför inte. Öppna enkäten via länken i textmeddelandet och svara på nytt.',
    back: 'Öppna enkäten',
  },
  tooLarge: {
    title: 'Svaret är för långt',
    body: 'Uppgifterna du skickade var för stora. Förkorta texten och försök på nytt.',
  },
  serverError: {
    title: 'Något gick fel',
    body: 'Sidan kunde inte visas just nu. Försök på nytt om en stund.',
  },
  unavailable: {
    title: 'Enkäten är inte tillgänglig just nu',
    body: 'Enkäten kan inte visas just nu. Felet ligger hos oss och har registrerats för åtgärd. Försök igen senare.',
  },
  badForm: {
    title: 'Svaret kunde inte läsas',
    body: 'Formulärets uppgifter kom fram ofullständiga, så svaret sparades inte. Öppna enkäten och svara på nytt.',
    back: 'Öppna enkäten',
  },

  accessibility: {
    link: 'Tillgänglighetsutlåtande',
    title: 'Tillgänglighetsutlåtande',
    intro:
      'Detta tillgänglighetsutlåtande gäller webbsidorna för kundresponsenkäten som länken i textmeddelandet leder till.',
    law: 'Tjänsten omfattas av lagen om tillhandahållande av digitala tjänster (306/2019).',
    statusHeading: 'Tillgänglighetsstatus',
    status:
      'Enkätsidorna är utformade och testade för att uppfylla tillgänglighetskraven på nivå A och AA i WCAG 2.1. Sidorna fungerar med skärmläsare, med enbart tangentbord, på en smal mobilskärm, förstorade och utan JavaScript. Enkäten finns på finska, svenska och engelska.',
    gaps: 'Vi har inte hittat några brister i tillgängligheten på sidorna.',
    methodHeading: 'Hur tillgängligheten har bedömts',
    method:
      'Tillgängligheten har bedömts av oss själva. Varje ändring testas automatiskt i en riktig webbläsare: med verktyget axe-core, genom att besvara hela enkäten med enbart tangentbord på varje språk, på en 320 pixlar bred skärm och med JavaScript avstängt.',
    dated: (date) => `Utlåtandet har utarbetats ${date}.`,
    feedbackHeading: 'Ge respons om tillgängligheten',
    feedback:
      'Har du hittat en brist i tillgängligheten? Berätta det för oss, så rättar vi till den eller ger dig innehållet i tillgänglig form.',
    feedbackEmailLabel: 'E-post:',
    feedbackNoEmail:
      'Kontakta kundtjänsten eller registratorskontoret hos den organisation som skickade enkäten. Kontaktuppgifterna finns på organisationens webbplats.',
    responseTime: 'Vi svarar på responsen inom 14 dagar.',
    supervisionHeading: 'Tillsynsmyndighet',
    supervision:
      'Om du märker problem med tillgängligheten, ge först respons till oss. Om du inte är nöjd med svaret eller inte får något svar inom två veckor, kan du anmäla saken till tillsynsmyndigheten.',
    authority: 'Transport- och kommunikationsverket Traficom',
    authorityUnit: 'Tillsynen över digital tillgänglighet',
    authorityWebsite: { href: 'https://www.tillganglighetskrav.fi/', text: 'www.tillganglighetskrav.fi' },
    authorityEmailLabel: 'E-post:',
    authorityEmail: 'saavutettavuus@traficom.fi',
    authorityPhone: 'Telefonväxel 029 534 5000',
  },
};
