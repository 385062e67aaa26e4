/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { ConsoleAppDeps, ConsoleEnv } from '../context';

/**
 * The admin screens under `/console/admin`: organizations, areas, units, rules with preview, SMS
 * templates, question sets and history. Only for people who configure an organization; anything else
 * is the console's 404.
 */
export function consoleAdminApp(_deps: ConsoleAppDeps) {
  const app = new Hono<ConsoleEnv>();
  return app;
}
