import type { Language } from '../../schemas/config';

/** The texts of open-link pages and posters that the survey's own catalogue does not have. */
export interface OpenLinkTexts {
  /** The lead of an open form, naming the unit. */
  lead: (unit: string) => string;
  /** Read by nobody: the honeypot field's label, in case a screen reader still meets it. */
  honeypotLabel: string;
  closedTitle: string;
  closedBody: string;
  kioskIdleNotice: (minutes: number) => string;
  kioskMoreTime: (minutes: number) => string;
  kioskThanksBody: string;
  kioskNewAnswer: string;
  posterTitle: string;
  posterInvitation: string;
  posterScan: string;
}

export const OPEN_LINK_TEXTS: Record<Language, OpenLinkTexts> = {
  fi: {
    lead: (unit) => `Kysely koskee palvelua: ${unit}.`,
    honeypotLabel: 'Jätä tämä kenttä tyhjäksi',
    closedTitle: 'Kysely on suljettu',
    closedBody: 'Tähän kyselyyn ei voi enää vastata. Kiitos kiinnostuksestasi.',
    kioskIdleNotice: (minutes) =>
      `Yksityisyytesi vuoksi lomake tyhjenee, jos sitä ei lähetetä ${minutes} minuutin kuluessa.`,
    kioskMoreTime: (minutes) => `Tarvitsen enemmän aikaa (${minutes} minuuttia)`,
    kioskThanksBody:
      'Vastauksesi on tallennettu. Lomake tyhjenee hetken kuluttua seuraavaa vastaajaa varten.',
    kioskNewAnswer: 'Aloita uusi vastaus nyt',
    posterTitle: 'Kerro kokemuksestasi',
    posterInvitation: 'Vastaa nimettömästi, se vie minuutin.',
    posterScan: 'Lue QR-koodi puhelimen kameralla tai avaa osoite:',
  },
  sv: {
    lead: (unit) => `Enkäten gäller tjänsten: ${unit}.`,
    honeypotLabel: 'Lämna det här fältet tomt',
    closedTitle: 'Enkäten är stängd',
    closedBody: 'Det går inte längre att svara på den här enkäten. Tack för ditt intresse.',
    kioskIdleNotice: (minutes) =>
      `För din integritets skull töms formuläret om det inte skickas inom ${minutes} minuter.`,
    kioskMoreTime: (minutes) => `Jag behöver mer tid (${minutes} minuter)`,
    kioskThanksBody: 'Ditt svar har sparats. Formuläret töms strax för nästa person som svarar.',
    kioskNewAnswer: 'Börja ett nytt svar nu',
    posterTitle: 'Berätta om din upplevelse',
    posterInvitation: 'Svara anonymt, det tar en minut.',
    posterScan: 'Läs QR-koden med telefonens kamera eller öppna adressen:',
  },
  en: {
    lead: (unit) => `The survey is about the service: ${unit}.`,
    honeypotLabel: 'Leave this field empty',
    closedTitle: 'The survey is closed',
    closedBody: 'This survey can no longer be answered. Thank you for your interest.',
    kioskIdleNotice: (minutes) =>
      `For your privacy, the form empties itself if it is not sent within ${minutes} minutes.`,
    kioskMoreTime: (minutes) => `I need more time (${minutes} minutes)`,
    kioskThanksBody: 'Your answer has been saved. The form empties itself shortly for the next person.',
    kioskNewAnswer: 'Start a new answer now',
    posterTitle: 'Tell us about your experience',
    posterInvitation: 'Answer anonymously, it takes a minute.',
    posterScan: 'Scan the QR code with your phone camera or open the address:',
  },
};
