import type { Clock } from '../ports';

export interface SignInThrottleOptions {
  clock: Clock;
  /** The delay after the first failure; each further failure doubles it. */
  baseDelayMs?: number;
  /** No attempt waits longer than this, so a request never runs long. */
  maxDelayMs?: number;
  /** Failures older than this are forgotten. */
  windowMs?: number;
  /** At most this many keys are remembered (the oldest go first), so memory stays bounded. */
  maxKeys?: number;
}

interface Failures {
  count: number;
  lastAt: number;
}

/**
 * Slows down guessing: every failed sign-in for a username or from a client makes the next attempt
 * for that username or client wait longer (doubling, bounded). In memory, per process: in the cloud
 * the identity provider does its own throttling.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, Failures>();
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;

  constructor(private readonly options: SignInThrottleOptions) {
    this.baseDelayMs = options.baseDelayMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 5_000;
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  /** How long an attempt under these keys waits before its password is checked. */
  delayMs(keys: readonly string[]): number {
    const now = this.options.clock.now().getTime();
    let count = 0;
    for (const key of keys) {
      const entry = this.failures.get(key);
      if (entry && now - entry.lastAt < this.windowMs) count = Math.max(count, entry.count);
    }
    if (count === 0) return 0;
    return Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(count - 1, 30));
  }

  recordFailure(keys: readonly string[]): void {
    const now = this.options.clock.now().getTime();
    for (const key of keys) {
      const entry = this.failures.get(key);
      const count = entry && now - entry.lastAt < this.windowMs ? entry.count + 1 : 1;
      // Re-inserted so that the map's order is the order of last failure.
      this.failures.delete(key);
      this.failures.set(key, { count, lastAt: now });
    }
    while (this.failures.size > this.maxKeys) {
      const oldest = this.failures.keys().next().value as string;
      this.failures.delete(oldest);
    }
  }

  /** A right password clears the username's failures (not the client's: it may be guessing others). */
  recordSuccess(key: string): void {
    this.failures.delete(key);
  }
}

export const signInThrottleKeys = (username: string, client: string): [user: string, client: string] => [
  `user:${username.toLowerCase()}`,
  `client:${client}`,
];
