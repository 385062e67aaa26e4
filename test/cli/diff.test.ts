import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffJson, formatChange } from '../../cli/diff';

describe('diffJson', () => {
  it('lists added, changed and removed settings by path; arrays compare whole', () => {
    const before = {
      enabled: true,
      rules: { samplingRate: 0.5, sendWindow: { days: ['mon', 'tue'] } },
      smsName: { fi: 'A' },
    };
    const after = {
      enabled: true,
      rules: { samplingRate: 0.25, dailyQuota: 40, sendWindow: { days: ['mon'] } },
    };
    expect(diffJson(before, after).map(formatChange)).toEqual([
      '+ rules.dailyQuota: 40',
      '~ rules.samplingRate: 0.5 → 0.25',
      '~ rules.sendWindow.days: ["mon","tue"] → ["mon"]',
      '- smsName.fi: "A"',
    ]);
  });

  it('treats an empty object as no settings, and a new unit as all added', () => {
    expect(diffJson({ rules: {} }, {})).toEqual([]);
    expect(diffJson(undefined, { enabled: false, rules: { minAge: 16 } })).toEqual([
      { path: 'enabled', to: false },
      { path: 'rules.minAge', to: 16 },
    ]);
  });

  it('finds no change between a document and its copy, and the same changes reversed the other way', () => {
    const document = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }));
    fc.assert(
      fc.property(document, document, (a, b) => {
        expect(diffJson(a, structuredClone(a))).toEqual([]);
        const reversed = diffJson(b, a).map(({ path, from, to }) => ({ path, from: to, to: from }));
        const strip = (changes: { path: string; from?: unknown; to?: unknown }[]) =>
          JSON.parse(JSON.stringify(changes));
        expect(strip(diffJson(a, b))).toEqual(strip(reversed));
      }),
    );
  });
});
