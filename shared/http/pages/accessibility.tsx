/** @jsxImportSource hono/jsx */
import { ACCESSIBILITY_STATEMENT_DATE, formatDate, messages } from '../../i18n';
import type { Language, Organization } from '../../schemas/config';
import { accessibilityHref, Page } from '../survey/layout';

/**
 * The accessibility statement (saavutettavuusseloste) that the Act on the Provision of Digital
 * Services (306/2019) requires: status, how it was assessed, a feedback route, the supervisory
 * authority (Traficom).
 */
export function AccessibilityStatement(props: {
  lang: Language;
  base: string;
  feedbackEmail?: string;
  /** The organization of the survey page that linked here (`?org=`), when known. */
  organization?: Organization;
}) {
  const { lang, base, organization } = props;
  const a = messages(lang).accessibility;
  return (
    <Page
      lang={lang}
      base={base}
      title={a.title}
      organizationName={organization?.name[lang]}
      organizationId={organization?.organizationId}
      privacyNoticeHref={organization?.privacyNoticeUrl?.[lang]}
      switchHref={(l) => accessibilityHref(base, l, organization?.organizationId)}
    >
      <h1>{a.title}</h1>
      <p class="lead">{a.intro}</p>
      <p>{a.law}</p>

      <h2>{a.statusHeading}</h2>
      <p>{a.status}</p>
      <p>{a.gaps}</p>

      <h2>{a.methodHeading}</h2>
      <p>{a.method}</p>
      <p>{a.dated(formatDate(lang, ACCESSIBILITY_STATEMENT_DATE))}</p>

      <h2>{a.feedbackHeading}</h2>
      <p>{a.feedback}</p>
      {props.feedbackEmail ? (
        <p>
          {a.feedbackEmailLabel} <a href={`mailto:${props.feedbackEmail}`}>{props.feedbackEmail}</a>
        </p>
      ) : (
        <p>{a.feedbackNoEmail}</p>
      )}
      <p>{a.responseTime}</p>

      <h2>{a.supervisionHeading}</h2>
      <p>{a.supervision}</p>
      <ul class="contact">
        <li>{a.authority}</li>
        <li>{a.authorityUnit}</li>
        <li>
          <a href={a.authorityWebsite.href}>{a.authorityWebsite.text}</a>
        </li>
        <li>
          {a.authorityEmailLabel} <a href={`mailto:${a.authorityEmail}`}>{a.authorityEmail}</a>
        </li>
        <li>{a.authorityPhone}</li>
      </ul>
    </Page>
  );
}
