/** @jsxImportSource hono/jsx */
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AnswerInput } from '../domain/questionSets';
import { messages, negotiateLanguage, requestedLanguage } from '../i18n';
import { configIdSchema, type Language, type Organization } from '../schemas/config';
import type { SurveyRecord } from '../schemas/records';
import {
  claimedVisitOf,
  findSurvey,
  optOutBySurvey,
  type SurveyDeps,
  type SurveyLookup,
  submitSurvey,
  surveyForOptOut,
} from '../services/survey';
import { AccessibilityStatement } from './pages/accessibility';
import { originOf, rejectCrossSitePosts } from './security';
import { SurveyForm } from './survey/form';
import { ACCESSIBILITY_PATH, basePathOf, Page } from './survey/layout';
import { pageCache } from './survey/pageCache';
import {
  BadFormPage,
  ForbiddenPage,
  GonePage,
  type LinkContext,
  linkPageProps,
  NotFoundPage,
  OptedOutPage,
  OptOutConfirmPage,
  ServerErrorPage,
  ThanksPage,
  TooLargePage,
  UnavailablePage,
} from './survey/pages';
import { SURVEY_CSS, SURVEY_CSS_PATH } from './survey/styles';
import { decodeVisitField, encodeVisitField, VISIT_FIELD } from './survey/visitField';

export interface SurveyPagesDeps extends SurveyDeps {
  publicBaseUrl: string;
  /** Where the accessibility statement sends feedback; a generic contact text when left out. */
  accessibilityFeedbackEmail?: string;
}

/** Stands in for the token in a cached empty form: token-shaped, and in no text of any page. */
const TOKEN_STAND_IN = 'tokenStandIn0000000000';
/** Stands in for the form's visit field in a cached empty form: base64url-shaped, in no text of any page. */
const VISIT_STAND_IN = 'visitStandIn0000000000';
/** Distinct empty forms kept (question set versions × languages × organizations × visit dates). */
const EMPTY_FORMS_KEPT = 2_000;
/** Distinct thanks pages kept (languages × organization versions). */
const THANKS_PAGES_KEPT = 500;

/** Largest form body accepted: a 2000-character comment percent-encoded is at most ~24 KB. */
export const MAX_FORM_BYTES = 64 * 1024;

type Element = ReturnType<typeof Page>;

/** Sends a server-rendered page; `c.html` itself adds no doctype. */
export async function renderPage(
  c: Context,
  element: Element,
  status: 200 | 400 | 403 | 404 | 410 | 413 | 500 | 503 = 200,
) {
  return c.html(`<!DOCTYPE html>${await element}`, status);
}

/** The language of a page: `?lang=` first, then the survey's language, then the browser's, then Finnish. */
function pageLanguage(c: Context, survey?: Pick<SurveyRecord, 'language'>): Language {
  return (
    requestedLanguage(c.req.query('lang')) ??
    survey?.language ??
    negotiateLanguage(c.req.header('accept-language')) ??
    'fi'
  );
}

function linkContext(
  c: Context,
  base: string,
  survey?: Pick<SurveyRecord, 'language'>,
  organization?: Organization,
): LinkContext {
  const lang = pageLanguage(c, survey);
  return {
    lang,
    base,
    surveyPath: `${base}/s/${encodeURIComponent(c.req.param('token') ?? '')}`,
    organizationName: organization?.name[lang],
    organizationId: organization?.organizationId,
    privacyNoticeHref: organization?.privacyNoticeUrl?.[lang],
    known: survey !== undefined,
  };
}

/**
 * Form fields as strings; files and repeated names are not part of the survey. Undefined when the
 * body cannot be read at all (e.g. multipart whose boundary does not match its content type).
 */
async function readForm(c: Context): Promise<AnswerInput | undefined> {
  let body: Awaited<ReturnType<typeof c.req.parseBody>>;
  try {
    body = await c.req.parseBody();
  } catch {
    return undefined;
  }
  const input: AnswerInput = Object.create(null);
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string') input[name] = value;
  return input;
}

/**
 * The survey link: `GET/HEAD/POST /s/{token}` and its opt-out pages. Opening a link (GET, HEAD, a
 * link preview) never uses it; only a valid POST does. Cross-site posts are refused with 403.
 */
