import type { LocalScheduler } from '../../shared/adapters/local/scheduler';
import type { VisitKey } from '../../shared/schemas/records';

/** A small seeded PRNG (mulberry32): fault runs are random but repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Runs `work` on every item with at most `concurrency` at a time. */
export async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/**
 * Delivers a message like SQS does: a throw means redelivery (after `pause`), up to `maxDeliveries`;
 * what still fails then is returned as the last error (the message would be in the DLQ).
 */
export async function deliverWithRetries<R>(
  deliver: () => Promise<R>,
  maxDeliveries: number,
  onRetry?: (error: unknown) => void,
): Promise<{ ok: true; result: R } | { ok: false; error: unknown }> {
  let lastError: unknown;
  for (let delivery = 1; delivery <= maxDeliveries; delivery++) {
    try {
      return { ok: true, result: await deliver() };
    } catch (error) {
      lastError = error;
      onRetry?.(error);
    }
  }
  return { ok: false, error: lastError };
}

/**
 * Fires the local scheduler's due schedules like EventBridge Scheduler does, but all at once: each
 * fires with its own clock standing at its own instant (`fire` gets it), so that thousands of sends
 * due over a day run concurrently and each still sees the time it was set for. A failed delivery is
 * retried `retryAfterMs` later (long enough for a send lease to pass), up to `maxDeliveries`, then
 * dropped (the closing schedule still ends the dispatch).
 */
export async function fireSchedulesUntil(options: {
  scheduler: LocalScheduler;
  until: Date;
  fire: (payload: VisitKey, at: Date) => Promise<unknown>;
  concurrency: number;
  retryAfterMs: number;
  maxDeliveries: number;
  deliveries: Map<string, number>;
}): Promise<{ fired: number; failed: number }> {
  let fired = 0;
  let failed = 0;
  for (;;) {
    const due = options.scheduler.pending().filter((s) => Date.parse(s.at) <= options.until.getTime());
    if (due.length === 0) return { fired, failed };
    for (const schedule of due) await options.scheduler.cancelSend(schedule.name);
    await inParallel(due, options.concurrency, async (schedule) => {
      const at = new Date(schedule.at);
      const delivery = (options.deliveries.get(schedule.name) ?? 0) + 1;
      options.deliveries.set(schedule.name, delivery);
      try {
        await options.fire(schedule.payload, at);
        fired += 1;
      } catch {
        failed += 1;
        if (delivery < options.maxDeliveries) {
          await options.scheduler.scheduleSend({
            name: schedule.name,
            at: new Date(at.getTime() + options.retryAfterMs),
            payload: schedule.payload,
          });
        }
      }
    });
  }
}
