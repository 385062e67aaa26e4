/** @jsxImportSource hono/jsx */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { basePathOf } from '../shared/http/survey/layout';
import { SURVEY_CSS_PATH } from '../shared/http/survey/styles';

export interface HomeStatus {
  clock: { now: string; helsinki: string; virtual: boolean };
  pendingSchedules: number;
  outboxMessages: number;
  deadLetters: number;
}

export interface HomeDeps {
  publicBaseUrl: string;
  /** The repository: its README.md and docs/*.md are served as text under `/local/docs/`. */
  repositoryRoot: string;
  status: () => HomeStatus;
}

export const DOCS_PATH = '/local/docs';
const DOC_NAME = /^[A-Za-z0-9-]+\.md$/;

/** What `/local/*` offers, for the start page. */
const LOCAL_ENDPOINTS: { method: 'GET' | 'POST'; path: string; what: string }[] = [
  { method: 'GET', path: '/local/clock', what: 'the clock: UTC, Helsinki wall time, virtual or real' },
  { method: 'POST', path: '/local/clock', what: '{"now": "<ISO 8601>"} moves the virtual clock forward' },
  { method: 'POST', path: '/local/events', what: 'visit events, in the shape of EventBridge PutEvents' },
  { method: 'GET', path: '/local/outbox', what: 'every SMS "sent" (the stand-in for SNS)' },
  { method: 'GET', path: '/local/schedules', what: 'sends waiting for their time' },
  { method: 'GET', path: '/local/dead-letters', what: 'events that were refused, with the reason' },
  { method: 'GET', path: '/local/published-events', what: 'events Palaute put on the bus' },
  { method: 'POST', path: '/local/jobs/aggregate', what: '{"date": "YYYY-MM-DD"} runs the nightly job' },
];

/** The repository documents that `/local/docs/` serves: README.md and docs/*.md. */
function documents(root: string): string[] {
  const docsDir = join(root, 'docs');
  const inDocs = existsSync(docsDir) ? readdirSync(docsDir).filter((name) => DOC_NAME.test(name)) : [];
  return [...(existsSync(join(root, 'README.md')) ? ['README.md'] : []), ...inDocs.sort()];
}

function documentFile(root: string, name: string): string | undefined {
  if (!DOC_NAME.test(name)) return undefined;
  const file = name === 'README.md' ? join(root, name) : join(root, 'docs', name);
  return existsSync(file) ? file : undefined;
}

function HomePage(props: { base: string; docs: string[]; status: HomeStatus }) {
  const { base, status } = props;
  const doc = (name: string) => `${base}${DOCS_PATH}/${name}`;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>Palaute in local mode</title>
        <link rel="stylesheet" href={`${base}${SURVEY_CSS_PATH}`} />
      </head>
      <body>
        <main class="wrap">
          <h1>Palaute in local mode</h1>
          <p class="lead">
            The whole system runs in this one process: DynamoDB Local for storage, an SMS outbox instead of
            SNS, an in-process scheduler and bus, and a virtual clock you move by hand.
          </p>

          <h2>Start here</h2>
          <ul>
            <li>
              <a href={doc('README.md')}>The walk-through</a> (in the README, “Walk-through in local mode”):
              configure a unit, post a visit, move the clock, answer the survey, read the report.
            </li>
            <li>
              <a href={doc('local-mode.md')}>Local mode</a>: ports, environment, every endpoint, the virtual
              clock, starting from empty data, troubleshooting.
            </li>
            <li>
              <a href={`${base}/console`}>The console</a> for people: dashboard, unit pages, monthly reports
              and administration (sign in as <code>admin</code> / <code>local-admin</code>, or as the users of{' '}
              <code>PALAUTE_USERS_FILE</code>).
            </li>
            <li>
              <a href={`${base}/reports`}>Report pages</a> (sign in with the reports token, by default{' '}
              <code>local-reports-token</code>).
            </li>
          </ul>

          <h2>Now</h2>
          <ul>
            <li>
              Clock: {status.clock.helsinki} in Helsinki ({status.clock.now} UTC),{' '}
              {status.clock.virtual ? 'virtual: it moves only when you set it' : 'real time'}.
            </li>
            <li>Sends waiting: {status.pendingSchedules}</li>
            <li>SMS in the outbox: {status.outboxMessages}</li>
            <li>Dead letters: {status.deadLetters}</li>
          </ul>

          <h2>Local endpoints</h2>
          <ul>
            {LOCAL_ENDPOINTS.map((endpoint) => (
              <li>
                <code>{endpoint.method}</code>{' '}
                {endpoint.method === 'GET' ? (
                  <a href={`${base}${endpoint.path}`}>{endpoint.path}</a>
                ) : (
                  <code>{endpoint.path}</code>
                )}
                : {endpoint.what}
              </li>
            ))}
          </ul>
          <p>
            The admin API is under <code>/api/v1</code> (token <code>local-admin-token</code> by default), the
            health check at <a href={`${base}/healthz`}>/healthz</a>.
          </p>

          <h2>Documentation</h2>
          <ul>
            {props.docs.map((name) => (
              <li>
                <a href={doc(name)}>{name === 'README.md' ? 'README.md' : `docs/${name}`}</a>
              </li>
            ))}
          </ul>
        </main>
      </body>
    </html>
  );
}

/** The start page at `/` and the repository's documents under `/local/docs/`: local mode only. */
export function localHomeApp(deps: HomeDeps) {
  const app = new Hono();
  const base = basePathOf(deps.publicBaseUrl);
  app.get('/', async (c) => {
    const page = <HomePage base={base} docs={documents(deps.repositoryRoot)} status={deps.status()} />;
    return c.html(`<!DOCTYPE html>${await page}`);
  });
  app.get(`${DOCS_PATH}/:name`, (c) => {
    const file = documentFile(deps.repositoryRoot, c.req.param('name'));
    if (!file) return c.notFound();
    return c.text(readFileSync(file, 'utf8'), 200, { 'Content-Type': 'text/plain; charset=utf-8' });
  });
  return app;
}
