/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { ConsoleAppDeps, ConsoleEnv } from '../context';

/**
 * The report screens under `/console`: the organization dashboard, the unit page, CSV downloads for
 * people and the printable monthly unit report.
 */
export function consoleReportsApp(_deps: ConsoleAppDeps) {
  const app = new Hono<ConsoleEnv>();
  return app;
}
