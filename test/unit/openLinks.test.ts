import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetWindow, checkFormStamp, clientHash, formStamp, saltDay } from '../../shared/domain/openLinks';

const KEY = 'form-key-for-tests-0123456789';
const LINK = 'AAAAAAAAAAAAAAAAAAAAAA';
const instant = fc.integer({
  min: Date.parse('2020-01-01T00:00:00Z'),
  max: Date.parse('2040-01-01T00:00:00Z'),
});

describe('form stamps (minimum fill time)', () => {
  it('accepts its own stamp exactly when at least the minimum has passed', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: -60_000, max: 600_000 }),
        fc.integer({ min: 0, max: 60_000 }),
        (served, elapsed, min) => {
          const stamp = formStamp(KEY, LINK, new Date(served));
          const check = checkFormStamp(KEY, LINK, stamp, new Date(served + elapsed), min);
          expect(check).toBe(elapsed >= min ? 'ok' : 'tooFast');
        },
      ),
    );
  });

  it('calls any changed character, another link, another key or a missing stamp forged', () => {
    fc.assert(
      fc.property(
        instant,
        fc.nat(),
        fc.constantFrom(...'0123456789abcXYZ_-.'),
        (served, position, replacement) => {
          const stamp = formStamp(KEY, LINK, new Date(served));
          const index = position % stamp.length;
          fc.pre(stamp[index] !== replacement);
          const changed = `${stamp.slice(0, index)}${replacement}${stamp.slice(index + 1)}`;
          const later = new Date(served + 3_600_000);
          // A changed time is still a signed claim about the time: it must fail the signature, not pass as early.
          expect(checkFormStamp(KEY, LINK, changed, later, 0)).toBe('forged');
        },
      ),
    );
    const stamp = formStamp(KEY, LINK, new Date('2026-11-20T08:00:00Z'));
    const later = new Date('2026-11-20T09:00:00Z');
    expect(checkFormStamp(KEY, 'BBBBBBBBBBBBBBBBBBBBBB', stamp, later, 0)).toBe('forged');
    expect(checkFormStamp('another-key-0123456789', LINK, stamp, later, 0)).toBe('forged');
    expect(checkFormStamp(KEY, LINK, undefined, later, 0)).toBe('forged');
    expect(checkFormStamp(KEY, LINK, '', later, 0)).toBe('forged');
  });
});

describe('budget windows and daily salts', () => {
  it('puts every instant in exactly one window that contains it', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1_000, max: 86_400_000 }), (now, windowMs) => {
        const { index, endsAt } = budgetWindow(new Date(now), windowMs);
        expect(index * windowMs).toBeLessThanOrEqual(now);
        expect(endsAt.getTime()).toBeGreaterThan(now);
        expect(endsAt.getTime() - index * windowMs).toBe(windowMs);
      }),
    );
  });

  it('gives one salt day per UTC day, kept until the end of the next day', () => {
    fc.assert(
      fc.property(instant, (now) => {
        const { day, expiresAt } = saltDay(new Date(now));
        expect(day).toBe(new Date(now).toISOString().slice(0, 10));
        expect(expiresAt.getTime() - now).toBeGreaterThan(24 * 3_600_000);
        expect(expiresAt.getTime() - now).toBeLessThanOrEqual(48 * 3_600_000);
      }),
    );
  });

  it('hashes the same address alike under one salt and differently under the next day’s', () => {
    expect(clientHash('salt-1', '192.0.2.1')).toBe(clientHash('salt-1', '192.0.2.1'));
    expect(clientHash('salt-1', '192.0.2.1')).not.toBe(clientHash('salt-2', '192.0.2.1'));
    expect(clientHash('salt-1', '192.0.2.1')).not.toContain('192');
  });
});
