import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMergePatch, leafChanges } from '../../shared/domain/mergePatch';

describe('applyMergePatch (RFC 7396)', () => {
  // The examples of RFC 7396 appendix A.
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j + %j = %j', (target, patch, result) => {
    expect(applyMergePatch(target, patch)).toEqual(result);
  });

  it('does not change its inputs, and applying the same patch twice changes nothing more', () => {
    fc.assert(
      fc.property(fc.object(), fc.object(), (target, patch) => {
        const before = structuredClone([target, patch]);
        const once = applyMergePatch(target, patch);
        expect([target, patch]).toEqual(before);
        expect(applyMergePatch(once, patch)).toEqual(once);
      }),
    );
  });
});

describe('leafChanges', () => {
  it('treats keys named like inherited properties as plain members (the property test found these)', () => {
    expect(leafChanges({ constructor: [] }, {})).toEqual([{ path: 'constructor', from: [], to: null }]);
    expect(leafChanges({}, { toString: '' })).toEqual([{ path: 'toString', from: null, to: '' }]);
    expect(applyMergePatch({}, { constructor: { a: 1 } })).toEqual({ constructor: { a: 1 } });
  });

  it('names each changed leaf by its dotted path, arrays whole, in path order', () => {
    expect(
      leafChanges(
        { a: 1, rules: { timing: { mode: 'delay', delayMinutes: 5 }, days: ['mon'] }, gone: { x: 1 } },
        { a: 1, rules: { timing: { mode: 'delay', delayMinutes: 6 }, days: ['mon', 'tue'] }, added: true },
      ),
    ).toEqual([
      { path: 'added', from: null, to: true },
      { path: 'gone.x', from: 1, to: null },
      { path: 'rules.days', from: ['mon'], to: ['mon', 'tue'] },
      { path: 'rules.timing.delayMinutes', from: 5, to: 6 },
    ]);
  });

  it('is empty exactly when the documents are equal (empty objects are no leaves), and the changes lead from one to the other', () => {
    // Configuration never holds null (a merge patch removes it, the schemas refuse it), nor dots in keys.
    const json = fc.jsonValue().filter((v) => !JSON.stringify(v).includes('null') && dotlessKeys(v));
    const doc = fc.dictionary(
      fc.string({ minLength: 1 }).filter((k) => !k.includes('.')),
      json,
    );
    fc.assert(
      fc.property(doc, doc, (before, after) => {
        const changes = leafChanges(before, after);
        expect(changes.length === 0).toBe(isDeepEqual(prune(before), prune(after)));
        // Setting every `to` at its path (null removes) turns `before` into `after`.
        let rebuilt: unknown = before;
        for (const change of changes) rebuilt = applyMergePatch(rebuilt, patchAt(change.path, change.to));
        expect(prune(rebuilt)).toEqual(prune(after));
      }),
    );
  });
});

const dotlessKeys = (value: unknown): boolean =>
  typeof value !== 'object' || value === null
    ? true
    : Array.isArray(value)
      ? value.every(dotlessKeys)
      : Object.entries(value).every(([k, v]) => !k.includes('.') && dotlessKeys(v));

const isDeepEqual = (a: unknown, b: unknown) => {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
};

function patchAt(path: string, value: unknown): unknown {
  return path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

/** Empty objects left behind by removals are not leaves: compare without them. */
function prune(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const entries = Object.entries(value)
    .map(([k, v]) => [k, prune(v)] as const)
    .filter(
      ([, v]) => !(typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0),
    );
  return Object.fromEntries(entries);
}

describe('keys that Object.prototype also has', () => {
  it('are plain members in a patch and in the changes', () => {
    const patched = applyMergePatch(
      {},
      JSON.parse('{"__proto__": {"polluted": 1}, "toString": 2}'),
    ) as Record<string, unknown>;
    expect(Object.hasOwn(patched, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(patched.toString).toBe(2);
    expect(leafChanges({ toString: 0 }, {})).toEqual([{ path: 'toString', from: 0, to: null }]);
    expect(leafChanges({}, {})).toEqual([]);
  });
});
