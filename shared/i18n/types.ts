/**
 * Every text of the survey pages apart from the question set's own wording (questions, scale labels,
 * hints: see shared/domain/questionSets.ts). One catalogue per language, each checked against this
 * type, so a missing translation is a compile error. Templates take all visible text from here.
 */
export interface Messages {
  /** BCP 47 locale for dates and numbers. */
  locale: string;
  /** The language's own name, used in the language switch (always shown in that language). */
  languageName: string;
  languageSwitchLabel: string;
  siteName: string;
  documentTitle: (page: string, site: string) => string;
  /** Prefixed to the document title when the page shows errors, so screen readers hear it first. */
  errorDocumentTitle: (title: string) => string;
  footerLabel: string;
  /** The footer link to the organization's privacy notice (tietosuojaseloste), where it has one. */
  privacyNotice: string;

  form: {
    heading: string;
    intro: string;
    visit: (date: string) => string;
    anonymity: string;
    optional: string;
    npsEnd: (value: number, label: string) => string;
    commentLimit: (max: number) => string;
    submit: string;
  };

  errors: {
    summaryTitle: string;
    /** Read before a field's own error text (visually hidden). */
    prefix: string;
    range: string;
    tooLong: (max: number) => string;
    empty: string;
    inQuestion: (question: string, problem: string) => string;
  };

  thanks: { title: string; body: string; closing: string };
  expired: { title: string; body: string };
  answered: { title: string; body: string };
  notFound: { title: string; body: string };

  optOut: {
    link: string;
    title: string;
    body: string;
    /** Which services the opt-out covers: all of the organization that sent the survey. */
    scope: (organization: string) => string;
    reassurance: string;
    confirm: string;
    cancel: string;
    doneTitle: string;
    doneBody: string;
  };

  forbidden: { title: string; body: string; back: string };
  tooLarge: { title: string; body: string };
  serverError: { title: string; body: string };
  /** The survey's configuration is broken (e.g. an unknown question set): nothing the client can fix. */
  unavailable: { title: string; body: string };
  /** A posted form that could not be read at all (a malformed body): nothing was stored. */
  badForm: { title: string; body: string; back: string };

  accessibility: {
    link: string;
    title: string;
    intro: string;
    law: string;
    statusHeading: string;
    status: string;
    gaps: string;
    methodHeading: string;
    method: string;
    dated: (date: string) => string;
    feedbackHeading: string;
    feedback: string;
    feedbackEmailLabel: string;
    feedbackNoEmail: string;
    responseTime: string;
    supervisionHeading: string;
    supervision: string;
    authority: string;
    authorityUnit: string;
    authorityWebsite: { href: string; text: string };
    authorityEmailLabel: string;
    authorityEmail: string;
    authorityPhone: string;
  };
}
