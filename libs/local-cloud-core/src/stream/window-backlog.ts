import { sequenceIndexOf } from './sequence-number';
import { recordBytes } from './stream-consumer';
import type { StreamRecord } from './stream-types';

export interface WindowBacklogBounds {
  /** MaximumRecordAgeInSeconds, in ms: older records are skipped when their turn comes. */
  maxRecordAgeMs?: number;
  /** Most bytes (data and partition keys) held; above it the oldest records not handed over are skipped, down to 90%. */
  maxBytes?: number;
}

/**
 * One shard's records waiting for the window function, oldest first, with the mapping's own
 * retention: a record past the maximum record age, or the oldest ones while the backlog is above its
 * byte bound, are skipped (never handed to the function), except those at the head already handed
 * over (in an invocation, or waiting for its retry). `skippedThrough` lets the checkpoint move past them.
 */
export class WindowBacklog {
  readonly records: StreamRecord[] = [];
  bytes = 0;
  /** Records at the head in an invocation or waiting for its retry: never skipped. */
  handedOver = 0;
  /** Highest record index skipped. */
  skippedThrough = 0n;
  expired = 0;
  trimmed = 0;

  constructor(
    private readonly shardId: string,
    private readonly bounds: WindowBacklogBounds,
    private readonly onSkipped: (records: StreamRecord[], reason: string) => void,
  ) {}

  push(record: StreamRecord): void {
    this.records.push(record);
    this.bytes += recordBytes(record);
    const bound = this.bounds.maxBytes;
    if (bound !== undefined && this.bytes > bound) this.trim(bound);
  }

  /** Removes the first `count` records (handed over and done with). */
  take(count: number): StreamRecord[] {
    const taken = this.records.splice(0, count);
    for (const record of taken) this.bytes -= recordBytes(record);
    this.handedOver = Math.max(0, this.handedOver - count);
    return taken;
  }

  /** Skips the records at the head older than the maximum record age (when none is handed over). */
  expire(now: number): void {
    const maxAge = this.bounds.maxRecordAgeMs;
    if (maxAge === undefined || this.handedOver > 0) return;
    let n = 0;
    while (n < this.records.length && this.records[n].approximateArrivalTimestamp < now - maxAge) n++;
    if (n === 0) return;
    this.expired += n;
    this.skip(n, `the record expired: it waited longer than the window mapping's maximum record age (${Number((maxAge / 3_600_000).toFixed(3))} h)`);
  }

  private trim(bound: number): void {
    const target = Math.floor(bound * 0.9);
    let bytes = this.bytes;
    let n = 0;
    while (this.handedOver + n < this.records.length && bytes > target) bytes -= recordBytes(this.records[this.handedOver + n++]);
    if (n === 0) return;
    this.trimmed += n;
    this.skip(n, `the window mapping's backlog passed its bound of ${bound} bytes on ${this.shardId}: its oldest records were skipped`);
  }

  private skip(count: number, reason: string): void {
    const skipped = this.records.splice(this.handedOver, count);
    for (const record of skipped) this.bytes -= recordBytes(record);
    const last = sequenceIndexOf(skipped[skipped.length - 1].sequenceNumber);
    if (last > this.skippedThrough) this.skippedThrough = last;
    this.onSkipped(skipped, reason);
  }
}
