import type { ConsumerLag, StreamStats } from '@iot-timeseries/local-cloud-client';
import { StreamFullError } from '../errors';
import type { StreamConsumer } from './stream-consumer';
import type { RecoveredShard, StreamLog } from './stream-log';
import { sequenceIndexOf, sequenceNumberOf } from './sequence-number';
import { shardIdFor, shardIndexFor } from './shard-map';
import { boundedMemo } from '../util/bounded-memo';
import { ShardState, type Lane } from './shard-state';
import type { BatchConsumer, BatchReport, BatchResult, PutAsideRecord, StreamRecord } from './stream-types';

export interface KinesisBufferOptions {
  shardCount: number;
  /**
   * Batches in flight per shard (Lambda's ParallelizationFactor, 1-10; 1 by default): each partition
   * key belongs to one of the shard's lanes, so a key's records are still handed over in order.
   */
  parallelizationFactor?: number;
  /** Most records handed to the consumer at once (event source mapping BatchSize). */
  batchSize: number;
  /** How long a shard waits to fill a batch before handing over what it has (MaximumBatchingWindowInSeconds). */
  batchingWindowMs: number;
  /**
   * Most records a shard holds for this mapping (accepted and not yet done with by the function);
   * beyond it a put throws StreamFullError. Only this mapping counts: other consumers (`consumers`)
   * lag on their own bounds, as a slow Kinesis consumer only grows its own iterator age.
   */
  maxRecordsPerShard: number;
  /** Retries of a failing batch before its remaining records are put aside (MaximumRetryAttempts). */
  maxRetryAttempts: number;
  /** Delay before retry n is `retryDelayMs * n`. */
  retryDelayMs: number;
  /** A record still waiting this long for the function is put aside as expired (Kinesis' retention period). */
  retentionMs?: number;
  consumer: BatchConsumer;
  onBatch?: (report: BatchReport) => void;
  /** Keeps what is put aside; the shard's checkpoint moves past the records only once this settles. */
  onPutAside?: (items: PutAsideRecord[]) => unknown;
  /** The stream on disk: records are handed to the consumer once stored, and checkpoints are kept there. */
  log?: StreamLog;
  /** What the log held when it was opened: records resume with their sequence numbers. */
  recovered?: ReadonlyMap<number, RecoveredShard>;
  /** Other event source mappings on the stream (each with its own checkpoints): they get every stored record too. */
  consumers?: readonly StreamConsumer[];
  /** The function this mapping invokes (its name in the consumers' lag). */
  name?: string;
  now?: () => number;
}

/** The stream's counters (the local cloud's /pipeline reports them). */
export type KinesisBufferStats = StreamStats;

/**
 * A Kinesis-like stream plus its Lambda event source mapping: per-shard order by partition key,
 * sequence numbers, batch size + batching window, one batch in flight per lane of a shard (the
 * parallelization factor), partial batch
 * responses (retry from the lowest failed sequence number), bounded retries, bounded capacity and a
 * retention period. With a log (StreamLog) records are on disk before they are acknowledged and
 * each shard's checkpoint is kept there, so a restart resumes where the consumer was.
 */
export class KinesisBuffer {
  private readonly shards: ShardState[];
  private readonly now: () => number;
  /** A device's partition key hashes to the same shard every time: the MD5 once per key. */
  private readonly shardIndexOf: (partitionKey: string) => number;
  private closed = false;
  private readonly idleWaiters: Array<() => void> = [];
  private recordsExpired = 0;
  readonly stats: KinesisBufferStats = { recordsPut: 0, recordsDelivered: 0, recordsPutAside: 0, recordsRefused: 0, batches: 0, retries: 0, pending: 0, recordsRecovered: 0 };

  constructor(private readonly options: KinesisBufferOptions) {
    this.now = options.now ?? Date.now;
    const lanes = options.parallelizationFactor ?? 1;
    if (!Number.isInteger(lanes) || lanes < 1 || lanes > 10) throw new RangeError(`parallelizationFactor must be a whole number from 1 to 10, got ${lanes}`);
    this.shards = Array.from({ length: options.shardCount }, (_, i) => new ShardState(i, shardIdFor(i), lanes));
    this.shardIndexOf = boundedMemo((partitionKey) => shardIndexFor(partitionKey, options.shardCount));
    for (const [i, recovered] of options.recovered ?? []) {
      const shard = this.shards[i];
      shard.nextSequence = recovered.lastIndex + 1n;
      for (const f of recovered.pending) {
        shard.enqueue({ shardId: shard.id, partitionKey: f.partitionKey, sequenceNumber: sequenceNumberOf(i, f.index), data: f.data, approximateArrivalTimestamp: f.arrival });
      }
      this.stats.recordsRecovered += recovered.pending.length;
      this.stats.pending += recovered.pending.length;
    }
    for (const shard of this.shards) for (const lane of shard.lanes) this.schedule(shard, lane);
  }

