import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The repository documents itself: README.md and docs/ link only to files that exist in it, name no
 * file outside it, and carry no outside address. Examples may use localhost, 127.0.0.1, the example.fi
 * and example.com domains, and URL templates whose host is a placeholder (`https://{domainName}`).
 */

const ROOT = resolve(import.meta.dirname, '../..');

/** README.md and every Markdown file under docs/, as repository paths. */
function documentationFiles(root: string): string[] {
  const found = ['README.md'];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(root, dir)).sort()) {
      const path = `${dir}/${name}`;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (name.endsWith('.md')) found.push(path);
    }
  };
  if (existsSync(join(root, 'docs'))) walk('docs');
  return found;
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;
const blank = (s: string) => s.replace(/[^\n]/g, ' ');

/** The text without fenced code blocks and code spans (same length, so positions keep their lines). */
function proseOf(markdown: string): string {
  const lines = markdown.split('\n');
  let fence: string | undefined;
  const kept = lines.map((line) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined && marker) {
      fence = marker;
      return blank(line);
    }
    if (fence !== undefined) {
      if (marker?.startsWith(fence[0] as string) && marker.length >= fence.length) fence = undefined;
      return blank(line);
    }
    return line;
  });
  return kept.join('\n').replace(/(`+)[^`]*?\1/g, blank);
}

interface Found {
  value: string;
  line: number;
}

