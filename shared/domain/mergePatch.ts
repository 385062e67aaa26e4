/**
 * JSON merge patch (RFC 7396) and the leaf-level difference of two JSON documents: the two halves of
 * a configuration change (what the caller sends, what the history records).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A member of an object, never an inherited property (`constructor`, `toString` are plain JSON keys). */
const member = (object: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(object, key) ? object[key] : undefined;

/** RFC 7396 §2: objects merge member by member, `null` removes a member, anything else replaces. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return patch;
  const result: Record<string, unknown> = isJsonObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(member(result, key), value);
  }
  return result;
}

export interface LeafChange {
  /** Dotted path of the changed leaf, e.g. `rules.sendWindow.start`; arrays are leaves. */
  path: string;
  /** `null` when the leaf did not exist. */
  from: unknown;
  /** `null` when the leaf no longer exists. */
  to: unknown;
}

const sameJson = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]))
    );
  }
  return false;
};

/**
 * Every leaf that differs between `before` and `after`, in a stable order (sorted by path). Objects
 * are walked into; an object that appears or disappears as a whole is listed leaf by leaf, so that a
 * history entry always names the settings that changed rather than their containers.
 */
export function leafChanges(before: unknown, after: unknown, prefix = ''): LeafChange[] {
  if (isJsonObject(before) || isJsonObject(after)) {
    const left = isJsonObject(before) ? before : {};
    const right = isJsonObject(after) ? after : {};
    const scalarSide =
      (!isJsonObject(before) && before !== undefined) || (!isJsonObject(after) && after !== undefined);
    if (scalarSide && prefix !== '') {
      // An object replaced a scalar or the other way round: one change at this path.
      return sameJson(before, after) ? [] : [{ path: prefix, from: before ?? null, to: after ?? null }];
    }
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
    return keys.flatMap((key) =>
      leafChanges(member(left, key), member(right, key), prefix ? `${prefix}.${key}` : key),
    );
  }
  if (sameJson(before, after)) return [];
  return [{ path: prefix, from: before ?? null, to: after ?? null }];
}
