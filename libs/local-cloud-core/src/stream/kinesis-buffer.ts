import type { StreamStats } from '@iot-timeseries/local-cloud-client';
import { StreamFullError } from '../errors';
import { shardIdFor, shardIndexFor } from './shard-map';
import type { BatchConsumer, BatchReport, BatchResult, PutAsideRecord, StreamRecord } from './stream-types';

export interface KinesisBufferOptions {
  shardCount: number;
  /** Most records handed to the consumer at once (event source mapping BatchSize). */
  batchSize: number;
  /** How long a shard waits to fill a batch before handing over what it has (MaximumBatchingWindowInSeconds). */
  batchingWindowMs: number;
  /** Most records a shard holds; beyond it putRecord throws StreamFullError. */
  maxRecordsPerShard: number;
  /** Retries of a failing batch before its remaining records are put aside (MaximumRetryAttempts). */
  maxRetryAttempts: number;
  /** Delay before retry n is `retryDelayMs * n`. */
  retryDelayMs: number;
  consumer: BatchConsumer;
  onBatch?: (report: BatchReport) => void;
  onPutAside?: (items: PutAsideRecord[]) => void;
  now?: () => number;
}

interface Shard {
  id: string;
  records: StreamRecord[];
  inFlight: boolean;
  timer?: NodeJS.Timeout;
  attempt: number;
  nextSequence: bigint;
}

/** The stream's counters (the local cloud's /pipeline reports them). */
export type KinesisBufferStats = StreamStats;

/**
 * An in-memory stand-in for a Kinesis stream plus its Lambda event source mapping: per-shard order by
 * partition key, sequence numbers, batch size + batching window, one batch in flight per shard, partial
 * batch responses (retry from the lowest failed sequence number), bounded retries and bounded capacity.
 */
export class KinesisBuffer {
  private readonly shards: Shard[];
  private readonly now: () => number;
  private closed = false;
  private readonly idleWaiters: Array<() => void> = [];
  readonly stats: KinesisBufferStats = { recordsPut: 0, recordsDelivered: 0, recordsPutAside: 0, recordsRefused: 0, batches: 0, retries: 0, pending: 0 };

  constructor(private readonly options: KinesisBufferOptions) {
    this.now = options.now ?? Date.now;
    this.shards = Array.from({ length: options.shardCount }, (_, i) => ({
      id: shardIdFor(i),
      records: [],
      inFlight: false,
      attempt: 0,
      nextSequence: BigInt(i) * 10n ** 30n + 1n,
    }));
  }

  putRecord(partitionKey: string, data: Buffer): StreamRecord {
    if (this.closed) throw new StreamFullError('the stream is closed');
    const shard = this.shards[shardIndexFor(partitionKey, this.shards.length)];
    if (shard.records.length >= this.options.maxRecordsPerShard) {
      this.stats.recordsRefused++;
      throw new StreamFullError(`${shard.id} holds ${shard.records.length} records, its limit; the record for ${partitionKey} was refused`);
    }
    const record: StreamRecord = {
      shardId: shard.id,
      partitionKey,
      sequenceNumber: '49' + (shard.nextSequence++).toString().padStart(40, '0'),
      data,
      approximateArrivalTimestamp: this.now(),
    };
    shard.records.push(record);
    this.stats.recordsPut++;
    this.stats.pending++;
    this.schedule(shard);
    return record;
  }

  /** Resolves when every shard is empty and nothing is in flight (bounded by `timeoutMs`). */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.stats.pending === 0) return true;
    for (const shard of this.shards) this.flushNow(shard);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** Stops accepting records and cancels timers; records still held are returned (not delivered). */
  close(): StreamRecord[] {
    this.closed = true;
    const left: StreamRecord[] = [];
    for (const shard of this.shards) {
      if (shard.timer) clearTimeout(shard.timer);
      shard.timer = undefined;
      left.push(...shard.records);
    }
    return left;
  }

  shardDepths(): Record<string, number> {
    return Object.fromEntries(this.shards.map((s) => [s.id, s.records.length]));
  }

  private flushNow(shard: Shard): void {
    if (shard.inFlight || shard.records.length === 0) return;
    if (shard.timer) clearTimeout(shard.timer);
    shard.timer = undefined;
    void this.deliver(shard);
  }

  private schedule(shard: Shard): void {
    if (this.closed || shard.inFlight || shard.records.length === 0) return;
    if (shard.records.length >= this.options.batchSize) return this.flushNow(shard);
    if (shard.timer) return;
    const waited = this.now() - shard.records[0].approximateArrivalTimestamp;
    const delay = Math.max(0, this.options.batchingWindowMs - waited);
    shard.timer = setTimeout(() => {
      shard.timer = undefined;
      this.flushNow(shard);
    }, delay);
  }

  private async deliver(shard: Shard): Promise<void> {
    shard.inFlight = true;
    const batch = shard.records.slice(0, this.options.batchSize);
    const attempt = shard.attempt;
    const started = this.now();
    let result: BatchResult;
    try {
      result = await this.options.consumer(shard.id, batch);
    } catch (error) {
      result = { error: error instanceof Error ? error.message : String(error) };
    }
    this.stats.batches++;
    this.options.onBatch?.({ shardId: shard.id, records: batch, result, attempt, durationMs: this.now() - started });
    const firstFailed = this.firstFailedIndex(batch, result);
    if (firstFailed === batch.length) {
      this.settle(shard, batch.length);
      shard.attempt = 0;
    } else {
      this.settle(shard, firstFailed);
      if (attempt >= this.options.maxRetryAttempts) {
        const remaining = batch.length - firstFailed;
        const reason = 'error' in result ? `the function failed: ${result.error}` : 'the function reported the item as failed';
        const items = shard.records.slice(0, remaining).map((record) => ({
          record,
          reason: `${reason}; put aside after ${attempt + 1} attempts`,
        }));
        this.settle(shard, remaining, true);
        this.options.onPutAside?.(items);
        shard.attempt = 0;
      } else {
        shard.attempt = attempt + 1;
        this.stats.retries++;
        shard.inFlight = false;
        if (!this.closed) {
          shard.timer = setTimeout(() => {
            shard.timer = undefined;
            this.flushNow(shard);
          }, this.options.retryDelayMs * (attempt + 1));
        }
        return;
      }
    }
    shard.inFlight = false;
    this.schedule(shard);
    this.notifyIfIdle();
  }

  /** Index in the batch of the first record to retry (batch.length when all succeeded). */
  private firstFailedIndex(batch: readonly StreamRecord[], result: BatchResult): number {
    if ('error' in result) return 0;
    if (result.failedSequenceNumbers.length === 0) return batch.length;
    const lowest = [...result.failedSequenceNumbers].sort()[0];
    const index = batch.findIndex((r) => r.sequenceNumber === lowest);
    // An identifier that is not in the batch fails the whole batch, as Lambda does.
    return index < 0 ? 0 : index;
  }

  private settle(shard: Shard, count: number, putAside = false): void {
    shard.records.splice(0, count);
    this.stats.pending -= count;
    if (putAside) this.stats.recordsPutAside += count;
    else this.stats.recordsDelivered += count;
  }

  private notifyIfIdle(): void {
    if (this.stats.pending !== 0 || this.shards.some((s) => s.inFlight)) return;
    for (const waiter of this.idleWaiters.splice(0)) waiter();
  }
}