/** Targets of inline links and images, reference definitions and HTML href/src, outside code. */
function linkTargets(markdown: string): Found[] {
  const prose = proseOf(markdown);
  const patterns = [
    /!?\[(?:[^[\]]|\[[^[\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g,
    /^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/gm,
    /\b(?:href|src)\s*=\s*["']([^"']*)["']/gi,
  ];
  const found: Found[] = [];
  for (const pattern of patterns) {
    for (const match of prose.matchAll(pattern)) {
      found.push({ value: match[1] ?? '', line: lineOf(prose, match.index) });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

const EXAMPLE_DOMAINS = ['example.fi', 'example.com'];
const LOCAL_HOSTS = ['localhost', '127.0.0.1'];

/** Whether an http(s) address may appear in the docs: a local or example host, or a template. */
function isAllowedAddress(url: string): boolean {
  const authority = /^https?:\/\/([^/?#\s]*)/i.exec(url)?.[1] ?? '';
  if (authority.includes('{')) return true;
  const host = authority
    .replace(/^[^@]*@/, '')
    .replace(/:[^:]*$/, '')
    .toLowerCase();
  return (
    LOCAL_HOSTS.includes(host) ||
    EXAMPLE_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`))
  );
}

/** Every http(s) address in the text, code included: a command in a code block is read too. */
function addresses(markdown: string): Found[] {
  return [...markdown.matchAll(/https?:\/\/[^\s"'`<>)\]]+/gi)].map((match) => ({
    value: match[0].replace(/[.,;:!?]+$/, ''),
    line: lineOf(markdown, match.index),
  }));
}

/** Words that name a file by path: Markdown files, and anything starting with `../`. */
function namedPaths(markdown: string): Found[] {
  const found: Found[] = [];
  for (const match of markdown.matchAll(/[^\s`'"()<>[\],;|]+/g)) {
    const word = match[0].replace(/[.:!?]+$/, '');
    if (word.includes('://') || /[{}*]/.test(word)) continue;
    if (word.endsWith('.md') || word.startsWith('../')) {
      found.push({ value: word, line: lineOf(markdown, match.index) });
    }
  }
  return found;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of proseOf(markdown).matchAll(/^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/gm)) {
    const raw = markdown.slice(match.index, match.index + match[0].length).replace(/^ {0,3}#{1,6}[ \t]+/, '');
    const slug = raw
      .replace(/[ \t#]*$/, '')
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

const insideRoot = (root: string, absolute: string) => {
  const path = relative(root, absolute);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
};

/** What is wrong with the links and addresses of one documentation file, one line per problem. */
function documentationProblems(root: string, file: string, markdown: string): string[] {
  const problems: string[] = [];
  const dir = dirname(join(root, file));
  const at = (line: number) => `${file}:${line}`;

  for (const { value, line } of linkTargets(markdown)) {
    if (value === '') {
      problems.push(`${at(line)}: empty link`);
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//')) {
      problems.push(`${at(line)}: ${value} leaves the repository`);
      continue;
    }
    const [pathPart = '', anchor] = value.split('#', 2);
    const path = decodeURIComponent(pathPart);
    const target =
      path === '' ? join(root, file) : path.startsWith('/') ? join(root, path) : resolve(dir, path);
    if (!insideRoot(root, target)) {
      problems.push(`${at(line)}: ${value} leaves the repository`);
      continue;
    }
    if (!existsSync(target)) {
      problems.push(`${at(line)}: ${value} does not exist`);
      continue;
    }
    const headings = () => headingAnchors(path === '' ? markdown : readFileSync(target, 'utf8'));
    if (anchor && target.endsWith('.md') && !headings().has(anchor)) {
      problems.push(`${at(line)}: ${value} has no heading #${anchor}`);
    }
  }

  for (const { value, line } of addresses(markdown)) {
    if (!isAllowedAddress(value)) problems.push(`${at(line)}: outside address ${value}`);
  }

  for (const { value, line } of namedPaths(markdown)) {
    const candidates = [resolve(dir, value), join(root, value)];
    if (!candidates.some((c) => insideRoot(root, c))) {
      problems.push(`${at(line)}: ${value} names a file outside the repository`);
    } else if (value.endsWith('.md') && !candidates.some((c) => insideRoot(root, c) && existsSync(c))) {
      problems.push(`${at(line)}: ${value} names a file that is not in the repository`);
    }
  }
  return problems;
}

describe('the documentation stays inside the repository', () => {
  const files = documentationFiles(ROOT);

  it('covers the README and the docs folder', () => {
    expect(files).toContain('README.md');
    expect(files).toEqual(
      expect.arrayContaining([
        'docs/api.md',
        'docs/decisions.md',
        'docs/events.md',
        'docs/local-mode.md',
        'docs/architecture.md',
      ]),
    );
  });

  it.each(files)('%s links only to files in the repository and has no outside address', (file) => {
    expect(documentationProblems(ROOT, file, readFileSync(join(ROOT, file), 'utf8'))).toEqual([]);
  });
});

describe('the documentation check', () => {
  const check = (markdown: string, file = 'README.md') => documentationProblems(ROOT, file, markdown);

  it('accepts links to files and headings that exist, relative or from the root', () => {
    expect(
      check(
        [
          '# Title',
          'See [the API](docs/api.md), [events](docs/events.md#appointment-cancelled), [up](#title),',
          'the [infra folder](infra/) and ![a picture](/docs/api.md "title").',
        ].join('\n'),
      ),
    ).toEqual([]);
    expect(check('[back](../README.md) and [errors](api.md#errors)', 'docs/x.md')).toEqual([]);
  });

  it('reports a link out of the repository, to a missing file or to a missing heading', () => {
    expect(check('The design is [`DESIGN.md`](../shared/DESIGN.md).')).toEqual([
      'README.md:1: ../shared/DESIGN.md leaves the repository',
      'README.md:1: DESIGN.md names a file that is not in the repository',
      'README.md:1: ../shared/DESIGN.md names a file outside the repository',
    ]);
    expect(check('[web](https://docs.aws.amazon.com/sns/) [mail](mailto:a@b.fi)')).toEqual([
      'README.md:1: https://docs.aws.amazon.com/sns/ leaves the repository',
      'README.md:1: mailto:a@b.fi leaves the repository',
      'README.md:1: outside address https://docs.aws.amazon.com/sns/',
    ]);
    expect(check('\n[gone](docs/nothing-here.md)')).toEqual([
      'README.md:2: docs/nothing-here.md does not exist',
      'README.md:2: docs/nothing-here.md names a file that is not in the repository',
    ]);
    expect(check('[x](docs/api.md#no-such-heading)')).toEqual([
      'README.md:1: docs/api.md#no-such-heading has no heading #no-such-heading',
    ]);
    expect(check('<a href="https://example.org/">x</a>')).toContain(
      'README.md:1: https://example.org/ leaves the repository',
    );
  });

  it('reads addresses and file names in code too, but takes no link from code', () => {
    expect(check('```sh\ncurl https://api.example.net/x\n```')).toEqual([
      'README.md:2: outside address https://api.example.net/x',
    ]);
    expect(check('Contract: `DESIGN.md`, "Survey page".', 'docs/survey.md')).toEqual([
      'docs/survey.md:1: DESIGN.md names a file that is not in the repository',
    ]);
    expect(check('```\n[not a link](nowhere.txt)\n```\nand `[nor](this.txt)`')).toEqual([]);
  });

  it('allows local and example addresses and URL templates', () => {
    expect(
      check(
        [
          'http://localhost:3000/reports, http://127.0.0.1:9, http://localhost:{PORT},',
          'https://palaute.example.fi/s/x, https://example.com, https://{domainName}/s/{token}',
        ].join('\n'),
      ),
    ).toEqual([]);
    expect(isAllowedAddress('https://example.fi.evil.net/')).toBe(false);
    expect(isAllowedAddress('https://notexample.fi/')).toBe(false);
  });

  it('numbers repeated headings as GitHub does', () => {
    expect([...headingAnchors('# A b\n## A b\n### `code`: ä, ö!\n```\n# not a heading\n```')]).toEqual([
      'a-b',
      'a-b-1',
      'code-ä-ö',
    ]);
  });
});
