import { ServiceError } from '../errors';
import type { NormalizedWriteOutcome } from '../operations/write/write-normalized';
import type { RecordToStore } from '../storage/write-types';

/** The write path for records batch load built and validated (placement, versions, storage: see write-normalized.ts). */
export type NormalizedWriteFn = (database: string, table: string, records: RecordToStore[]) => Promise<NormalizedWriteOutcome>;

/** Records per call and calls in flight; the storage commits the calls that wait together (group commit). */
export interface BulkBatching {
  batch: number;
  concurrency: number;
}

/** Records waiting to be written, each with its metered bytes and the line of the file it came from. */
export class RecordBatch {
  readonly records: RecordToStore[] = [];
  readonly sizes: number[] = [];
  readonly lines: number[] = [];

  get length(): number {
    return this.records.length;
  }

  push(record: RecordToStore, bytes: number, line: number): void {
    this.records.push(record);
    this.sizes.push(bytes);
    this.lines.push(line);
  }

  /** Drops the records from `length` on. */
  truncate(length: number): void {
    this.records.length = length;
    this.sizes.length = length;
    this.lines.length = length;
  }
}

export interface BatchOutcome {
  ingested: number;
  /** metered bytes of the records ingested (names and values, 8 bytes of time) */
  bytes: number;
  rejected: Array<{ line: number; reason: string }>;
}

const ATTEMPTS = 3;

/**
 * Writes a batch in calls of `batching.batch` records, `batching.concurrency` in flight (in order: the storage takes
 * calls in the order they arrive). Failures that are not the request's fault are retried (3 attempts, as
 * writeMappedRecords does) and then thrown, as are 4xx errors (a target table that no longer exists).
 */
export async function writeBatch(write: NormalizedWriteFn, database: string, table: string, batch: RecordBatch, batching: BulkBatching): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { ingested: 0, bytes: 0, rejected: [] };
  const send = async (from: number, to: number): Promise<void> => {
    const records = batch.records.slice(from, to);
    for (let k = 0; k < records.length; k++) records[k].index = k;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await write(database, table, records);
        const refused = new Set<number>();
        for (const r of result.rejected) {
          refused.add(r.RecordIndex);
          outcome.rejected.push({ line: batch.lines[from + r.RecordIndex], reason: r.Reason });
        }
        outcome.ingested += result.ingested;
        for (let k = from; k < to; k++) if (!refused.has(k - from)) outcome.bytes += batch.sizes[k];
        return;
      } catch (error) {
        const transient = !(error instanceof ServiceError) || error.httpStatus >= 500;
        if (!transient || attempt >= ATTEMPTS) throw error;
      }
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < batch.length) {
      const from = next;
      next = Math.min(batch.length, next + batching.batch);
      await send(from, next);
    }
  };
  await Promise.all(Array.from({ length: batching.concurrency }, worker));
  return outcome;
}