  /** Puts a record into its shard at once (a stream without a log). */
  putRecord(partitionKey: string, data: Buffer): StreamRecord {
    const { shard, record } = this.accept(partitionKey, data);
    this.enqueue(shard, record);
    return record;
  }

  /**
   * Puts a record into the stream and resolves once it is stored in the log (at once without one):
   * only then is it acknowledged, and only then does the consumer see it. A full shard or a closed
   * stream rejects with StreamFullError; a failed write with StorageError (the record is not kept).
   */
  async appendRecord(partitionKey: string, data: Buffer): Promise<StreamRecord> {
    const { shard, record } = this.accept(partitionKey, data);
    const log = this.options.log;
    if (!log) {
      this.enqueue(shard, record);
      return record;
    }
    shard.storing++;
    try {
      await log.append({ type: 'record', shard: shard.index, index: sequenceIndexOf(record.sequenceNumber), arrival: record.approximateArrivalTimestamp, partitionKey, data });
    } catch (error) {
      shard.storing--;
      this.stats.pending--;
      this.stats.recordsPut--;
      this.notifyIfIdle();
      throw error;
    }
    shard.storing--;
    this.enqueue(shard, record);
    return record;
  }

  private accept(partitionKey: string, data: Buffer): { shard: ShardState; record: StreamRecord } {
    if (this.closed) throw new StreamFullError('the stream is closed');
    const shard = this.shards[this.shardIndexOf(partitionKey)];
    const held = shard.held;
    if (held >= this.options.maxRecordsPerShard) {
      this.stats.recordsRefused++;
      throw new StreamFullError(`${shard.id} holds ${held} records, its limit; the record for ${partitionKey} was refused`);
    }
    const record: StreamRecord = {
      shardId: shard.id,
      partitionKey,
      sequenceNumber: sequenceNumberOf(shard.index, shard.nextSequence++),
      data,
      approximateArrivalTimestamp: this.now(),
    };
    this.stats.recordsPut++;
    this.stats.pending++;
    return { shard, record };
  }

  private enqueue(shard: ShardState, record: StreamRecord): void {
    for (const consumer of this.options.consumers ?? []) consumer.push(shard.index, record);
    this.schedule(shard, shard.enqueue(record));
  }

