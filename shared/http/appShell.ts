import { Hono, type MiddlewareHandler } from 'hono';
import type { Log } from '../ports';
import { ApiError, asApiError, errorBody } from './errors';
import { securityHeaders } from './security';

export interface AppShellDeps {
  log: Log;
  /** Run first on every request: local mode adds compression, which API Gateway does in the cloud. */
  middleware?: MiddlewareHandler[];
}

/**
 * What every composed app shares, whichever sub-apps `mount` adds: the caller's middleware, the
 * security headers, `/healthz`, and JSON answers for no route (404) and for an unexpected error (500).
 */
export function appShell(deps: AppShellDeps, mount: (app: Hono) => void): Hono {
  const app = new Hono();
  for (const handler of deps.middleware ?? []) app.use('*', handler);
  app.use('*', securityHeaders());
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  mount(app);
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
