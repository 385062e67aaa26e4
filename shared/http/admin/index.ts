import type { AuthVariables } from '../auth';
import { documentedApp } from '../openapi';
import { mountAreas } from './areas';
import { mountOrganizations } from './organizations';
import { mountQuestionSets } from './questionSets';
import { mountUnits } from './units';
import type { AdminDeps } from './versioned';

export type { AdminDeps } from './versioned';

/** Configuration: organizations, areas, units and question sets, each versioned with a history. Mounted at `/api/v1`. */
export function adminApi(deps: AdminDeps) {
  const app = documentedApp<AuthVariables>();
  mountOrganizations(app, deps);
  mountAreas(app, deps);
  mountUnits(app, deps);
  mountQuestionSets(app, deps);
  return app;
}