export function surveyApp(deps: SurveyPagesDeps) {
  const app = new Hono();
  const allowedOrigins = [originOf(deps.publicBaseUrl)].filter((o): o is string => o !== undefined);
  const base = basePathOf(deps.publicBaseUrl);

  app.onError((error, c) => {
    deps.log.error('survey page failed', { method: c.req.method, route: c.req.routePath, error: error.name });
    return renderPage(c, <ServerErrorPage ctx={linkContext(c, base)} />, 500);
  });

  const refuseCrossSite = rejectCrossSitePosts(allowedOrigins, (c) => {
    const ctx = linkContext(c, base);
    return renderPage(c, <ForbiddenPage ctx={ctx} backPath={`${base}${c.req.path}`} />, 403);
  });
  const limitBody = bodyLimit({
    maxSize: MAX_FORM_BYTES,
    onError: (c) => renderPage(c, <TooLargePage ctx={linkContext(c, base)} />, 413),
  });
  for (const path of ['/:token', '/:token/opt-out']) app.use(path, refuseCrossSite, limitBody);

  /** The page of a link that is not open: unknown (404), expired or answered (410), broken configuration (503). */
  const notOpenPage = (c: Context, found: Exclude<SurveyLookup, { status: 'open' }>) => {
    if (found.status === 'not-found') return renderPage(c, <NotFoundPage ctx={linkContext(c, base)} />, 404);
    const ctx = linkContext(c, base, found.survey, found.organization);
    if (found.status === 'gone') return renderPage(c, <GonePage ctx={ctx} why={found.why} />, 410);
    return renderPage(c, <UnavailablePage ctx={ctx} />, 503);
  };

  /** The form's hidden field: the visit it was rendered for, so that the common POST need not read the link. */
  const visitField = (value: string) => <input type="hidden" name={VISIT_FIELD} value={value} />;

  /**
   * The empty form is the same for every link of a question set version, language, organization
   * version and visit date but for the token in its URLs and its visit field: it is rendered once
   * with stand-ins and those put in (both are URL- and HTML-safe as they are: SURVEY_TOKEN_PATTERN,
   * base64url).
   */
  const emptyForms = pageCache(EMPTY_FORMS_KEPT);
  const emptyForm = (c: Context, found: Extract<SurveyLookup, { status: 'open' }>, token: string) => {
    const lang = pageLanguage(c, found.survey);
    const { organization, questionSet, survey } = found;
    const cacheKey = [
      questionSet.id,
      questionSet.version,
      lang,
      organization.organizationId,
      organization.version,
      survey.visitDate,
    ].join('|');
    const render = async () => {
      const ctx = { ...linkContext(c, base, survey, organization), lang };
      ctx.surveyPath = `${base}/s/${TOKEN_STAND_IN}`;
      const element = await (
        <Page {...linkPageProps(ctx)} title={messages(lang).form.heading}>
          <SurveyForm
            lang={lang}
            set={questionSet}
            visitDate={survey.visitDate}
            action={`${ctx.surveyPath}?lang=${lang}`}
            values={{}}
            errors={[]}
            extraFields={visitField(VISIT_STAND_IN)}
          />
        </Page>
      );
      return `<!DOCTYPE html>${element}`;
    };
    return emptyForms(cacheKey, render, {
      [TOKEN_STAND_IN]: token,
      [VISIT_STAND_IN]: encodeVisitField(claimedVisitOf(survey)),
    });
  };

  /** The thanks page depends only on the language and organization version but for the token in its links. */
  const thanksPages = pageCache(THANKS_PAGES_KEPT);
  const thanksPage = (c: Context, language: Language, organization: Organization, token: string) => {
    const ctx = linkContext(c, base, { language }, organization);
    const cacheKey = [ctx.lang, organization.organizationId, organization.version].join('|');
    const render = async () => {
      const element = await (<ThanksPage ctx={{ ...ctx, surveyPath: `${base}/s/${TOKEN_STAND_IN}` }} />);
      return `<!DOCTYPE html>${element}`;
    };
    return thanksPages(cacheKey, render, { [TOKEN_STAND_IN]: token });
  };

  app.get('/:token', async (c) => {
    const token = c.req.param('token');
    const found = await findSurvey(deps, token);
    if (found.status !== 'open') return notOpenPage(c, found);
    return c.html(await emptyForm(c, found, token));
  });

  app.post('/:token', async (c) => {
    const input = await readForm(c);
    if (input === undefined) {
      // Nothing can be stored from an unreadable body; the link stays as it was.
      const found = await findSurvey(deps, c.req.param('token'));
      if (found.status !== 'open') return notOpenPage(c, found);
      const ctx = linkContext(c, base, found.survey, found.organization);
      return renderPage(c, <BadFormPage ctx={ctx} />, 400);
    }
    const token = c.req.param('token');
    const result = await submitSurvey(deps, token, input, decodeVisitField(input[VISIT_FIELD]));
    switch (result.status) {
      case 'invalid': {
        const ctx = linkContext(c, base, result.survey, result.organization);
        return renderPage(
          c,
          <Page {...linkPageProps(ctx)} title={messages(ctx.lang).form.heading} hasErrors>
            <SurveyForm
              lang={ctx.lang}
              set={result.questionSet}
              visitDate={result.survey.visitDate}
              action={`${ctx.surveyPath}?lang=${ctx.lang}`}
              values={input}
              errors={result.errors}
              extraFields={visitField(encodeVisitField(claimedVisitOf(result.survey)))}
            />
          </Page>,
          400,
        );
      }
      case 'stored':
        // Stored means the token matched SURVEY_TOKEN_PATTERN: safe to put into the cached page.
        return c.html(await thanksPage(c, result.visit.language, result.organization, token));
      default:
        return notOpenPage(c, result);
    }
  });

  app.get('/:token/opt-out', async (c) => {
    const found = await surveyForOptOut(deps, c.req.param('token'));
    if (!found) return renderPage(c, <NotFoundPage ctx={linkContext(c, base)} />, 404);
    return renderPage(c, <OptOutConfirmPage ctx={linkContext(c, base, found.survey, found.organization)} />);
  });

  app.post('/:token/opt-out', async (c) => {
    const result = await optOutBySurvey(deps, c.req.param('token'));
    if (result.status === 'not-found') return renderPage(c, <NotFoundPage ctx={linkContext(c, base)} />, 404);
    return renderPage(c, <OptedOutPage ctx={linkContext(c, base, result.survey, result.organization)} />);
  });

  return app;
}

