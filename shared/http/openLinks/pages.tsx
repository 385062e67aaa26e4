/** @jsxImportSource hono/jsx */
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { FORM_STAMP_FIELD, HONEYPOT_FIELD } from '../../domain/openLinks';
import type { AnswerError, AnswerInput, QuestionSet } from '../../domain/questionSets';
import { messages, negotiateLanguage, requestedLanguage } from '../../i18n';
import type { Language, Organization, Unit } from '../../schemas/config';
import type { OpenLink } from '../../schemas/openLinks';
import {
  findOpenLink,
  type OpenLinkDeps,
  type OpenLinkLookup,
  stampForm,
  submitOpenLinkAnswer,
} from '../../services/openLinks';
import { originOf, rejectCrossSitePosts } from '../security';
import { MAX_FORM_BYTES, renderPage } from '../survey';
import { SurveyForm } from '../survey/form';
import { basePathOf, MessagePage, Page, withLang } from '../survey/layout';
import {
  BadFormPage,
  ForbiddenPage,
  type LinkContext,
  linkPageProps,
  NotFoundPage,
  ServerErrorPage,
  ThanksPage,
  TooLargePage,
  UnavailablePage,
} from '../survey/pages';
import { clientAddressOf } from './clientAddress';
import { OPEN_LINK_TEXTS } from './texts';

/** How a kiosk starts over without script: see docs/survey.md. */
export interface KioskTiming {
  /** An unsent form empties itself after this long (long enough to answer). */
  idleSeconds: number;
  /** The same when the person asked for more time (WCAG 2.2.1: at least ten times the default). */
  extendedIdleSeconds: number;
  /** The thank-you page returns to a fresh form after this long. */
  thanksSeconds: number;
}

export const DEFAULT_KIOSK_TIMING: KioskTiming = {
  idleSeconds: 180,
  extendedIdleSeconds: 1800,
  thanksSeconds: 10,
};

export interface OpenLinkPagesDeps extends OpenLinkDeps {
  publicBaseUrl: string;
  kiosk: KioskTiming;
}

/** `/f/`: the form on a phone or computer (QR poster, web link). `/k/`: the same on a unit's shared tablet. */
type Mode = 'f' | 'k';

const pageLanguage = (c: Context): Language =>
  requestedLanguage(c.req.query('lang')) ?? negotiateLanguage(c.req.header('accept-language')) ?? 'fi';

/** Form fields as strings; files and repeated names are not part of the survey. Undefined when unreadable. */
async function readForm(c: Context): Promise<AnswerInput | undefined> {
  try {
    const body = await c.req.parseBody();
    const input: AnswerInput = Object.create(null);
    for (const [name, value] of Object.entries(body)) if (typeof value === 'string') input[name] = value;
    return input;
  } catch {
    return undefined;
  }
}

/** The abuse protection's fields: a honeypot no person sees or reaches, and the signed time the form was served. */
function GuardFields(props: { lang: Language; stamp: string }) {
  return (
    <>
      <div class="vh" aria-hidden="true">
        <label for={`hp-${HONEYPOT_FIELD}`}>{OPEN_LINK_TEXTS[props.lang].honeypotLabel}</label>
        <input
          type="text"
          id={`hp-${HONEYPOT_FIELD}`}
          name={HONEYPOT_FIELD}
          value=""
          tabindex={-1}
          autocomplete="off"
        />
      </div>
      <input type="hidden" name={FORM_STAMP_FIELD} value={props.stamp} />
    </>
  );
}

