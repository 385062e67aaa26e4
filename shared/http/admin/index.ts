import type { AuthVariables } from '../auth';
import { documentedApp } from '../openapi';
import { mountAreas } from './areas';
import { mountOrganizations } from './organizations';
import { mountUnits } from './units';
import type { AdminDeps } from './versioned';

export type { AdminDeps } from './versioned';

/** Configuration: organizations, areas and units, each versioned with a history. Mounted at `/api/v1`. */
export function adminApi(deps: AdminDeps) {
  const app = documentedApp<AuthVariables>();
  mountOrganizations(app, deps);
  mountAreas(app, deps);
  mountUnits(app, deps);
  return app;
}