  /** Resolves when every shard is empty and nothing is in flight (bounded by `timeoutMs`). */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.stats.pending === 0) return true;
    for (const lane of this.lanes()) this.flushNow(lane);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** Stops accepting records and cancels timers; records still held are returned (not delivered; with a log they stay on disk). */
  close(): StreamRecord[] {
    this.closed = true;
    for (const consumer of this.options.consumers ?? []) consumer.close();
    const left: StreamRecord[] = [];
    for (const shard of this.shards) {
      for (const lane of shard.lanes) {
        if (lane.timer) clearTimeout(lane.timer);
        lane.timer = undefined;
      }
      left.push(...shard.remaining());
    }
    return left;
  }

  /** How far this mapping and the other consumers are behind the stream's newest record. */
  consumerLags(now = this.now()): ConsumerLag[] {
    let oldest = Infinity;
    for (const shard of this.shards) oldest = Math.min(oldest, shard.oldestArrival ?? Infinity);
    const own: ConsumerLag = {
      name: this.options.name ?? 'ingest',
      recordsBehind: this.stats.pending,
      bytesBehind: this.shards.reduce((sum, s) => sum + s.bytes, 0),
      iteratorAgeMs: oldest === Infinity ? 0 : Math.max(0, now - oldest),
      recordsExpired: this.recordsExpired,
      recordsTrimmed: 0,
    };
    return [own, ...(this.options.consumers ?? []).map((c) => c.lag(now))];
  }

  shardDepths(): Record<string, number> {
    return Object.fromEntries(this.shards.map((s) => [s.id, s.depth]));
  }

  private lanes(): Array<{ shard: ShardState; lane: Lane }> {
    return this.shards.flatMap((shard) => shard.lanes.map((lane) => ({ shard, lane })));
  }

  private flushNow({ shard, lane }: { shard: ShardState; lane: Lane }): void {
    if (lane.inFlight || lane.records.length === 0) return;
    if (lane.timer) clearTimeout(lane.timer);
    lane.timer = undefined;
    void this.deliver(shard, lane);
  }

  private schedule(shard: ShardState, lane: Lane): void {
    if (this.closed || lane.inFlight || lane.records.length === 0) return;
    if (lane.records.length >= this.options.batchSize) return this.flushNow({ shard, lane });
    if (lane.timer) return;
    const waited = this.now() - lane.records[0].approximateArrivalTimestamp;
    const delay = Math.max(0, this.options.batchingWindowMs - waited);
    lane.timer = setTimeout(() => {
      lane.timer = undefined;
      this.flushNow({ shard, lane });
    }, delay);
  }

  private async deliver(shard: ShardState, lane: Lane): Promise<void> {
    lane.inFlight = true;
    if (!(await this.expireOld(shard, lane))) return;
    if (lane.records.length === 0) return this.finishDelivery(shard, lane);
    const batch = lane.records.slice(0, this.options.batchSize);
    const attempt = lane.attempt;
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
      this.settle(shard, lane, batch.length);
      lane.attempt = 0;
    } else {
      this.settle(shard, lane, firstFailed);
      if (attempt >= this.options.maxRetryAttempts) {
        const remaining = batch.length - firstFailed;
        const reason = 'error' in result ? `the function failed: ${result.error}` : 'the function reported the item as failed';
        const items = lane.records.slice(0, remaining).map((record) => ({
          record,
          reason: `${reason}; put aside after ${attempt + 1} attempts`,
        }));
        if (!(await this.putAside(shard, lane, items))) return this.retryLater(shard, lane, attempt);
        lane.attempt = 0;
      } else {
        lane.attempt = attempt + 1;
        this.stats.retries++;
        return this.retryLater(shard, lane, attempt);
      }
    }
    this.finishDelivery(shard, lane);
  }

  private finishDelivery(shard: ShardState, lane: Lane): void {
    lane.inFlight = false;
    this.schedule(shard, lane);
    this.notifyIfIdle();
  }

  private retryLater(shard: ShardState, lane: Lane, attempt: number): void {
    lane.inFlight = false;
    if (this.closed) return;
    lane.timer = setTimeout(() => {
      lane.timer = undefined;
      this.flushNow({ shard, lane });
    }, this.options.retryDelayMs * (attempt + 1));
  }

  /** Puts aside the records at the head of the lane that waited longer than the retention period. */
  private async expireOld(shard: ShardState, lane: Lane): Promise<boolean> {
    const retentionMs = this.options.retentionMs;
    if (retentionMs === undefined) return true;
    const oldest = this.now() - retentionMs;
    let n = 0;
    while (n < lane.records.length && lane.records[n].approximateArrivalTimestamp < oldest) n++;
    if (n === 0) return true;
    const hours = Number((retentionMs / 3_600_000).toFixed(3));
    const items = lane.records.slice(0, n).map((record) => ({
      record,
      reason: `the record expired: it waited longer than the stream's retention period (${hours} h) without the function processing it`,
    }));
    if (await this.putAside(shard, lane, items)) {
      this.recordsExpired += items.length;
      return true;
    }
    this.retryLater(shard, lane, 0);
    return false;
  }

  /** Hands the items (the first records of the lane) to onPutAside, then settles them; false when that failed. */
  private async putAside(shard: ShardState, lane: Lane, items: PutAsideRecord[]): Promise<boolean> {
    try {
      await this.options.onPutAside?.(items);
    } catch {
      // Not kept aside, so not done with: the records stay and are tried again.
      return false;
    }
    this.settle(shard, lane, items.length, true);
    return true;
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

  private settle(shard: ShardState, lane: Lane, count: number, putAside = false): void {
    if (count === 0) return;
    const checkpoint = shard.settle(lane, count);
    if (checkpoint !== undefined) this.options.log?.checkpoint(shard.index, checkpoint);
    this.stats.pending -= count;
    if (putAside) this.stats.recordsPutAside += count;
    else this.stats.recordsDelivered += count;
  }

  private notifyIfIdle(): void {
    if (this.stats.pending !== 0 || this.shards.some((s) => s.inFlight)) return;
    for (const waiter of this.idleWaiters.splice(0)) waiter();
  }
}
