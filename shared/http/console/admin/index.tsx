/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { ConsoleAppDeps, ConsoleEnv } from '../context';
import { consoleNotFound } from '../layout';
import { mountHistory } from './history';
import { mountOpenLinks } from './openLinks';
import { mountOrganizations } from './organizations';
import { mountPaperAnswers } from './paperAnswers';
import { mountQuestionSets } from './questionSets';
import { mountTemplates } from './templates';
import { mountUnitRules } from './unitRules';

/**
 * The admin screens under `/console/admin`: organizations, areas, units with their status, rules with
 * preview, SMS templates, question sets, history and a unit's open links. Every page and every post
 * finds its record through `access.ts`, so only people who may configure its organization reach it;
 * anything else is the console's 404. Paper answers are the one exception: unit managers of the unit
 * key them in too (`paperAnswers.tsx`).
 */
export function consoleAdminApp(deps: ConsoleAppDeps) {
  const app = new Hono<ConsoleEnv>();
  mountOrganizations(app, deps);
  mountUnitRules(app, deps);
  mountTemplates(app, deps);
  mountQuestionSets(app, deps);
  mountHistory(app, deps);
  mountOpenLinks(app, deps);
  mountPaperAnswers(app, deps);
  app.all('*', consoleNotFound);
  return app;
}
