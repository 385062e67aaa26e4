import type { Hono } from 'hono';
import type { AggregateStore, Clock, CommentSource, ConfigStore, Log, SurveyStore } from '../ports';
import { adminApi } from './admin';
import { apiDocs } from './apiReference';
import { type AppShellDeps, appShell } from './appShell';
import type { Authenticator } from './auth';
import { type ConsoleOptions, consoleApp } from './console';
import { eventsApp } from './events';
import { exportsApi } from './exports';
import { documentedApp, type OpenApiDocument, openApiDocument } from './openapi';
import { type OpenLinkOptions, openLinkDeps } from './openLinks';
import { openLinksApi } from './openLinks/api';
import { previewApp } from './preview';
import { reportPages, reportsApi } from './reports';
import { basePathOf } from './survey/layout';

export interface PeopleSideDeps {
  clock: Clock;
  config: ConfigStore;
  surveys: SurveyStore;
  aggregates: AggregateStore;
  comments: CommentSource;
  log: Log;
  authenticate: Authenticator;
  publicBaseUrl: string;
  /** Open links' API and posters; not mounted when left out. */
  openLinks?: OpenLinkOptions;
  /** The people's console (`/login`, `/console`); not mounted when left out. */
  console?: ConsoleOptions;
}

/**
 * What people and integrators reach: the documented API (`/api/v1`) and its reference, the report
 * pages (`/reports`) and the console (`/login`, `/console`). Admin routes read `config` uncached,
 * so a write is seen at once.
 */
export function mountPeopleSide(app: Hono, deps: PeopleSideDeps): void {
  const api = documentedApp();
  api.route('/api/v1', adminApi(deps));
  api.route('/api/v1', eventsApp(deps));
  api.route('/api/v1', previewApp(deps));
  api.route('/api/v1', reportsApi(deps));
  api.route('/api/v1', exportsApi(deps));
  if (deps.openLinks) {
    api.route(
      '/api/v1',
      openLinksApi({ ...openLinkDeps(deps, deps.openLinks), authenticate: deps.authenticate }),
    );
  }
  app.route('/', api);
  // Built on its first request: most containers never serve the reference.
  let document: OpenApiDocument | undefined;
  const documentOnce = () => {
    document ??= openApiDocument(api, { publicBaseUrl: deps.publicBaseUrl });
    return document;
  };
  app.route('/api', apiDocs(documentOnce, basePathOf(deps.publicBaseUrl)));
  app.route('/reports', reportPages(deps));
  if (deps.console) app.route('/', consoleApp({ ...deps, ...deps.console }));
}

/** The API and console's Lambda function: the people's side alone. */
export function createPeopleApp(deps: PeopleSideDeps & AppShellDeps) {
  return appShell(deps, (app) => mountPeopleSide(app, deps));
}
