import type { ConsumerLag, WindowStats } from '@iot-timeseries/local-cloud-client';
import { sequenceIndexOf } from './sequence-number';
import type { StreamConsumer } from './stream-consumer';
import type { StreamLog } from './stream-log';
import type { PutAsideRecord, StreamRecord } from './stream-types';
import { readWindowReply, type WindowReply } from './window-reply';
import { shardIdFor } from './shard-map';
import { WindowBacklog } from './window-backlog';

/** One invocation of a tumbling-window function, before it becomes a Lambda event. */
export interface WindowInvocation {
  records: readonly StreamRecord[];
  window: { start: number; end: number };
  state: Record<string, unknown>;
  isFinalInvokeForWindow: boolean;
  isWindowTerminatedEarly: boolean;
}

export interface TumblingWindowOptions {
  name: string;
  shardCount: number;
  /** TumblingWindowInSeconds (1..900). */
  windowSeconds: number;
  batchSize: number;
  batchingWindowMs: number;
  maxRetryAttempts: number;
  retryDelayMs: number;
  /** Wait this long after a window's end before its final invocation (records stored just before the end join it). */
  closeDelayMs?: number;
  /** A state larger than this (its JSON) ends the window early (Lambda: 1 MB per shard). */
  stateLimitBytes: number;
  /** Invokes the function; resolves with its reply, or rejects/returns an error when it failed. */
  invoke(shardId: string, invocation: WindowInvocation): Promise<{ ok: true; reply: unknown } | { ok: false; error: string }>;
  onPutAside?: (items: PutAsideRecord[]) => unknown;
  /**
   * MaximumRecordAgeInSeconds, in ms: a record older than this when its turn comes is skipped
   * (counted in `recordsExpired`, handed to onPutAside). Unbounded when absent.
   */
  maxRecordAgeMs?: number;
  /**
   * Most bytes (data and partition keys) the mapping holds per shard for records not yet handed to
   * the function. Above it the oldest records not in an invocation are skipped, down to 90% of it
   * (counted in `recordsTrimmed`): a lagging mapping loses its own oldest records, as a Kinesis
   * consumer behind the retention period does, instead of holding the stream back. Unbounded when absent.
   */
  maxBacklogBytes?: number;
  log?: StreamLog;
  now?: () => number;
}

interface OpenWindow {
  start: number;
  end: number;
  state: Record<string, unknown>;
  /** Highest record index handed to the function (or put aside) in this window. */
  lastIndex: bigint;
}

interface WindowShard {
  index: number;
  id: string;
  /** Records waiting for the function, with the mapping's retention bounds. */
  queue: WindowBacklog;
  open?: OpenWindow;
  /** Where the last closed window ended: a record arriving after that belongs to a later window. */
  closedUntil: number;
  inFlight: boolean;
  timer?: NodeJS.Timeout;
  attempt: number;
}

/**
 * Lambda's event source mapping with a tumbling window (TumblingWindowInSeconds), as AWS documents
 * it: a record belongs to the window its arrival time falls in (windows aligned to multiples of the
 * window length); the function is invoked with batches of a window and the `state` it returned
 * last; at the window's end comes a final invocation (`isFinalInvokeForWindow`, with the window's
 * remaining records or none); a state above 1 MB ends the window early (a final invocation with
 * `isWindowTerminatedEarly`, then the window goes on with a fresh state). A failed invocation is
 * retried within the window with the state it had (a partial batch response keeps the returned
 * state and retries from the failed item); after the retries the records are put aside. The shard's
 * checkpoint moves when a window's final invocation succeeded, so a restart replays an open window.
 */
export class TumblingWindowMapping implements StreamConsumer {
  readonly name: string;
  private readonly shards: WindowShard[];
  private readonly now: () => number;
  private closed = false;
  private readonly idleWaiters: Array<() => void> = [];
  readonly stats: WindowStats = { windowsClosed: 0, windowsTerminatedEarly: 0, windowsDropped: 0, invocations: 0, finalInvocations: 0, retries: 0, recordsPutAside: 0, pending: 0, openWindows: 0 };

