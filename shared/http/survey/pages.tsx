/** @jsxImportSource hono/jsx */
import { messages } from '../../i18n';
import type { Language } from '../../schemas/config';
import { MessagePage, type PageProps, withLang } from './layout';

/** What every page of one survey link shares: its language, organization and links. */
export interface LinkContext {
  lang: Language;
  /** Path prefix of every link (see `basePathOf`). */
  base: string;
  /** `{base}/s/{token}`, the token URL-encoded. */
  surveyPath: string;
  organizationName?: string;
  /** The organization's id, when the link's organization is known (for the accessibility link). */
  organizationId?: string;
  /** The organization's privacy notice in the page's language, when it has one. */
  privacyNoticeHref?: string;
  /** Whether the link belongs to a real survey: then the footer offers the opt-out. */
  known: boolean;
}

export const optOutPath = (surveyPath: string) => `${surveyPath}/opt-out`;

/** Page props for a page of the link: the language switch leads to `path` in another language. */
export function linkPageProps(
  ctx: LinkContext,
  path: string = ctx.surveyPath,
): Omit<PageProps, 'children' | 'title'> {
  return {
    lang: ctx.lang,
    base: ctx.base,
    organizationName: ctx.organizationName,
    organizationId: ctx.organizationId,
    privacyNoticeHref: ctx.privacyNoticeHref,
    switchHref: (l) => withLang(path, l),
    optOutHref: ctx.known ? withLang(optOutPath(ctx.surveyPath), ctx.lang) : undefined,
  };
}

export function ThanksPage(props: { ctx: LinkContext }) {
  const t = messages(props.ctx.lang).thanks;
  return <MessagePage {...linkPageProps(props.ctx)} heading={t.title} paragraphs={[t.body, t.closing]} />;
}

export function GonePage(props: { ctx: LinkContext; why: 'expired' | 'answered' }) {
  const t = messages(props.ctx.lang)[props.why];
  return <MessagePage {...linkPageProps(props.ctx)} heading={t.title} paragraphs={[t.body]} />;
}

export function NotFoundPage(props: { ctx: LinkContext }) {
  const t = messages(props.ctx.lang).notFound;
  return <MessagePage {...linkPageProps(props.ctx)} heading={t.title} paragraphs={[t.body]} />;
}

export function OptOutConfirmPage(props: { ctx: LinkContext }) {
  const { ctx } = props;
  const t = messages(ctx.lang).optOut;
  const paragraphs = [
    t.body,
    ...(ctx.organizationName ? [t.scope(ctx.organizationName)] : []),
    t.reassurance,
  ];
  return (
    <MessagePage
      {...linkPageProps(ctx, optOutPath(ctx.surveyPath))}
      optOutHref={undefined}
      heading={t.title}
      paragraphs={paragraphs}
    >
      <form method="post" action={withLang(optOutPath(ctx.surveyPath), ctx.lang)}>
        <p>
          <button type="submit" class="btn">
            {t.confirm}
          </button>
        </p>
      </form>
      <p>
        <a href={withLang(ctx.surveyPath, ctx.lang)}>{t.cancel}</a>
      </p>
    </MessagePage>
  );
}

export function OptedOutPage(props: { ctx: LinkContext }) {
  const { ctx } = props;
  const t = messages(ctx.lang).optOut;
  return (
    <MessagePage
      {...linkPageProps(ctx, optOutPath(ctx.surveyPath))}
      optOutHref={undefined}
      heading={t.doneTitle}
      paragraphs={[t.doneBody]}
    />
  );
}

export function ForbiddenPage(props: { ctx: LinkContext; backPath: string }) {
  const t = messages(props.ctx.lang).forbidden;
  return (
    <MessagePage {...linkPageProps(props.ctx, props.backPath)} heading={t.title} paragraphs={[t.body]}>
      <p>
        <a href={withLang(props.backPath, props.ctx.lang)}>{t.back}</a>
      </p>
    </MessagePage>
  );
}

export function TooLargePage(props: { ctx: LinkContext }) {
  const t = messages(props.ctx.lang).tooLarge;
  return <MessagePage {...linkPageProps(props.ctx)} heading={t.title} paragraphs={[t.body]} />;
}

export function ServerErrorPage(props: { ctx: LinkContext }) {
  const t = messages(props.ctx.lang).serverError;
  return <MessagePage {...linkPageProps(props.ctx)} heading={t.title} paragraphs={[t.body]} />;
}

export function UnavailablePage(props: { ctx: LinkContext }) {
  const t = messages(props.ctx.lang).unavailable;
  return <MessagePage {...linkPageProps(props.ctx)} heading={t.title} paragraphs={[t.body]} />;
}

/** A posted form that could not be read at all: nothing was stored, the link stays open. */
export function BadFormPage(props: { ctx: LinkContext }) {
  const { ctx } = props;
  const t = messages(ctx.lang).badForm;
  return (
    <MessagePage {...linkPageProps(ctx)} heading={t.title} paragraphs={[t.body]}>
      <p>
        <a href={withLang(ctx.surveyPath, ctx.lang)}>{t.back}</a>
      </p>
    </MessagePage>
  );
}
