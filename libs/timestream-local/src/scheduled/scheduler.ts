import { nextInvocation, type Schedule } from './schedule-expression';
import type { Timers } from './timers';

/** An invocation whose time passed longer ago than this without running is missed (not run late). */
export const MISSED_AFTER_MS = 60_000;
/** The timer never sleeps longer than this, so a clock that jumps is noticed within a minute. */
const MAX_SLEEP_MS = 60_000;

interface Entry {
  schedule: Schedule;
  anchorMs: number;
  next?: number;
}

/**
 * Keeps the next invocation of each enabled scheduled query and fires it when the clock reaches it. Fires each
 * invocation once, in time order; one that is found more than a minute late (the process was stopped or suspended,
 * or the clock jumped) is skipped, and the schedule goes on from the clock's time, as EventBridge does.
 */
export class Scheduler {
  private readonly entries = new Map<string, Entry>();
  private timer: unknown;
  private closed = false;

  constructor(
    private readonly now: () => Date,
    private readonly timers: Timers,
    private readonly fire: (arn: string, invocationMs: number) => Promise<unknown>,
  ) {}

  /** Starts (or restarts) the schedule of `arn`: its next invocation is the first one after the clock's time. */
  add(arn: string, schedule: Schedule, anchorMs: number): void {
    this.entries.set(arn, { schedule, anchorMs, next: nextInvocation(schedule, this.now().getTime(), anchorMs) });
    this.arm();
  }

  remove(arn: string): void {
    this.entries.delete(arn);
    this.arm();
  }

  nextInvocation(arn: string): number | undefined {
    return this.entries.get(arn)?.next;
  }

  /** Fires what is due now; resolves when those runs finished. */
  async runDue(): Promise<void> {
    const nowMs = this.now().getTime();
    const runs: Array<Promise<unknown>> = [];
    for (const [arn, entry] of this.entries) {
      if (entry.next === undefined || entry.next > nowMs) continue;
      if (nowMs - entry.next <= MISSED_AFTER_MS) runs.push(this.fire(arn, entry.next));
      entry.next = nextInvocation(entry.schedule, nowMs, entry.anchorMs);
    }
    this.arm();
    await Promise.all(runs);
  }

  close(): void {
    this.closed = true;
    this.entries.clear();
    this.arm();
  }

  private arm(): void {
    if (this.timer !== undefined) this.timers.clearTimer(this.timer);
    this.timer = undefined;
    if (this.closed) return;
    let earliest = Infinity;
    for (const entry of this.entries.values()) if (entry.next !== undefined && entry.next < earliest) earliest = entry.next;
    if (earliest === Infinity) return;
    const delay = Math.min(Math.max(0, earliest - this.now().getTime()), MAX_SLEEP_MS);
    this.timer = this.timers.setTimer(() => {
      this.timer = undefined;
      return this.runDue();
    }, delay);
  }
}
