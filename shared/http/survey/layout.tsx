/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { messages } from '../../i18n';
import { LANGUAGES, type Language } from '../../schemas/config';
import { SURVEY_CSS_PATH } from './styles';

export const ACCESSIBILITY_PATH = '/accessibility';

/**
 * The path prefix of `PUBLIC_BASE_URL` (e.g. `/prod` for an API Gateway stage URL), without a
 * trailing slash: the app routes without it, but links in pages must carry it.
 */
export function basePathOf(publicBaseUrl: string): string {
  try {
    return new URL(publicBaseUrl).pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

/** A same-origin link with the page language in `?lang=`. */
export const withLang = (path: string, language: Language): string =>
  `${path}?lang=${encodeURIComponent(language)}`;

/**
 * The accessibility statement in the language; with the organization's id (never a token) when the
 * page knows it, so that the statement can link to that organization's privacy notice.
 */
export const accessibilityHref = (base: string, language: Language, organizationId?: string): string =>
  withLang(`${base}${ACCESSIBILITY_PATH}`, language) +
  (organizationId === undefined ? '' : `&org=${encodeURIComponent(organizationId)}`);

export interface PageProps {
  lang: Language;
  /** Path prefix of every link (see `basePathOf`); empty when the site is at the root. */
  base: string;
  title: string;
  /** Prefixes the document title with "Error:" so that screen readers hear it first. */
  hasErrors?: boolean;
  organizationName?: string;
  /** The organization whose page this is: the accessibility link carries it. */
  organizationId?: string;
  /** The organization's privacy notice in the page's language, linked from the footer. */
  privacyNoticeHref?: string;
  /** Where the language switch leads: the same page in the other language. */
  switchHref: (language: Language) => string;
  /** The opt-out link in the footer, on pages of a known survey. */
  optOutHref?: string;
  /** More stylesheets after the common one (the console's), and a class on `body` for them. */
  stylesheets?: string[];
  bodyClass?: string;
  /** Loads `url` after `seconds` without script (kiosk pages start over on their own). */
  refresh?: { seconds: number; url: string };
  children: Child;
}

/** The frame of every public page: language switch, one `main`, footer with the statement link. */
export function Page(props: PageProps) {
  const t = messages(props.lang);
  const title = t.documentTitle(props.title, props.organizationName ?? t.siteName);
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content="no-referrer" />
        {props.refresh && (
          <meta http-equiv="refresh" content={`${props.refresh.seconds};url=${props.refresh.url}`} />
        )}
        <title>{props.hasErrors ? t.errorDocumentTitle(title) : title}</title>
        <link rel="stylesheet" href={`${props.base}${SURVEY_CSS_PATH}`} />
        {props.stylesheets?.map((href) => (
          <link rel="stylesheet" href={`${props.base}${href}`} />
        ))}
      </head>
      <body class={props.bodyClass}>
        <header class="site-header">
          <div class="wrap">
            <p class="org">{props.organizationName ?? t.siteName}</p>
            <nav aria-label={t.languageSwitchLabel}>
              <ul class="links">
                {LANGUAGES.filter((l) => l !== props.lang).map((l) => (
                  <li>
                    <a href={props.switchHref(l)} lang={l} hreflang={l}>
                      {messages(l).languageName}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main class="wrap">{props.children}</main>
        <footer class="site-footer">
          <nav class="wrap" aria-label={t.footerLabel}>
            <ul class="links">
              {props.optOutHref && (
                <li>
                  <a href={props.optOutHref}>{t.optOut.link}</a>
                </li>
              )}
              {props.privacyNoticeHref && (
                <li>
                  <a href={props.privacyNoticeHref}>{t.privacyNotice}</a>
                </li>
              )}
              <li>
                <a href={accessibilityHref(props.base, props.lang, props.organizationId)}>
                  {t.accessibility.link}
                </a>
              </li>
            </ul>
          </nav>
        </footer>
      </body>
    </html>
  );
}

/** A page that says one thing: thanks, expired, not found, and the like. */
export function MessagePage(
  props: Omit<PageProps, 'children' | 'title'> & {
    heading: string;
    paragraphs: string[];
    children?: Child;
  },
) {
  const { heading, paragraphs, children, ...page } = props;
  return (
    <Page {...page} title={heading}>
      <div class="panel">
        <h1>{heading}</h1>
        {paragraphs.map((p) => (
          <p>{p}</p>
        ))}
        {children}
      </div>
    </Page>
  );
}
