import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keys } from '../../shared/adapters/dynamo/tables';
import {
  createKeyedHasher,
  hashSurveyToken,
  isSampled,
  newSurveyToken,
  SURVEY_TOKEN_PATTERN,
} from '../../shared/domain/keys';

const KEY = 'unit-test-hmac-key-123456';
const hasher = createKeyedHasher(KEY);

/** Rates a sampler must decide right: far from 0 and 1, where a broken one would show. */
const rate = fc.integer({ min: 1, max: 999 }).map((n) => n / 1000);

describe('deterministic keyed sampling', () => {
  it('gives a redelivered visit the same point, across calls and hasher instances', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), rate, (unitId, appointmentId, samplingRate) => {
        // A redelivery may reach another Lambda instance: a hasher built anew from the key agrees.
        const elsewhere = createKeyedHasher(KEY);
        const point = hasher.samplingPoint(unitId, appointmentId);
        expect(point).toBeGreaterThanOrEqual(0);
        expect(point).toBeLessThan(1);
        expect(hasher.samplingPoint(unitId, appointmentId)).toBe(point);
        expect(elsewhere.samplingPoint(unitId, appointmentId)).toBe(point);
        expect(isSampled(elsewhere, unitId, appointmentId, samplingRate)).toBe(
          isSampled(hasher, unitId, appointmentId, samplingRate),
        );
      }),
    );
  });

  it('is the first 48 bits of HMAC-SHA256(key, "sample" NUL unit NUL appointment): a fixed vector', () => {
    expect(hasher.samplingPoint('unit-tk-keskusta', 'A-2026-000123')).toBe(0.12055534906313525);
    expect(isSampled(hasher, 'unit-tk-keskusta', 'A-2026-000123', 0.13)).toBe(true);
    expect(isSampled(hasher, 'unit-tk-keskusta', 'A-2026-000123', 0.12)).toBe(false);
    expect(hasher.personHmac('org-pohde', 'opaque-person-1')).toBe(
      'F3OTvwSEeUSScbe9BFzLAu--W_IX21a-i_S7IIbi0BE',
    );
    expect(hasher.phoneHmac('org-pohde', '+358401234567')).toBe(
      'hLjVjpqUkWcWj3-FHGkf8PEg8-E5n3UT7ppcI4QmCFs',
    );
  });

  it('gives different visits different points, also when ids would run together', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.string(), fc.string()),
        fc.tuple(fc.string(), fc.string()),
        ([unitA, appointmentA], [unitB, appointmentB]) => {
          fc.pre(unitA !== unitB || appointmentA !== appointmentB);
          expect(hasher.samplingPoint(unitA, appointmentA)).not.toBe(
            hasher.samplingPoint(unitB, appointmentB),
          );
        },
      ),
    );
    // Parts joined by NUL: a NUL inside an id must not make two visits one.
    expect(hasher.samplingPoint('a\u0000b', 'c')).not.toBe(hasher.samplingPoint('a', 'b\u0000c'));
    expect(hasher.personHmac('org\u0000x', 'p')).not.toBe(hasher.personHmac('org', 'x\u0000p'));
    expect(hasher.samplingPoint('u', 'A-1')).not.toBe(hasher.samplingPoint('u', 'A-2'));
    expect(hasher.samplingPoint('u1', 'A-1')).not.toBe(hasher.samplingPoint('u2', 'A-1'));
  });

  it('spreads points uniformly: 20,000 visits over 20 bins pass a chi-square test, neighbours uncorrelated', () => {
    const bins = new Array<number>(20).fill(0);
    const points: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const point = hasher.samplingPoint('unit-tk-keskusta', `A-2026-${i}`);
      points.push(point);
      bins[Math.floor(point * 20)] = (bins[Math.floor(point * 20)] ?? 0) + 1;
    }
    const expected = 20_000 / 20;
    const chiSquare = bins.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    // 19 degrees of freedom: 43.8 is the 0.1 % critical value; a skewed or clumped sampler exceeds it.
    expect(chiSquare).toBeLessThan(43.8);
    // Consecutive appointment ids must not give related points (a counter-like sampler would).
    const mean = points.reduce((a, b) => a + b, 0) / points.length;
    let covariance = 0;
    let variance = 0;
    for (let i = 0; i < points.length - 1; i++) {
      covariance += ((points[i] as number) - mean) * ((points[i + 1] as number) - mean);
      variance += ((points[i] as number) - mean) ** 2;
    }
    expect(Math.abs(covariance / variance)).toBeLessThan(0.03);
  });

  it.each([0.05, 0.2, 0.5, 0.8])('samples %f of 10,000 visits within ±2 %%', (samplingRate) => {
    let sampled = 0;
    for (let i = 0; i < 10_000; i++)
      if (isSampled(hasher, 'unit-tk-keskusta', `A-2026-${i}`, samplingRate)) sampled++;
    expect(Math.abs(sampled / 10_000 - samplingRate)).toBeLessThanOrEqual(0.02);
  });

  it('samples nothing at 0 and everything at 1', () => {
    for (let i = 0; i < 1000; i++) {
      expect(isSampled(hasher, 'u', `A-${i}`, 0)).toBe(false);
      expect(isSampled(hasher, 'u', `A-${i}`, 1)).toBe(true);
    }
  });

  it('depends on the key, so the sample cannot be predicted from ids', () => {
    const other = createKeyedHasher('another-key-entirely-9876');
    const differ = Array.from({ length: 200 }, (_, i) => `A-${i}`).filter(
      (id) => isSampled(hasher, 'u', id, 0.5) !== isSampled(other, 'u', id, 0.5),
    );
    expect(differ.length).toBeGreaterThan(50);
  });
});

