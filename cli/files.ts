import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { invalidInput } from './errors';

export interface FieldIssue {
  path: string;
  message: string;
}

/** zod issues as `path: message` pairs, paths dotted and prefixed (e.g. `[2].detail.client.age`). */
export function issuesOf(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
    return { path: path === '' ? '(root)' : path, message: issue.message };
  });
}

export const issueLines = (issues: readonly FieldIssue[]) =>
  issues.map((issue) => `${issue.path}: ${issue.message}`);

/**
 * Reads and parses a JSON file; a missing file or broken JSON is invalid input (exit 2), naming the file
 * unless the caller already prints it (`mentionFile: false`).
 */
export async function readJsonFile(file: string, mentionFile = true): Promise<unknown> {
  const prefix = mentionFile ? `${file}: ` : '';
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw invalidInput(
      `${prefix}${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(error)})`}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidInput(`${prefix}not valid JSON (${(error as Error).message})`);
  }
}
