import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createKeyedHasher,
  hashSurveyToken,
  isSampled,
  newSurveyToken,
  SURVEY_TOKEN_PATTERN,
} from '../../shared/domain/keys';

const hasher = createKeyedHasher('unit-test-hmac-key-123456');

describe('deterministic keyed sampling', () => {
  it('gives a redelivered visit the same answer', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (unitId, appointmentId, rate) => {
          // A redelivery may reach another Lambda instance: a hasher built anew from the key agrees.
          const elsewhere = createKeyedHasher('unit-test-hmac-key-123456');
          expect(isSampled(elsewhere, unitId, appointmentId, rate)).toBe(
            isSampled(hasher, unitId, appointmentId, rate),
          );
        },
      ),
    );
  });

  it.each([0.05, 0.2, 0.5, 0.8])('samples %f of 10,000 visits within ±2 %%', (rate) => {
    let sampled = 0;
    for (let i = 0; i < 10_000; i++)
      if (isSampled(hasher, 'unit-tk-keskusta', `A-2026-${i}`, rate)) sampled++;
    expect(Math.abs(sampled / 10_000 - rate)).toBeLessThanOrEqual(0.02);
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