/** The open-link pages: `GET|POST /f/{openLinkId}`, `GET|POST /k/{openLinkId}` and their thank-you pages. */
export function openLinkPages(deps: OpenLinkPagesDeps) {
  const app = new Hono();
  const base = basePathOf(deps.publicBaseUrl);
  const allowedOrigins = [originOf(deps.publicBaseUrl)].filter((o): o is string => o !== undefined);

  const linkPath = (mode: Mode, c: Context) =>
    `${base}/${mode}/${encodeURIComponent(c.req.param('id') ?? '')}`;
  const context = (c: Context, mode: Mode, organization?: Organization): LinkContext => {
    const lang = pageLanguage(c);
    return {
      lang,
      base,
      surveyPath: linkPath(mode, c),
      organizationName: organization?.name[lang],
      organizationId: organization?.organizationId,
      privacyNoticeHref: organization?.privacyNoticeUrl?.[lang],
      // Nothing to opt out of: an open link knows no phone number.
      known: false,
    };
  };

  app.onError((error, c) => {
    deps.log.error('open link page failed', {
      method: c.req.method,
      route: c.req.routePath,
      error: error.name,
    });
    return renderPage(c, <ServerErrorPage ctx={context(c, 'f')} />, 500);
  });

  const notOpenPage = (c: Context, mode: Mode, found: Exclude<OpenLinkLookup, { status: 'open' }>) => {
    if (found.status === 'not-found') return renderPage(c, <NotFoundPage ctx={context(c, mode)} />, 404);
    const ctx = context(c, mode, found.organization);
    if (found.status === 'unavailable') return renderPage(c, <UnavailablePage ctx={ctx} />, 503);
    const texts = OPEN_LINK_TEXTS[ctx.lang];
    return renderPage(
      c,
      <MessagePage {...linkPageProps(ctx)} heading={texts.closedTitle} paragraphs={[texts.closedBody]} />,
      410,
    );
  };

  const formPage = (
    c: Context,
    mode: Mode,
    open: { link: OpenLink; organization: Organization; unit: Unit; questionSet: QuestionSet },
    form: { stamp: string; values: AnswerInput; errors: AnswerError[] },
  ) => {
    const ctx = context(c, mode, open.organization);
    const texts = OPEN_LINK_TEXTS[ctx.lang];
    const extended = mode === 'k' && c.req.query('time') === 'long';
    const idleSeconds = extended ? deps.kiosk.extendedIdleSeconds : deps.kiosk.idleSeconds;
    const fresh = withLang(ctx.surveyPath, ctx.lang);
    return renderPage(
      c,
      <Page
        {...linkPageProps(ctx)}
        title={messages(ctx.lang).form.heading}
        hasErrors={form.errors.length > 0}
        refresh={mode === 'k' ? { seconds: idleSeconds, url: fresh } : undefined}
      >
        <SurveyForm
          lang={ctx.lang}
          set={open.questionSet}
          visitDate={open.link.createdAt.slice(0, 10)}
          lead={texts.lead(open.unit.name[ctx.lang] ?? open.unit.name.fi)}
          action={fresh}
          values={form.values}
          errors={form.errors}
          autocomplete={mode === 'k' ? 'off' : undefined}
          extraFields={
            <>
              {mode === 'k' && (
                <p class="note">
                  {texts.kioskIdleNotice(Math.round(idleSeconds / 60))}{' '}
                  {!extended && (
                    <a href={`${fresh}&time=long`}>
                      {texts.kioskMoreTime(Math.round(deps.kiosk.extendedIdleSeconds / 60))}
                    </a>
                  )}
                </p>
              )}
              <GuardFields lang={ctx.lang} stamp={form.stamp} />
            </>
          }
        />
      </Page>,
      form.errors.length > 0 ? 400 : 200,
    );
  };

  for (const mode of ['f', 'k'] as const) {
    const refuseCrossSite = rejectCrossSitePosts(allowedOrigins, (c) => {
      const ctx = context(c, mode);
      return renderPage(c, <ForbiddenPage ctx={ctx} backPath={linkPath(mode, c)} />, 403);
    });
    const limitBody = bodyLimit({
      maxSize: MAX_FORM_BYTES,
      onError: (c) => renderPage(c, <TooLargePage ctx={context(c, mode)} />, 413),
    });
    app.use(`/${mode}/:id`, refuseCrossSite, limitBody);

    app.get(`/${mode}/:id`, async (c) => {
      const found = await findOpenLink(deps, c.req.param('id') ?? '');
      if (found.status !== 'open') return notOpenPage(c, mode, found);
      return formPage(c, mode, found, { stamp: await stampForm(deps, found.link), values: {}, errors: [] });
    });

    app.post(`/${mode}/:id`, async (c) => {
      const input = await readForm(c);
      if (input === undefined) {
        const found = await findOpenLink(deps, c.req.param('id') ?? '');
        if (found.status !== 'open') return notOpenPage(c, mode, found);
        return renderPage(c, <BadFormPage ctx={context(c, mode, found.organization)} />, 400);
      }
      const result = await submitOpenLinkAnswer(deps, {
        openLinkId: c.req.param('id') ?? '',
        input,
        language: pageLanguage(c),
        clientAddress: clientAddressOf(c),
      });
      switch (result.status) {
        case 'invalid': {
          // Only a person's own mistakes come back; the stamp was checked, so it is kept.
          const values = { ...input, [HONEYPOT_FIELD]: '' };
          return formPage(c, mode, result, {
            stamp: input[FORM_STAMP_FIELD] ?? '',
            values,
            errors: result.errors,
          });
        }
        case 'stored':
        case 'rejected':
          // The same thanks either way; the redirect (303) means Back and reload can never post again.
          return c.redirect(withLang(`${linkPath(mode, c)}/thanks`, pageLanguage(c)), 303);
        default:
          return notOpenPage(c, mode, result);
      }
    });

    app.get(`/${mode}/:id/thanks`, async (c) => {
      const found = await findOpenLink(deps, c.req.param('id') ?? '');
      if (found.status === 'not-found') return notOpenPage(c, mode, found);
      const ctx = context(c, mode, found.organization);
      if (mode === 'f') return renderPage(c, <ThanksPage ctx={ctx} />);
      const t = messages(ctx.lang).thanks;
      const texts = OPEN_LINK_TEXTS[ctx.lang];
      const fresh = withLang(ctx.surveyPath, ctx.lang);
      return renderPage(
        c,
        <MessagePage
          {...linkPageProps(ctx)}
          heading={t.title}
          paragraphs={[texts.kioskThanksBody]}
          refresh={{ seconds: deps.kiosk.thanksSeconds, url: fresh }}
        >
          <p>
            <a href={fresh}>{texts.kioskNewAnswer}</a>
          </p>
        </MessagePage>,
      );
    });
  }
  return app;
}
