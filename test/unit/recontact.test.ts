import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recontactAllows, recontactExpiry, sendsToKeep } from '../../shared/domain/recontact';
import { DAY_MS } from '../../shared/domain/sendTime';
import { completedAtProblem } from '../../shared/schemas/events';
import { unknownOrganizationFigure } from '../../shared/services/platformFigures';

const BASE = Date.parse('2026-11-20T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('the recontact rule', () => {
  it('allows a send exactly when it keeps recontactDays from every kept send', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -60 * 24, max: 60 * 24 }), { maxLength: 6 }),
        fc.integer({ min: 0, max: 60 * 24 }),
        fc.integer({ min: 0, max: 40 }),
        (sendHours, newHour, days) => {
          const sends = sendHours.map((h) => iso(BASE + h * 3_600_000));
          const allowed = recontactAllows(sends, new Date(BASE + newHour * 3_600_000), days);
          const far = sendHours.every((h) => Math.abs(h - newHour) * 3_600_000 >= days * DAY_MS);
          expect(allowed).toBe(far);
        },
      ),
    );
    expect(recontactAllows([iso(BASE)], new Date(BASE + 30 * DAY_MS), 30)).toBe(true);
    expect(recontactAllows([iso(BASE)], new Date(BASE + 30 * DAY_MS - 1), 30)).toBe(false);
    expect(recontactAllows([iso(BASE)], new Date(BASE - 30 * DAY_MS + 1), 30)).toBe(false);
  });

  it('prunes only sends that no later send (at or after now) can come near', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -100 * 24, max: 100 * 24 }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 100 * 24 }),
        (sendHours, days, laterHour) => {
          const sends = sendHours.map((h) => iso(BASE + h * 3_600_000));
          const kept = sendsToKeep(sends, new Date(BASE), days);
          const later = new Date(BASE + laterHour * 3_600_000);
          expect(recontactAllows(kept, later, days)).toBe(recontactAllows(sends, later, days));
          expect(kept).toEqual([...kept].sort());
          expect(new Set(kept).size).toBe(kept.length);
        },
      ),
    );
    expect(sendsToKeep([iso(BASE - 40 * DAY_MS), iso(BASE)], new Date(BASE), 30)).toEqual([iso(BASE)]);
    expect(recontactExpiry([iso(BASE)], 30).getTime()).toBe(BASE + 31 * DAY_MS);
  });
});

describe('when a visit can have been completed', () => {
  const now = new Date('2026-11-20T10:00:00Z');
  it.each([
    ['9999-12-31T23:59:59+02:00', 'completedAt: more than a day after the event was received'],
    ['2026-11-21T10:00:01Z', 'completedAt: more than a day after the event was received'],
    ['1999-12-31T23:59:59Z', 'completedAt: before 2000-01-01'],
    ['2026-11-21T10:00:00Z', undefined],
    ['2000-01-01T00:00:00Z', undefined],
  ])('%s', (completedAt, problem) => {
    expect(completedAtProblem(completedAt, now)).toBe(problem);
  });
});

describe('the unknown-organization figure of a day', () => {
  it('lists the most frequent ids and sums the rest', () => {
    const visits = new Map([
      ['b', 2],
      ['a', 2],
      ['c', 5],
      ['d', 1],
    ]);
    expect(unknownOrganizationFigure(visits, 3)).toEqual({
      unknownOrganizations: { c: 5, a: 2, b: 2 },
      unlistedVisits: 1,
    });
    expect(unknownOrganizationFigure(visits)).toEqual({
      unknownOrganizations: { a: 2, b: 2, c: 5, d: 1 },
      unlistedVisits: 0,
    });
  });
});