  constructor(private readonly options: TumblingWindowOptions) {
    this.name = options.name;
    this.now = options.now ?? Date.now;
    const bounds = { maxRecordAgeMs: options.maxRecordAgeMs, maxBytes: options.maxBacklogBytes };
    this.shards = Array.from({ length: options.shardCount }, (_, i) => ({ index: i, id: shardIdFor(i), queue: new WindowBacklog(shardIdFor(i), bounds, (records, reason) => this.skipped(records, reason)), closedUntil: 0, inFlight: false, attempt: 0 }));
  }

  push(shard: number, record: StreamRecord): void {
    const s = this.shards[shard];
    if (!s || this.closed) return;
    this.stats.pending++;
    s.queue.push(record);
    this.pump(s);
  }

  lag(now: number): ConsumerLag {
    let oldest = Infinity;
    for (const s of this.shards) if (s.queue.records.length > 0) oldest = Math.min(oldest, s.queue.records[0].approximateArrivalTimestamp);
    return {
      name: this.name,
      recordsBehind: this.stats.pending,
      bytesBehind: this.shards.reduce((sum, s) => sum + s.queue.bytes, 0),
      iteratorAgeMs: oldest === Infinity ? 0 : Math.max(0, now - oldest),
      recordsExpired: this.shards.reduce((sum, s) => sum + s.queue.expired, 0),
      recordsTrimmed: this.shards.reduce((sum, s) => sum + s.queue.trimmed, 0),
    };
  }

  /** Records the backlog skipped (expired or over its bound): never handed to the function (the ingest mapping has them). */
  private skipped(records: StreamRecord[], reason: string): void {
    this.stats.pending -= records.length;
    void Promise.resolve()
      .then(() => this.options.onPutAside?.(records.map((record) => ({ record, reason }))))
      .catch(() => undefined);
  }

