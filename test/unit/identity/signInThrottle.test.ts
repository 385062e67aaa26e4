import { describe, expect, it } from 'vitest';
import { SignInThrottle, signInThrottleKeys } from '../../../shared/identity/signInThrottle';

const clockAt = (start: string) => {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
};

describe('sign-in throttle', () => {
  it('doubles the wait per failure for the username and for the client, up to the bound', () => {
    const clock = clockAt('2026-03-01T10:00:00Z');
    const throttle = new SignInThrottle({ clock, baseDelayMs: 100, maxDelayMs: 1000 });
    const keys = signInThrottleKeys('Maija', '10.0.0.1');
    const delays = [];
    for (let i = 0; i < 6; i++) {
      delays.push(throttle.delayMs(keys));
      throttle.recordFailure(keys);
    }
    expect(delays).toEqual([0, 100, 200, 400, 800, 1000]);
    // Another client guessing the same username waits too, and so does the client trying another name.
    expect(throttle.delayMs(signInThrottleKeys('maija', '10.0.0.2'))).toBe(1000);
    expect(throttle.delayMs(signInThrottleKeys('pekka', '10.0.0.1'))).toBe(1000);
    expect(throttle.delayMs(signInThrottleKeys('pekka', '10.0.0.2'))).toBe(0);
  });

  it('forgets failures after the window and on a successful sign-in', () => {
    const clock = clockAt('2026-03-01T10:00:00Z');
    const throttle = new SignInThrottle({ clock, baseDelayMs: 100, windowMs: 60_000 });
    const keys = signInThrottleKeys('maija', 'c1');
    throttle.recordFailure(keys);
    clock.advance(60_000);
    expect(throttle.delayMs(keys)).toBe(0);
    throttle.recordFailure(keys);
    throttle.recordSuccess(keys[0]);
    expect(throttle.delayMs(signInThrottleKeys('maija', 'c2'))).toBe(0);
  });

  it('remembers a bounded number of keys', () => {
    const clock = clockAt('2026-03-01T10:00:00Z');
    const throttle = new SignInThrottle({ clock, maxKeys: 4 });
    for (let i = 0; i < 10; i++) throttle.recordFailure(signInThrottleKeys(`user${i}`, `client${i}`));
    expect(throttle.delayMs(signInThrottleKeys('user0', 'client0'))).toBe(0);
    expect(throttle.delayMs(signInThrottleKeys('user9', 'nobody'))).toBeGreaterThan(0);
  });
});
