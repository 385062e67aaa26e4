/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { ConsoleAppDeps, ConsoleEnv } from '../context';
import { consoleNotFound } from '../layout';
import { mountHistory } from './history';
import { mountOrganizations } from './organizations';
import { mountQuestionSets } from './questionSets';
import { mountTemplates } from './templates';
import { mountUnitRules } from './unitRules';

/**
 * The admin screens under `/console/admin`: organizations, areas, units with their status, rules with
 * preview, SMS templates, question sets and history. Every page and every post finds its record
 * through `access.ts`, so only people who may configure its organization reach it; anything else is
 * the console's 404.
 */
export function consoleAdminApp(deps: ConsoleAppDeps) {
  const app = new Hono<ConsoleEnv>();
  mountOrganizations(app, deps);
  mountUnitRules(app, deps);
  mountTemplates(app, deps);
  mountQuestionSets(app, deps);
  mountHistory(app, deps);
  app.all('*', consoleNotFound);
  return app;
}
