import { Hono, type MiddlewareHandler } from 'hono';
import type { AggregateStore, Clock, CommentSource, ConfigStore, Log, SurveyStore } from '../ports';
import { adminApi } from './admin';
import { apiDocs } from './apiReference';
import type { Authenticator } from './auth';
import { type ConsoleOptions, consoleApp } from './console';
import { ApiError, asApiError, errorBody } from './errors';
import { eventsApp } from './events';
import { exportsApi } from './exports';
import { documentedApp, type OpenApiDocument, openApiDocument } from './openapi';
import { type OpenLinkOptions, openLinkApps } from './openLinks';
import { previewApp } from './preview';
import { reportPages, reportsApi } from './reports';
import { securityHeaders } from './security';
import { mountPublicPages } from './survey';
import { basePathOf } from './survey/layout';

export interface AppDeps {
  clock: Clock;
  config: ConfigStore;
  surveys: SurveyStore;
  aggregates: AggregateStore;
  comments: CommentSource;
  log: Log;
  authenticate: Authenticator;
  publicBaseUrl: string;
  /**
   * The configuration the public pages read: the HTTP Lambda passes one cached briefly per container
   * (`withCachedConfigReads`), so that a survey page is one read of its link; `config` when left out.
   * Admin routes always read `config`, so a write is seen at once.
   */
  publicPagesConfig?: ConfigStore;
  /** Feedback address shown in the accessibility statement; a generic contact text when left out. */
  accessibilityFeedbackEmail?: string;
  /** Open links (`/f/`, `/k/`, their API and posters) and paper answers; not mounted when left out. */
  openLinks?: OpenLinkOptions;
  /** The people's console (`/login`, `/console`); not mounted when left out. */
  console?: ConsoleOptions;
  /** Extra sub-apps mounted by path: local mode adds its `/local` stand-ins for AWS. */
  mounts?: Record<string, Hono>;
  /** Run first on every request: local mode adds compression, which API Gateway does in the cloud. */
  middleware?: MiddlewareHandler[];
}

/** The one HTTP app: the same in Lambda (`hono/aws-lambda`) and in local mode (`@hono/node-server`). */
export function createApp(deps: AppDeps) {
  const app = new Hono();
  for (const handler of deps.middleware ?? []) app.use('*', handler);
  app.use('*', securityHeaders());
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  const api = documentedApp();
  api.route('/api/v1', adminApi(deps));
  api.route('/api/v1', eventsApp(deps));
  api.route('/api/v1', previewApp(deps));
  api.route('/api/v1', reportsApi(deps));
  api.route('/api/v1', exportsApi(deps));
  const openLinks = deps.openLinks && openLinkApps(deps, deps.openLinks);
  if (openLinks) api.route('/api/v1', openLinks.api);
  app.route('/', api);
  let document: OpenApiDocument | undefined;
  const documentOnce = () => {
    document ??= openApiDocument(api, { publicBaseUrl: deps.publicBaseUrl });
    return document;
  };
  app.route('/api', apiDocs(documentOnce, basePathOf(deps.publicBaseUrl)));
  mountPublicPages(app, { ...deps, config: deps.publicPagesConfig ?? deps.config });
  if (openLinks) app.route('/', openLinks.pages);
  app.route('/reports', reportPages(deps));
  if (deps.console) app.route('/', consoleApp({ ...deps, ...deps.console }));
  for (const [path, sub] of Object.entries(deps.mounts ?? {})) app.route(path, sub);

  app.notFound((c) =>
    c.json(errorBody(new ApiError(404, 'NOT_FOUND', `No route for ${c.req.method} ${c.req.path}.`)), 404),
  );
  app.onError((error, c) => {
    const known = asApiError(error);
    if (known) return c.json(errorBody(known), known.status);
    deps.log.error('request failed', { method: c.req.method, route: c.req.routePath, error: error.name });
    return c.json(errorBody(new ApiError(500, 'INTERNAL', 'Something went wrong; it has been logged.')), 500);
  });
  return app;
}