  /** Resolves when every window is closed and nothing waits (bounded by `timeoutMs`). */
  drain(timeoutMs: number): Promise<boolean> {
    if (this.idle()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  close(): void {
    this.closed = true;
    for (const s of this.shards) if (s.timer) clearTimeout(s.timer);
  }

  private windowOf(arrival: number): number {
    const ms = this.options.windowSeconds * 1000;
    return Math.floor(arrival / ms) * ms;
  }

  private pump(shard: WindowShard): void {
    if (this.closed || shard.inFlight) return;
    if (shard.timer) clearTimeout(shard.timer);
    shard.timer = undefined;
    shard.queue.expire(this.now());
    const queue = shard.queue.records;
    if (!shard.open) {
      if (queue.length === 0) return this.notifyIfIdle();
      const start = Math.max(this.windowOf(queue[0].approximateArrivalTimestamp), shard.closedUntil);
      shard.open = { start, end: start + this.options.windowSeconds * 1000, state: {}, lastIndex: 0n };
      this.stats.openWindows++;
    }
    const open = shard.open;
    let inWindow = 0;
    while (inWindow < queue.length && queue[inWindow].approximateArrivalTimestamp < open.end) inWindow++;
    const closeAt = open.end + (this.options.closeDelayMs ?? 250);
    const now = this.now();
    if (now >= closeAt && inWindow <= this.options.batchSize) return void this.run(shard, queue.slice(0, inWindow), true);
    const batchDue = inWindow > 0 && now >= queue[0].approximateArrivalTimestamp + this.options.batchingWindowMs;
    if (inWindow >= this.options.batchSize || batchDue || (now >= closeAt && inWindow > 0)) return void this.run(shard, queue.slice(0, Math.min(inWindow, this.options.batchSize)), false);
    const due = inWindow > 0 ? Math.min(queue[0].approximateArrivalTimestamp + this.options.batchingWindowMs, closeAt) : closeAt;
    shard.timer = setTimeout(() => this.pump(shard), Math.max(0, due - now));
  }

  private async run(shard: WindowShard, batch: StreamRecord[], final: boolean, terminatedEarly = false): Promise<void> {
    const open = shard.open;
    if (!open) return;
    shard.inFlight = true;
    shard.queue.handedOver = batch.length;
    const invocation: WindowInvocation = { records: batch, window: { start: open.start, end: open.end }, state: open.state, isFinalInvokeForWindow: final, isWindowTerminatedEarly: terminatedEarly };
    let reply: WindowReply;
    try {
      const outcome = await this.options.invoke(shard.id, invocation);
      reply = outcome.ok ? readWindowReply(outcome.reply, batch) : { ok: false, error: outcome.error };
    } catch (error) {
      reply = { ok: false, error: (error as Error).message };
    }
    this.stats.invocations++;
    if (final) this.stats.finalInvocations++;
    const done = reply.ok ? reply.firstFailed : 0;
    if (reply.ok) open.state = reply.state;
    this.take(shard, done);
    shard.inFlight = false;
    if (this.closed) return;
    if (reply.ok && done === batch.length) {
      shard.attempt = 0;
      if (final) return this.closeWindow(shard, terminatedEarly);
      if (Buffer.byteLength(JSON.stringify(open.state), 'utf8') > this.options.stateLimitBytes) {
        // The state is too large to carry on: the window ends early with it, and goes on with a fresh state.
        return void this.run(shard, [], true, true);
      }
      return this.pump(shard);
    }
    if (shard.attempt < this.options.maxRetryAttempts) {
      shard.attempt++;
      this.stats.retries++;
      const retry = batch.slice(done);
      shard.timer = setTimeout(() => void this.run(shard, retry, final, terminatedEarly), this.options.retryDelayMs * shard.attempt);
      return;
    }
    shard.attempt = 0;
    const reason = `the window function failed${reply.ok ? ' the item' : `: ${reply.error}`}; put aside after ${this.options.maxRetryAttempts + 1} attempts`;
    await this.putAside(shard, batch.slice(done), reason);
    if (final) {
      // The final invocation never succeeded: the window's aggregate is given up (its records are past the checkpoint).
      this.stats.windowsDropped++;
      return this.closeWindow(shard, terminatedEarly);
    }
    this.pump(shard);
  }

  /** The first `count` records of the queue are done with in the open window. */
  private take(shard: WindowShard, count: number): void {
    if (count === 0 || !shard.open) return;
    const taken = shard.queue.take(count);
    const last = sequenceIndexOf(taken[taken.length - 1].sequenceNumber);
    if (last > shard.open.lastIndex) shard.open.lastIndex = last;
    this.stats.pending -= count;
  }

  private async putAside(shard: WindowShard, records: StreamRecord[], reason: string): Promise<void> {
    if (records.length === 0) return;
    try {
      await this.options.onPutAside?.(records.map((record) => ({ record, reason })));
    } catch {
      // Kept in the log past the checkpoint: a restart hands them over again.
    }
    this.take(shard, records.length);
    this.stats.recordsPutAside += records.length;
  }

  private closeWindow(shard: WindowShard, terminatedEarly: boolean): void {
    const open = shard.open;
    if (!open) return;
    // Past what the window handled and what was skipped before its end (every record after that is still queued).
    const through = open.lastIndex > shard.queue.skippedThrough ? open.lastIndex : shard.queue.skippedThrough;
    if (through > 0n) this.options.log?.checkpoint(shard.index, through, this.name);
    if (terminatedEarly) {
      this.stats.windowsTerminatedEarly++;
      shard.open = { ...open, state: {} };
    } else {
      this.stats.windowsClosed++;
      this.stats.openWindows--;
      shard.closedUntil = open.end;
      shard.open = undefined;
    }
    this.pump(shard);
  }

  private idle(): boolean {
    return this.shards.every((s) => !s.open && s.queue.records.length === 0 && !s.inFlight);
  }

  private notifyIfIdle(): void {
    if (!this.idle()) return;
    for (const waiter of this.idleWaiters.splice(0)) waiter();
  }
}