describe('composite keys', () => {
  const id = fc.string({ unit: fc.constantFrom('a', '#', '%', '2', '3', '5') });

  it('name exactly one tuple of ids: ids holding "#" or "%" never collide', () => {
    fc.assert(
      fc.property(fc.tuple(id, id), fc.tuple(id, id), ([a, b], [c, d]) => {
        fc.pre(a !== c || b !== d);
        expect(keys.visit(a, b)).not.toBe(keys.visit(c, d));
        expect(keys.person(a, b).pk).not.toBe(keys.person(c, d).pk);
        expect(keys.optOut(a, b).pk).not.toBe(keys.optOut(c, d).pk);
      }),
    );
    expect(keys.visit('org-pohde#K', '1')).not.toBe(keys.visit('org-pohde', 'K#1'));
    expect(keys.visit('org-pohde#K', '1')).toBe('VISIT#org-pohde%23K#1');
    expect(keys.visit('a%23b', 'c')).not.toBe(keys.visit('a#b', 'c'));
  });

  it('keep a unit-date partition to one "#", so it is never an organization or platform partition', () => {
    fc.assert(
      fc.property(id, (unitId) => {
        expect(keys.unitDate(unitId, '2026-11-20').split('#')).toHaveLength(2);
        expect(keys.quota(unitId, '2026-11-20').pk.split('#')).toHaveLength(3);
        expect(keys.answers(unitId, '2026-11-20').split('#')).toHaveLength(3);
      }),
    );
    expect(keys.unitDate('PLATFORM#UNKNOWN_ORG', '2026-11-20')).not.toBe(
      keys.unknownOrganizationDate('2026-11-20'),
    );
  });

  it('are unchanged for ids without "#" or "%"', () => {
    expect(keys.visit('org-pohde', 'A-2026-000123')).toBe('VISIT#org-pohde#A-2026-000123');
    expect(keys.unitDate('unit-tk-keskusta', '2026-11-20')).toBe('unit-tk-keskusta#2026-11-20');
    expect(keys.unknownUnitDate('org-pohde', '2026-11-20')).toBe('ORG#org-pohde#UNKNOWN#2026-11-20');
    expect(keys.person('org-pohde', 'abc_-')).toEqual({ pk: 'PERSON#org-pohde#abc_-', sk: 'RECONTACT' });
    expect(keys.answers('u', '2026-11-20')).toBe('ANSWERS#u#2026-11-20');
  });
});

describe('keyed HMACs and tokens', () => {
  it('never contain the value they stand for', () => {
    const mac = hasher.phoneHmac('org', '+358401234567');
    expect(mac).not.toContain('358401234567');
    expect(hasher.personHmac('org', 'p')).not.toBe(hasher.personHmac('org2', 'p'));
    expect(hasher.phoneHmac('org', '+358401234567')).toBe(mac);
  });

  it('makes 128-bit base64url tokens and stores only their hash', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newSurveyToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) {
      expect(token).toMatch(SURVEY_TOKEN_PATTERN);
      expect(Buffer.from(token, 'base64url')).toHaveLength(16);
      expect(hashSurveyToken(token)).not.toContain(token);
    }
  });
});
