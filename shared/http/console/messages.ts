import type { RoleGrant } from '../../identity/roles';
import type { Language } from '../../schemas/config';

/** The console's own texts in fi, sv and en (the survey's texts stay in shared/i18n). */
export interface ConsoleMessages {
  signInTitle: string;
  signInLead: string;
  username: string;
  password: string;
  signIn: string;
  errorSummary: string;
  usernameMissing: string;
  passwordMissing: string;
  wrongCredentials: string;
  consoleTitle: string;
  signedInAs: (username: string) => string;
  rolesHeading: string;
  consoleReports: string;
  homeLead: string;
  signOut: string;
  badRequestTitle: string;
  badRequest: string;
  forbiddenTitle: string;
  forbidden: string;
  backToSignIn: string;
  consoleNavLabel: string;
  consoleHome: string;
  consoleAdmin: string;
  notFoundTitle: string;
  notFound: string;
  role: (grant: RoleGrant) => string;
  providerLead: string;
  localAccountHeading: string;
  signInFailedTitle: string;
  signInFailed: Record<SignInProblem, string>;
  noAccessTitle: string;
  startAgain: string;
}

/** Why a sign-in at the identity provider did not let the person in (see `SignInFailure`). */
export type SignInProblem =
  | 'cancelled'
  | 'stale'
  | 'refused'
  | 'invalidToken'
  | 'unavailable'
  | 'tooManyGroups'
  | 'noAccess';

const scope = (grant: RoleGrant, areas: string, units: string): string => {
  if (grant.role === 'platform-admin') return '';
  const parts = [grant.organizationId];
  if ('areaIds' in grant && grant.areaIds) parts.push(`${areas} ${grant.areaIds.join(', ')}`);
  if ('unitIds' in grant && grant.unitIds) parts.push(`${units} ${grant.unitIds.join(', ')}`);
  return `: ${parts.join('; ')}`;
};

const fi: ConsoleMessages = {
  signInTitle: 'Kirjaudu sisään',
  signInLead: 'Palautteen hallinta ja raportit ovat organisaation henkilöstölle.',
  username: 'Käyttäjätunnus',
  password: 'Salasana',
  signIn: 'Kirjaudu',
  errorSummary: 'Kirjautuminen ei onnistunut',
  usernameMissing: 'Kirjoita käyttäjätunnus.',
  passwordMissing: 'Kirjoita salasana.',
  wrongCredentials: 'Käyttäjätunnus tai salasana on väärin.',
  consoleTitle: 'Oma etusivu',
  signedInAs: (username) => `Olet kirjautunut käyttäjänä ${username}.`,
  rolesHeading: 'Roolisi',
  consoleReports: 'Raportit',
  homeLead:
    'Raporteista näet yksiköiden palautteen. Hallinnassa muutat asetuksia, jos sinulla on siihen oikeus.',
  signOut: 'Kirjaudu ulos',
  badRequestTitle: 'Pyyntöä ei voitu käsitellä',
  badRequest: 'Lomakkeen tiedot eivät tulleet perille oikein. Yritä uudelleen.',
  forbiddenTitle: 'Lomake on vanhentunut',
  forbidden: 'Lomaketta ei voitu hyväksyä turvallisuussyistä. Avaa sivu uudelleen ja yritä uudelleen.',
  backToSignIn: 'Takaisin kirjautumiseen',
  consoleNavLabel: 'Hallinnan valikko',
  consoleHome: 'Etusivu',
  consoleAdmin: 'Hallinta',
  notFoundTitle: 'Sivua ei löydy',
  notFound: 'Sivua ei löydy, tai sinulla ei ole oikeutta siihen.',
  role: (grant) =>
    ({
      'platform-admin': 'Alustan ylläpitäjä',
      'org-admin': 'Organisaation ylläpitäjä',
      'area-manager': 'Alueen esihenkilö',
      'unit-manager': 'Yksikön esihenkilö',
      viewer: 'Raporttien katselija',
    })[grant.role] + scope(grant, 'alueet', 'yksiköt'),
  providerLead: 'Kirjaudu organisaatiosi tunnuksella.',
  localAccountHeading: 'Paikallinen tunnus',
  signInFailedTitle: 'Kirjautuminen ei onnistunut',
  signInFailed: {
    cancelled: 'Kirjautuminen peruttiin, tai organisaatiosi kirjautumispalvelu ei sallinut sitä.',
    stale: 'Kirjautuminen vanhentui tai aloitettiin toisessa ikkunassa. Aloita alusta.',
    refused: 'Kirjautumispalvelu ei vahvistanut kirjautumista. Aloita alusta.',
    invalidToken:
      'Kirjautumista ei voitu varmistaa, joten sinua ei kirjattu sisään. Aloita alusta; jos tämä toistuu, ota yhteyttä ylläpitoon.',
    unavailable: 'Kirjautumispalveluun ei saada juuri nyt yhteyttä. Yritä hetken kuluttua uudelleen.',
    tooManyGroups: 'Tunnuksellasi on enemmän ryhmiä kuin istuntoon mahtuu. Ota yhteyttä ylläpitoon.',
    noAccess:
      'Kirjauduit sisään, mutta tunnuksellasi ei ole roolia palautteen hallinnassa. Pyydä ylläpitoa lisäämään sinut ryhmään.',
  },
  noAccessTitle: 'Ei käyttöoikeutta',
  startAgain: 'Aloita kirjautuminen alusta',
};

