import type { Hono } from 'hono';
import type { Clock, ConfigStore, Log, SurveyStore } from '../ports';
import { type AppShellDeps, appShell } from './appShell';
import { type OpenLinkOptions, openLinkDeps } from './openLinks';
import { DEFAULT_KIOSK_TIMING, openLinkPages } from './openLinks/pages';
import { mountPublicPages } from './survey';

export interface PublicSideDeps {
  clock: Clock;
  config: ConfigStore;
  surveys: SurveyStore;
  log: Log;
  publicBaseUrl: string;
  /**
   * The configuration the public pages read: the Lambda function passes one cached briefly per
   * container (`withCachedConfigReads`), so that a survey page is one read of its link; `config`
   * when left out.
   */
  publicPagesConfig?: ConfigStore;
  /** Feedback address shown in the accessibility statement; a generic contact text when left out. */
  accessibilityFeedbackEmail?: string;
  /** Open links (`/f/`, `/k/`, their API and posters) and paper answers; not mounted when left out. */
  openLinks?: OpenLinkOptions;
}

/**
 * What a client's phone or a kiosk reaches, no sign-in: the survey link (`/s/`), the open links'
 * pages (`/f/`, `/k/`), the stylesheet and the accessibility statement.
 */
export function mountPublicSide(app: Hono, deps: PublicSideDeps): void {
  mountPublicPages(app, { ...deps, config: deps.publicPagesConfig ?? deps.config });
  if (deps.openLinks) {
    app.route(
      '/',
      openLinkPages({
        ...openLinkDeps(deps, deps.openLinks),
        kiosk: { ...DEFAULT_KIOSK_TIMING, ...deps.openLinks.kiosk },
      }),
    );
  }
}

/** The survey pages' Lambda function: the public side alone, so that a phone's first page starts fast. */
export function createPublicApp(deps: PublicSideDeps & AppShellDeps) {
  return appShell(deps, (app) => mountPublicSide(app, deps));
}
