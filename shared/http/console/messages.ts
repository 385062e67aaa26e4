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
  comingLater: string;
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
}

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
  consoleTitle: 'Hallinta',
  signedInAs: (username) => `Olet kirjautunut käyttäjänä ${username}.`,
  rolesHeading: 'Roolisi',
  comingLater: 'Hallinnan ja raporttien näkymät tulevat tähän myöhemmin.',
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
  consoleTitle: 'Administration',
  signedInAs: (username) => `Du är inloggad som ${username}.`,
  rolesHeading: 'Dina roller',
  comingLater: 'Vyerna för administration och rapporter kommer hit senare.',
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
  consoleTitle: 'Console',
  signedInAs: (username) => `You are signed in as ${username}.`,
  rolesHeading: 'Your roles',
  comingLater: 'The administration and report screens will come here later.',
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
};

const ALL: Record<Language, ConsoleMessages> = { fi, sv, en };
export const consoleMessages = (language: Language): ConsoleMessages => ALL[language];
