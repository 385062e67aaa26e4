import type { Hono } from 'hono';
import { type AppShellDeps, appShell } from './appShell';
import { mountPeopleSide, type PeopleSideDeps } from './peopleApp';
import { mountPublicSide, type PublicSideDeps } from './publicApp';

export interface AppDeps extends PublicSideDeps, PeopleSideDeps, AppShellDeps {
  /** Extra sub-apps mounted by path: local mode adds its `/local` stand-ins for AWS. */
  mounts?: Record<string, Hono>;
}

/**
 * The one HTTP app with both sides: local mode (`@hono/node-server`) and the tests. In the cloud each
 * side is its own Lambda function (`createPublicApp`, `createPeopleApp`) behind the same API Gateway,
 * with the same shell, so a path answers the same either way.
 */
export function createApp(deps: AppDeps) {
  return appShell(deps, (app) => {
    mountPublicSide(app, deps);
    mountPeopleSide(app, deps);
    for (const [path, sub] of Object.entries(deps.mounts ?? {})) app.route(path, sub);
  });
}
