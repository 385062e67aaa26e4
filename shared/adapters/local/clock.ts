import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '../../ports';

/**
 * Real time until set; then the time it was set to, so that local runs and demos are repeatable.
 * With a file, the set time survives a restart: the stored records were written by that clock, and
 * falling back to real time would expire or revive them.
 */
export class VirtualClock implements Clock {
  private fixed: Date | undefined;

  constructor(private readonly file?: string) {
    if (file && existsSync(file)) {
      const stored = (JSON.parse(readFileSync(file, 'utf8')) as { now?: unknown }).now;
      if (typeof stored === 'string' && !Number.isNaN(Date.parse(stored))) this.fixed = new Date(stored);
    }
  }

  now(): Date {
    return this.fixed ? new Date(this.fixed.getTime()) : new Date();
  }

  /** Whether the clock was set (it stands still) rather than following real time. */
  isVirtual(): boolean {
    return this.fixed !== undefined;
  }

  set(instant: Date): void {
    this.fixed = new Date(instant.getTime());
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify({ now: this.fixed.toISOString() }));
  }
}
