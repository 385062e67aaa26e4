import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { hashSurveyToken } from '../../shared/domain/keys';
import type { Language } from '../../shared/schemas/config';
import { serveOnFreePort } from '../support/serve';
import {
  completedEvent,
  configure,
  createTestSystem,
  setClock,
  type TestSystem,
  tokenFrom,
} from '../support/system';

/** Debian's Chromium, used when installed (`apt-get install -y chromium`). */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(import.meta.dirname, '../../test-results');
export const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const LANGUAGES: readonly Language[] = ['fi', 'sv', 'en'];

/**
 * The Chromium the browser tests drive: `CHROMIUM_PATH` when set, Debian's when installed, else the
 * one shipped (brotli-packed) in the `@sparticuz/chromium` dev dependency, so that `npm install &&
 * npm test` needs no system browser.
 */
export async function chromiumExecutable(): Promise<string> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured))
      throw new Error(`CHROMIUM_PATH points at ${configured}, which does not exist.`);
    return configured;
  }
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  return unpackedNpmChromium();
}

/**
 * Unpacks `@sparticuz/chromium` once per machine and version into the temp directory. The package
 * unpacks into `os.tmpdir()` and trusts any file already there, so test files running in parallel
 * (or a run killed halfway) could hand out a half-written binary. Instead it unpacks in a child
 * process whose TMPDIR is a private staging directory, which is then renamed into place: a rename is
 * atomic, so the final directory is either complete or absent.
 */
async function unpackedNpmChromium(): Promise<string> {
  const packageDir = join(dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '../..');
  const { version } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const target = join(tmpdir(), `palaute-chromium-${version}`);
  const binary = join(target, 'chromium');
  if (existsSync(binary)) return binary;
  const staging = await mkdtemp(join(tmpdir(), 'palaute-chromium-unpacking-'));
  const entry = pathToFileURL(join(packageDir, 'build/esm/index.js')).href;
  await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', `await (await import(${JSON.stringify(entry)})).default.executablePath();`],
    { env: { ...process.env, TMPDIR: staging }, timeout: 120_000 },
  );
  try {
    await rename(staging, target);
  } catch (error) {
    // Another test file finished first: use its copy.
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(binary)) throw error;
  }
  return binary;
}

/** One headless Chromium per test file. A missing browser fails the tests: it never skips them. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = await chromiumExecutable();
  await mkdir(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface ServedSystem {
  system: TestSystem;
  baseUrl: string;
  /** Paths the server was asked for, in order (to see what the browser took from its cache). */
  hits: string[];
  close(): Promise<void>;
}

/** A full local system (DynamoDB Local) served on a real port of 127.0.0.1, configured for org-pohde. */
export async function serveSystem(): Promise<ServedSystem> {
  const system = await createTestSystem();
  await configure(system);
  await setClock(system, '2026-11-20T10:00:00+02:00');
  const hits: string[] = [];
  const fetch = (request: Request) => {
    hits.push(new URL(request.url).pathname);
    return system.app.fetch(request);
  };
  const served = await serveOnFreePort(fetch);
  return { system, baseUrl: served.url, hits, close: served.close };
}

/**
 * Real links, the way clients get them: one visit event per requested language goes through ingest,
 * the scheduler and the SMS outbox. Returns the tokens by the survey's language.
 */
export async function sendSurveys(
  system: TestSystem,
  eventLanguages: readonly string[],
): Promise<Record<Language, string[]>> {
  const before = system.outbox.messages.length;
  for (const language of eventLanguages) {
    const event = completedEvent({ completedAt: '2026-11-20T09:40:00+02:00' }, { language });
    const result = await system.ingest(JSON.stringify(event));
    if (result.status !== 'decided' || result.outcome !== 'SCHEDULED')
      throw new Error(`visit not scheduled: ${JSON.stringify(result)}`);
  }
  await setClock(system, '2026-11-20T11:40:00+02:00');
  const tokens: Record<Language, string[]> = { fi: [], sv: [], en: [] };
  for (const message of system.outbox.messages.slice(before)) {
    const token = tokenFrom(message.body);
    const survey = await system.surveys.getSurvey(hashSurveyToken(token));
    if (!survey) throw new Error('sent survey not stored');
    tokens[survey.language].push(token);
  }
  return tokens;
}

/** axe-core with the WCAG 2.0/2.1 A and AA rules; returns the violations in a readable form. */
export async function wcagViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/*
 * The few DOM names that the callbacks run inside the page use. The project compiles without the DOM
 * library (it is Node code), so they are declared here, for this module only.
 */
interface DomElement {
  id: string;
  tagName: string;
  value?: string;
  getAttribute(name: string): string | null;
  matches(selector: string): boolean;
  closest(selector: string): DomElement | null;
}
declare const document: {
  activeElement: DomElement | null;
  documentElement: { scrollWidth: number; clientWidth: number; style: { fontSize: string } };
};
declare function getComputedStyle(element: DomElement): {
  outlineStyle: string;
  outlineWidth: string;
  backgroundColor: string;
};

/** Presses Tab until the focused element matches `selector`; fails after `max` presses. */
export async function tabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The focused element: its id, name, value, href, and how its focus is drawn (on the option's label for radios). */
export async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return undefined;
    const style = getComputedStyle(el.closest('label.opt') ?? el);
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      name: el.getAttribute('name'),
      href: el.getAttribute('href'),
      value: el.value,
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
      background: style.backgroundColor,
    };
  });
}

/** Whether the page fits its viewport's width (no horizontal scrolling: WCAG 1.4.10 reflow). */
export const noHorizontalScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

/** Text zoom: the root font size, as a browser's minimum/default font-size setting would change it. */
export const setRootFontSize = (page: Page, size: string) =>
  page.evaluate((s) => {
    document.documentElement.style.fontSize = s;
  }, size);
