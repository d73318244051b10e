import { StreamLogError } from '../errors';
import type { Durability } from '../storage/durability';
import { KinesisBuffer, type KinesisBufferOptions } from './kinesis-buffer';
import { StreamLog } from './stream-log';

export interface DurableStream {
  buffer: KinesisBuffer;
  log: StreamLog;
  /** What recovery did (a torn tail cut off, …), for the log. */
  notes: string[];
  /** Stops the stream (records stay on disk) and closes the log. */
  close(): Promise<void>;
}

/**
 * Opens the stream's log in `dir` and the stream over it: records after each shard's checkpoint
 * are handed to the consumer again, with their sequence numbers. A log with records still pending
 * in shards beyond `shardCount` is refused (they would never be delivered).
 */
export async function openDurableStream(dir: string, durability: Durability, options: Omit<KinesisBufferOptions, 'log' | 'recovered'>): Promise<DurableStream> {
  const { log, shards, notes } = await StreamLog.open({ dir, durability });
  const stranded = [...shards].filter(([i, s]) => i >= options.shardCount && s.pending.length > 0);
  if (stranded.length > 0) {
    await log.close();
    const held = stranded.map(([i, s]) => `shard ${i}: ${s.pending.length}`).join(', ');
    throw new StreamLogError(
      `the stream in ${dir} still holds records in shards beyond the ${options.shardCount} configured (${held}); start with --shards ${Math.max(...stranded.map(([i]) => i)) + 1} until they are delivered`,
    );
  }
  const buffer = new KinesisBuffer({ ...options, log, recovered: shards });
  return {
    buffer,
    log,
    notes,
    async close() {
      buffer.close();
      await log.close();
    },
  };
}
