import { Hono } from 'hono';
import type { AggregateStore, Clock, CommentSource, ConfigStore, Log, SurveyStore } from '../ports';
import { adminApp } from './admin';
import type { Authenticator } from './auth';
import { ApiError, errorBody } from './errors';
import { previewApp } from './preview';
import { reportPages, reportsApi } from './reports';
import { securityHeaders } from './security';
import { mountPublicPages } from './survey';

export interface AppDeps {
  clock: Clock;
  config: ConfigStore;
  surveys: SurveyStore;
  aggregates: AggregateStore;
  comments: CommentSource;
  log: Log;
  authenticate: Authenticator;
  publicBaseUrl: string;
  /** Feedback address shown in the accessibility statement; a generic contact text when left out. */
  accessibilityFeedbackEmail?: string;
  /** Extra sub-apps mounted by path: local mode adds its `/local` stand-ins for AWS. */
  mounts?: Record<string, Hono>;
}

/** The one HTTP app: the same in Lambda (`hono/aws-lambda`) and in local mode (`@hono/node-server`). */
export function createApp(deps: AppDeps) {
  const app = new Hono();
  app.use('*', securityHeaders());
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.route('/api/v1', adminApp(deps));
  app.route('/api/v1', previewApp(deps));
  mountPublicPages(app, deps);
  app.route('/api/v1/reports', reportsApi(deps));
  app.route('/reports', reportPages(deps));
  for (const [path, sub] of Object.entries(deps.mounts ?? {})) app.route(path, sub);

  app.notFound((c) =>
    c.json(errorBody(new ApiError(404, 'NOT_FOUND', `No route for ${c.req.method} ${c.req.path}.`)), 404),
  );
  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(errorBody(error), error.status);
    deps.log.error('request failed', { method: c.req.method, route: c.req.routePath, error: error.name });
    return c.json(errorBody(new ApiError(500, 'INTERNAL', 'Something went wrong; it has been logged.')), 500);
  });
  return app;
}