const sv: ConsoleMessages = {
  signInTitle: 'Logga in',
  signInLead: 'Administrationen och rapporterna av responsen är för organisationens personal.',
  username: 'Användarnamn',
  password: 'Lösenord',
  signIn: 'Logga in',
  errorSummary: 'Inloggningen lyckades inte',
  usernameMissing: 'Skriv ditt användarnamn.',
  passwordMissing: 'Skriv ditt lösenord.',
  wrongCredentials: 'Användarnamnet eller lösenordet är fel.',
  consoleTitle: 'Min startsida',
  signedInAs: (username) => `Du är inloggad som ${username}.`,
  rolesHeading: 'Dina roller',
  consoleReports: 'Rapporter',
  homeLead:
    'I rapporterna ser du enheternas respons. I administrationen ändrar du inställningar, om du har rätt till det.',
  signOut: 'Logga ut',
  badRequestTitle: 'Begäran kunde inte behandlas',
  badRequest: 'Formulärets uppgifter kom inte fram korrekt. Försök igen.',
  forbiddenTitle: 'Formuläret har gått ut',
  forbidden: 'Formuläret kunde inte godkännas av säkerhetsskäl. Öppna sidan på nytt och försök igen.',
  backToSignIn: 'Tillbaka till inloggningen',
  consoleNavLabel: 'Administrationens meny',
  consoleHome: 'Startsida',
  consoleAdmin: 'Administration',
  notFoundTitle: 'Sidan hittades inte',
  notFound: 'Sidan finns inte, eller så har du inte rätt att se den.',
  role: (grant) =>
    ({
      'platform-admin': 'Plattformens administratör',
      'org-admin': 'Organisationens administratör',
      'area-manager': 'Områdeschef',
      'unit-manager': 'Enhetschef',
      viewer: 'Rapportläsare',
    })[grant.role] + scope(grant, 'områden', 'enheter'),
  providerLead: 'Logga in med din organisations konto.',
  localAccountHeading: 'Lokalt konto',
  signInFailedTitle: 'Inloggningen lyckades inte',
  signInFailed: {
    cancelled: 'Inloggningen avbröts, eller så tillät din organisations inloggningstjänst den inte.',
    stale: 'Inloggningen gick ut eller påbörjades i ett annat fönster. Börja om.',
    refused: 'Inloggningstjänsten bekräftade inte inloggningen. Börja om.',
    invalidToken:
      'Inloggningen kunde inte verifieras, så du loggades inte in. Börja om; om detta upprepas, kontakta administratören.',
    unavailable: 'Inloggningstjänsten kan inte nås just nu. Försök igen om en stund.',
    tooManyGroups: 'Ditt konto har fler grupper än vad som ryms i en session. Kontakta administratören.',
    noAccess:
      'Du loggade in, men ditt konto har ingen roll i responsadministrationen. Be administratören lägga till dig i en grupp.',
  },
  noAccessTitle: 'Ingen åtkomst',
  startAgain: 'Börja om inloggningen',
};

const en: ConsoleMessages = {
  signInTitle: 'Sign in',
  signInLead: "The feedback administration and reports are for the organization's staff.",
  username: 'Username',
  password: 'Password',
  signIn: 'Sign in',
  errorSummary: 'Signing in did not succeed',
  usernameMissing: 'Enter your username.',
  passwordMissing: 'Enter your password.',
  wrongCredentials: 'The username or password is incorrect.',
  consoleTitle: 'Your start page',
  signedInAs: (username) => `You are signed in as ${username}.`,
  rolesHeading: 'Your roles',
  consoleReports: 'Reports',
  homeLead: 'Reports show the feedback of units. Administration changes settings, if you have the right to.',
  signOut: 'Sign out',
  badRequestTitle: 'The request could not be handled',
  badRequest: 'The form did not arrive correctly. Please try again.',
  forbiddenTitle: 'The form has expired',
  forbidden: 'The form could not be accepted for security reasons. Open the page again and retry.',
  backToSignIn: 'Back to sign-in',
  consoleNavLabel: 'Console menu',
  consoleHome: 'Home',
  consoleAdmin: 'Administration',
  notFoundTitle: 'Page not found',
  notFound: 'The page does not exist, or you have no access to it.',
  role: (grant) =>
    ({
      'platform-admin': 'Platform admin',
      'org-admin': 'Organization admin',
      'area-manager': 'Area manager',
      'unit-manager': 'Unit manager',
      viewer: 'Report viewer',
    })[grant.role] + scope(grant, 'areas', 'units'),
  providerLead: "Sign in with your organization's account.",
  localAccountHeading: 'Local account',
  signInFailedTitle: 'Signing in did not succeed',
  signInFailed: {
    cancelled: "Signing in was cancelled, or your organization's sign-in service did not allow it.",
    stale: 'The sign-in expired or was started in another window. Please start again.',
    refused: 'The sign-in service did not confirm the sign-in. Please start again.',
    invalidToken:
      'The sign-in could not be verified, so you were not signed in. Please start again; if this repeats, contact your administrator.',
    unavailable: 'The sign-in service cannot be reached right now. Please try again in a moment.',
    tooManyGroups: 'Your account has more groups than a session can hold. Please contact your administrator.',
    noAccess:
      'You signed in, but your account has no role in the feedback console. Ask your administrator to add you to a group.',
  },
  noAccessTitle: 'No access',
  startAgain: 'Start signing in again',
};

const ALL: Record<Language, ConsoleMessages> = { fi, sv, en };
export const consoleMessages = (language: Language): ConsoleMessages => ALL[language];
