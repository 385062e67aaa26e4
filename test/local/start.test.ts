import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, portIsFree } from '../support/ports';

const REPOSITORY = resolve(import.meta.dirname, '../..');
const NOT_CHECKED_OUT = new Set(['.data', '.git', 'cdk.out', 'test-results', 'coverage', 'node_modules']);

/**
 * A fresh "clone" in a temp directory, so that `.data/` lands in it: the repository's files copied
 * (tsx applies tsconfig.json only to files under it, so links to them would not do), node_modules linked.
 */
const checkouts: string[] = [];
function freshCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'palaute-start-'));
  checkouts.push(dir);
  for (const name of readdirSync(REPOSITORY)) {
    if (!NOT_CHECKED_OUT.has(name)) cpSync(join(REPOSITORY, name), join(dir, name), { recursive: true });
  }
  symlinkSync(join(REPOSITORY, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** The environment of a newcomer's shell: none of Palaute's variables, only other ports. */
function newcomerEnv(ports: { http: number; dynamo: number }, extra: Record<string, string> = {}) {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || /^(PALAUTE_|DYNAMODB_|PUBLIC_BASE_URL$|PORT$|SCHEDULER_)/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, PORT: String(ports.http), DYNAMODB_LOCAL_PORT: String(ports.dynamo), ...extra };
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const running: Started[] = [];

/** `npm start` in its own process group, so that the whole tree (npm, tsx, node, Java) can be stopped. */
function npmStart(cwd: string, env: Record<string, string>, args: string[] = []): Started {
  const child = spawn('npm', ['start', ...(args.length > 0 ? ['--', ...args] : [])], {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const started = { child, output: () => output, exited };
  running.push(started);
  return started;
}

async function stopTree(started: Started): Promise<void> {
  const pid = started.child.pid;
  if (pid === undefined || started.child.exitCode !== null) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  await started.exited;
}

async function untilHealthy(started: Started, port: number, timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`npm start exited early:\n${started.output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no answer on /healthz in ${timeoutMs} ms:\n${started.output()}`);
}

/** Processes (Linux: from /proc) whose command line runs DynamoDB Local on `port`. */
function dynamoLocalProcessesOn(port: number): string[] {
  if (!existsSync('/proc')) return [];
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (args.some((a) => a.includes('DynamoDBLocal.jar')) && args.join(' ').includes(`-port ${port}`))
        found.push(pid);
    } catch {
      // the process ended meanwhile
    }
  }
  return found;
}

async function untilFree(port: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await portIsFree(port)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

const json = { 'content-type': 'application/json' };

afterEach(async () => {
  for (const started of running.splice(0)) await stopTree(started);
  for (const dir of checkouts.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('npm start on a fresh clone with no environment set', () => {
  it('serves /healthz and the start page, keeps its data under ./.data, and leaves no Java behind when stopped', async () => {
    const cwd = freshCheckout();
    const ports = { http: await freePort(), dynamo: await freePort() };
    const first = npmStart(cwd, newcomerEnv(ports));
    await untilHealthy(first, ports.http);

    expect(readdirSync(join(cwd, '.data', 'dynamodb')).length).toBeGreaterThan(0);
    const home = await fetch(`http://127.0.0.1:${ports.http}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<h1>Palaute in local mode</h1>');

    // Some state: a virtual time and an organization.
    const base = `http://127.0.0.1:${ports.http}`;
    await fetch(`${base}/local/clock`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ now: '2026-11-20T10:00:00+02:00' }),
    });
    const created = await fetch(`${base}/api/v1/organizations/org-start`, {
      method: 'PUT',
      headers: { ...json, authorization: 'Bearer local-admin-token' },
      body: JSON.stringify({
        name: { fi: 'Aloitus', sv: 'Start', en: 'Start' },
        smsSenderId: 'Aloitus',
        smsTemplates: { fi: '{link} -{orgName}', sv: '{link} -{orgName}', en: '{link} -{orgName}' },
      }),
    });
    expect(created.status).toBeLessThan(300);
    expect(existsSync(join(cwd, '.data', 'clock.json'))).toBe(true);

    await stopTree(first);
    expect(await untilFree(ports.dynamo)).toBe(true);
    expect(await untilFree(ports.http)).toBe(true);
    expect(dynamoLocalProcessesOn(ports.dynamo)).toEqual([]);

    // --fresh: the same checkout starts from empty data.
    const second = npmStart(cwd, newcomerEnv(ports), ['--fresh']);
    await untilHealthy(second, ports.http);
    expect(second.output()).toContain('Starting from empty data');
    expect(await (await fetch(`${base}/local/clock`)).json()).toMatchObject({ virtual: false });
    const organization = await fetch(`${base}/api/v1/organizations/org-start`, {
      headers: { authorization: 'Bearer local-admin-token' },
    });
    expect(organization.status).toBe(404);
    await stopTree(second);
    expect(await untilFree(ports.dynamo)).toBe(true);
    expect(dynamoLocalProcessesOn(ports.dynamo)).toEqual([]);
  }, 90_000);

  it("exits with Java's own message when DynamoDB Local cannot start", async () => {
    const cwd = freshCheckout();
    const ports = { http: await freePort(), dynamo: await freePort() };
    // A Java that refuses to start, as a broken or mismatched Java would.
    const started = npmStart(cwd, newcomerEnv(ports, { JAVA_TOOL_OPTIONS: '-XX:+PalauteNoSuchOption' }));
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain('Could not start DynamoDB Local.');
    expect(started.output()).toMatch(/exited with code 1 before it answered/);
    expect(started.output()).toContain("Unrecognized VM option 'PalauteNoSuchOption'");
  }, 60_000);
});