/**
 * The accessibility statement: `GET /accessibility?lang=fi|sv|en&org={organizationId}`. `org` (set by
 * the survey pages) adds that organization's name and privacy notice; an unknown one is ignored.
 */
export function accessibilityApp(
  deps: Pick<SurveyPagesDeps, 'accessibilityFeedbackEmail' | 'publicBaseUrl' | 'config' | 'log'>,
) {
  const base = basePathOf(deps.publicBaseUrl);
  const app = new Hono();
  app.get('/', async (c) => {
    const lang =
      requestedLanguage(c.req.query('lang')) ?? negotiateLanguage(c.req.header('accept-language')) ?? 'fi';
    const org = configIdSchema.safeParse(c.req.query('org'));
    // The statement must be readable even when the organization's privacy notice cannot be read.
    const organization = org.success
      ? await deps.config.getOrganization(org.data).catch((error: Error) => {
          deps.log.warn('accessibility statement shown without its organization', { error: error.name });
          return undefined;
        })
      : undefined;
    return renderPage(
      c,
      <AccessibilityStatement
        lang={lang}
        base={base}
        feedbackEmail={deps.accessibilityFeedbackEmail}
        organization={organization}
      />,
    );
  });
  return app;
}

/** The stylesheet under a content-hashed name, cached for a year. */
export function assetsApp() {
  const app = new Hono();
  app.get(SURVEY_CSS_PATH.replace(/^\/assets/, ''), (c) =>
    c.body(SURVEY_CSS, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
    }),
  );
  return app;
}

/** Mounts everything a client's browser sees: the survey link, the stylesheet, the accessibility statement. */
export function mountPublicPages(app: Hono, deps: SurveyPagesDeps): void {
  app.route('/s', surveyApp(deps));
  app.route('/assets', assetsApp());
  app.route(ACCESSIBILITY_PATH, accessibilityApp(deps));
}
