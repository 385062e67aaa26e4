import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Log, SendScheduler } from '../../ports';
import type { SendPayload } from '../../schemas/records';

interface PendingSchedule {
  name: string;
  at: string;
  payload: SendPayload;
  attempts: number;
}

/** After this many failed deliveries a schedule is dropped, like a message moving to a DLQ. */
const MAX_ATTEMPTS = 5;

/**
 * The local stand-in for EventBridge Scheduler: one-time schedules kept in a file under .data/ so that a
 * restart loses none, fired by `runDue` when the (virtual) clock reaches them and then deleted.
 */
export class LocalScheduler implements SendScheduler {
  private readonly schedules = new Map<string, PendingSchedule>();
  private running: Promise<number> = Promise.resolve(0);

  constructor(
    private readonly fire: (payload: SendPayload) => Promise<unknown>,
    private readonly log: Log,
    private readonly file?: string,
  ) {
    if (file && existsSync(file)) {
      for (const s of JSON.parse(readFileSync(file, 'utf8')) as PendingSchedule[])
        this.schedules.set(s.name, s);
    }
  }

  async scheduleSend({ name, at, payload }: { name: string; at: Date; payload: SendPayload }): Promise<void> {
    if (this.schedules.has(name)) return;
    this.schedules.set(name, { name, at: at.toISOString(), payload, attempts: 0 });
    this.save();
  }

  async cancelSend(name: string): Promise<void> {
    if (this.schedules.delete(name)) this.save();
  }

  pending(): PendingSchedule[] {
    return [...this.schedules.values()].sort((a, b) => a.at.localeCompare(b.at));
  }

  /**
   * Fires every schedule due at `now`, oldest first; returns how many fired. Calls never overlap.
   * `beforeFire` lets a virtual clock stand at each schedule's own time while it fires, as it would
   * have in the cloud, so that jumping the clock does not move a send into another day or window.
   */
  runDue(now: Date, beforeFire?: (at: Date) => void): Promise<number> {
    this.running = this.running.then(() => this.fireDue(now, beforeFire));
    return this.running;
  }

  private async fireDue(now: Date, beforeFire?: (at: Date) => void): Promise<number> {
    let fired = 0;
    for (const schedule of this.pending()) {
      if (Date.parse(schedule.at) > now.getTime()) break;
      // Deleted before firing, like ActionAfterCompletion DELETE; a failure puts it back for a retry.
      this.schedules.delete(schedule.name);
      beforeFire?.(new Date(schedule.at));
      try {
        await this.fire(schedule.payload);
        fired += 1;
      } catch (error) {
        const attempts = schedule.attempts + 1;
        if (attempts < MAX_ATTEMPTS && !this.schedules.has(schedule.name)) {
          this.schedules.set(schedule.name, { ...schedule, attempts });
        }
        this.log.warn('scheduled send failed', { attempts, error: (error as Error).name });
      }
    }
    this.save();
    return fired;
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify(this.pending(), null, 1));
  }
}
