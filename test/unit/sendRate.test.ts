import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { burstSeconds, pacedRate, sendPacing } from '../../shared/domain/sendRate';

/**
 * The send function as deployed: `maxConcurrency` invocations at once, each taking the next message,
 * calling the provider some time into its work and lasting at least `minMillisPerSend`. Returns the
 * instants (ms) at which the provider was called.
 */
function simulate(smsPerSecond: number, messages: number, workMs: (i: number) => number): number[] {
  const pacing = sendPacing(smsPerSecond);
  const free = Array.from({ length: pacing.maxConcurrency }, () => 0);
  const calls: number[] = [];
  for (let i = 0; i < messages; i++) {
    const slot = free.indexOf(Math.min(...free));
    const start = free[slot] as number;
    const work = workMs(i);
    calls.push(start + work * ((i * 37) % 100) * 0.01);
    free[slot] = start + Math.max(work, pacing.minMillisPerSend);
  }
  return calls.sort((a, b) => a - b);
}

/** The most calls in any window of `windowMs`. */
function busiestWindow(calls: number[], windowMs: number): number {
  let most = 0;
  let from = 0;
  for (let to = 0; to < calls.length; to++) {
    while ((calls[to] as number) - (calls[from] as number) >= windowMs) from++;
    most = Math.max(most, to - from + 1);
  }
  return most;
}

describe('send pacing', () => {
  it('derives concurrency and the least time per send from the SMS rate', () => {
    expect(sendPacing(20)).toEqual({ smsPerSecond: 20, maxConcurrency: 5, minMillisPerSend: 250 });
    expect(sendPacing(1)).toEqual({ smsPerSecond: 1, maxConcurrency: 2, minMillisPerSend: 2000 });
    expect(sendPacing(100).maxConcurrency).toBe(25);
    expect(burstSeconds(10_000, sendPacing(20))).toBe(500);
    expect(() => sendPacing(0)).toThrow(/positive/);
  });

  it('never lets more than the rate out over time, whatever a send costs', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 1000, noNaN: true }),
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 50 }),
        (smsPerSecond, durations) => {
          const pacing = sendPacing(smsPerSecond);
          expect(pacedRate(pacing)).toBeLessThanOrEqual(smsPerSecond + 1e-9);
          const calls = simulate(smsPerSecond, 2000, (i) => durations[i % durations.length] as number);
          const windowMs = 10_000;
          // Each slot's calls fall one per share of time; a window can catch one more at each edge.
          expect(busiestWindow(calls, windowMs)).toBeLessThanOrEqual(
            Math.floor(smsPerSecond * (windowMs / 1000)) + 2 * pacing.maxConcurrency,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reaches the rate when sends are quicker than their share', () => {
    const calls = simulate(20, 2000, () => 120);
    const seconds = ((calls.at(-1) as number) - (calls[0] as number)) / 1000;
    expect(2000 / seconds).toBeGreaterThan(19);
  });
});
