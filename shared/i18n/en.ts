import type { Messages } from './types';

export const en: Messages = {
  locale: 'en-GB',
  languageName: 'In English',
  languageSwitchLabel: 'Language',
  siteName: 'Customer feedback',
  documentTitle: (page, site) => `${page} – ${site}`,
  errorDocumentTitle: (title) => `Error: ${title}`,
  footerLabel: 'More information',
  privacyNotice: 'Privacy notice',

  form: {
    heading: 'Tell us about your experience',
    intro: 'Answering takes about a minute. You can answer only the questions you want to.',
    visit: (date) => `This survey is about your visit on ${date}.`,
    anonymity:
      'Your answers are anonymous. They are not linked to you or your phone number, and they do not affect the service you receive.',
    optional: 'All questions are optional.',
    npsEnd: (value, label) => `${value} = ${label}`,
    commentLimit: (max) => `At most ${max} characters.`,
    submit: 'Send answer',
  },

  errors: {
    summaryTitle: 'Please check your answers',
    prefix: 'Error:',
    range: 'Choose one of the options.',
    tooLong: (max) => `The text is too long. Write at most ${max} characters.`,
    empty: 'Answer at least one question before sending.',
    inQuestion: (question, problem) => `${question} ${problem}`,
  },

  thanks: {
    title: 'Thank you for your answer!',
    body: 'Your answer has been saved. Your feedback helps us improve our services.',
    closing: 'You can now close this page.',
  },
  expired: {
    title: 'The time to answer has ended',
    body: 'This survey can no longer be answered because the link has expired. Thank you for your interest.',
  },
  answered: {
    title: 'This survey has already been answered',
    body: 'An answer has already been sent with this link, and another one cannot be sent. Thank you for your feedback!',
  },
  notFound: {
    title: 'Survey not found',
    body: 'Please check that the link is complete and exactly the same as in the text message.',
  },

  optOut: {
    link: 'Do not send me any more surveys',
    title: 'Do not send me any more surveys',
    body: 'If you confirm, no more customer feedback surveys will be sent to your phone number.',
    scope: (organization) => `This covers all services that ${organization} sends surveys about.`,
    reassurance: 'It does not affect your care or the services you receive.',
    confirm: 'Confirm: send no more surveys',
    cancel: 'Back to the survey',
    doneTitle: 'No more surveys will be sent',
    doneBody:
      'No more customer feedback surveys will be sent to your phone number. It does not affect your care or the services you receive.',
  },

  forbidden: {
    title: 'The form could not be sent',
    body: 'The form was sent from another website, so it was not processed. Open the survey from the link in the text message and answer again.',
    back: 'Open the survey',
  },
  tooLarge: {
    title: 'The answer is too long',
    body: 'The data you sent was too large. Please shorten the text and try again.',
  },
  serverError: {
    title: 'Something went wrong',
    body: 'The page could not be shown just now. Please try again in a moment.',
  },
  unavailable: {
    title: 'The survey is not available right now',
    body: 'The survey cannot be shown just now. The fault is on our side and has been logged to be fixed. Please try again later.',
  },
  badForm: {
    title: 'Your answer could not be read',
    body: 'The form data arrived incomplete, so your answer was not saved. Open the survey and answer again.',
    back: 'Open the survey',
  },

  accessibility: {
    link: 'Accessibility statement',
    title: 'Accessibility statement',
    intro:
      'This accessibility statement covers the web pages of the customer feedback survey that the link in the text message leads to.',
    law: 'The service is covered by the Act on the Provision of Digital Services (306/2019).',
    statusHeading: 'Compliance status',
    status:
      'The survey pages are designed and tested to meet the level A and AA accessibility requirements of WCAG 2.1. They work with screen readers, with a keyboard only, on a narrow phone screen, when zoomed and without JavaScript. The survey is available in Finnish, Swedish and English.',
    gaps: 'We have not found any accessibility shortcomings on these pages.',
    methodHeading: 'How accessibility was assessed',
    method:
      'Accessibility has been self-assessed. Every change is tested automatically in a real browser: with the axe-core tool, by answering the whole survey with a keyboard only in each language, on a screen 320 pixels wide, and with JavaScript turned off.',
    dated: (date) => `This statement was prepared on ${date}.`,
    feedbackHeading: 'Feedback on accessibility',
    feedback:
      'Did you notice an accessibility problem? Tell us, and we will fix it or provide the content to you in an accessible form.',
    feedbackEmailLabel: 'Email:',
    feedbackNoEmail:
      'Contact the customer service or registry office of the organization that sent you the survey. Its contact details are on its website.',
    responseTime: 'We reply to feedback within 14 days.',
    supervisionHeading: 'Supervisory authority',
    supervision:
      'If you notice accessibility problems on these pages, first give feedback to us. If you are not satisfied with our reply, or you get no reply within two weeks, you can report it to the supervisory authority.',
    authority: 'Finnish Transport and Communications Agency Traficom',
    authorityUnit: 'Digital Accessibility Supervision',
    authorityWebsite: { href: 'https://www.webaccessibility.fi/', text: 'www.webaccessibility.fi' },
    authorityEmailLabel: 'Email:',
    authorityEmail: 'saavutettavuus@traficom.fi',
    authorityPhone: 'Switchboard +358 29 534 5000',
  },
};
