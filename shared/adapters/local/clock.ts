import type { Clock } from '../../ports';

/** Real time until set; then the time it was set to, so that local runs and demos are repeatable. */
export class VirtualClock implements Clock {
  private fixed: Date | undefined;
  now(): Date {
    return this.fixed ? new Date(this.fixed.getTime()) : new Date();
  }
  set(instant: Date): void {
    this.fixed = new Date(instant.getTime());
  }
}
