import { compactJson } from './output';

/** One changed setting, in the shape the history endpoint answers: absent `from` = added, absent `to` = removed. */
export interface Change {
  path: string;
  from?: unknown;
  to?: unknown;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Leaf values by dotted path. Arrays are leaves: a list of days or dates reads best old → new whole.
 * An empty object has no leaves: `rules: {}` means the same as no rules.
 */
function leaves(value: unknown, prefix: string, into: Map<string, unknown>): Map<string, unknown> {
  if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (child !== undefined) leaves(child, prefix === '' ? key : `${prefix}.${key}`, into);
    }
  } else {
    into.set(prefix, value);
  }
  return into;
}

/** The settings that differ between two JSON documents, sorted by path. */
export function diffJson(before: unknown, after: unknown): Change[] {
  const old = leaves(before ?? {}, '', new Map());
  const next = leaves(after ?? {}, '', new Map());
  const paths = [...new Set([...old.keys(), ...next.keys()])].sort();
  const changes: Change[] = [];
  for (const path of paths) {
    const from = old.get(path);
    const to = next.get(path);
    if (!old.has(path)) changes.push({ path, to });
    else if (!next.has(path)) changes.push({ path, from });
    else if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ path, from, to });
  }
  return changes;
}

/** `+ path: new`, `- path: old`, `~ path: old → new`, one line each. */
export function formatChange(change: Change): string {
  const hasFrom = 'from' in change && change.from !== undefined;
  const hasTo = 'to' in change && change.to !== undefined;
  if (!hasFrom) return `+ ${change.path}: ${compactJson(change.to)}`;
  if (!hasTo) return `- ${change.path}: ${compactJson(change.from)}`;
  return `~ ${change.path}: ${compactJson(change.from)} → ${compactJson(change.to)}`;
}
