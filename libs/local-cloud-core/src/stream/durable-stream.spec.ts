import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StreamFullError, StreamLogError } from '../errors';
import { openDurableStream } from './durable-stream';
import type { KinesisBufferOptions } from './kinesis-buffer';
import type { BatchResult, PutAsideRecord, StreamRecord } from './stream-types';

type Options = Omit<KinesisBufferOptions, 'log' | 'recovered'>;

describe('openDurableStream', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'durable-stream-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const options = (consumer: (records: readonly StreamRecord[]) => Promise<BatchResult>, overrides: Partial<Options> = {}): Options => ({
    shardCount: 2,
    batchSize: 10,
    batchingWindowMs: 10,
    maxRecordsPerShard: 100,
    maxRetryAttempts: 1,
    retryDelayMs: 1,
    consumer: (_shard, records) => consumer(records),
    ...overrides,
  });
  const keys = ['sensor-001', 'sensor-002', 'sensor-003', 'sensor-004'];

  it('resumes after a restart from each shard checkpoint, with the same sequence numbers, at least once', async () => {
    const seen: StreamRecord[] = [];
    let failing = false;
    const first = await openDurableStream(dir, 'fsync', options(async (records) => {
      if (failing) return { error: 'Timestream is down' };
      seen.push(...records);
      return { failedSequenceNumbers: [] };
    }, { maxRetryAttempts: 1000, retryDelayMs: 5 }));
    for (let i = 0; i < 8; i++) await first.buffer.appendRecord(keys[i % 4], Buffer.from(`m${i}`));
    expect(await first.buffer.drain(2000)).toBe(true);
    failing = true;
    const acknowledged = [];
    for (let i = 8; i < 16; i++) acknowledged.push(await first.buffer.appendRecord(keys[i % 4], Buffer.from(`m${i}`)));
    await new Promise((r) => setTimeout(r, 50));
    // The process stops here (what was delivered is checkpointed; the rest is only on disk).
    await first.close();

    const again: StreamRecord[] = [];
    const second = await openDurableStream(dir, 'fsync', options(async (records) => (again.push(...records), { failedSequenceNumbers: [] })));
    expect(second.buffer.stats.recordsRecovered).toBe(8);
    expect(await second.buffer.drain(2000)).toBe(true);
    expect(again.map((r) => [r.sequenceNumber, r.partitionKey, r.data.toString(), r.approximateArrivalTimestamp]).sort()).toEqual(
      acknowledged.map((r) => [r.sequenceNumber, r.partitionKey, r.data.toString(), r.approximateArrivalTimestamp]).sort(),
    );
    // Numbering goes on after the recovered records, shard by shard.
    const next = await second.buffer.appendRecord(keys[0], Buffer.from('m16'));
    const sameShard = acknowledged.filter((r) => r.shardId === next.shardId).map((r) => r.sequenceNumber);
    expect(next.sequenceNumber > sameShard[sameShard.length - 1]).toBe(true);
    await second.buffer.drain(2000);
    await second.close();

    const third = await openDurableStream(dir, 'fsync', options(async () => ({ failedSequenceNumbers: [] })));
    expect(third.buffer.stats.recordsRecovered).toBe(0);
    await third.close();
  });

  it('refuses a record when a shard holds its capacity, counting records still being stored', async () => {
    const stream = await openDurableStream(dir, 'write', options(async () => ({ error: 'down' }), { shardCount: 1, maxRecordsPerShard: 2, maxRetryAttempts: 1000, retryDelayMs: 1000 }));
    const stored = [stream.buffer.appendRecord('k', Buffer.from('1')), stream.buffer.appendRecord('k', Buffer.from('2'))];
    await expect(stream.buffer.appendRecord('k', Buffer.from('3'))).rejects.toThrow(StreamFullError);
    await Promise.all(stored);
    expect(stream.buffer.stats).toMatchObject({ recordsPut: 2, recordsRefused: 1, pending: 2 });
    await stream.close();
  });

  it('puts aside, with the reason, records older than the retention period, and moves the checkpoint past them', async () => {
    let now = 1_000_000;
    const putAside: PutAsideRecord[] = [];
    const delivered: string[] = [];
    const consumer = async (records: readonly StreamRecord[]) => (delivered.push(...records.map((r) => r.data.toString())), { failedSequenceNumbers: [] });
    const first = await openDurableStream(dir, 'write', options(async () => ({ error: 'down' }), { shardCount: 1, maxRetryAttempts: 1000, retryDelayMs: 1000, now: () => now }));
    await first.buffer.appendRecord('k', Buffer.from('old'));
    await first.close();
    now += 2 * 3_600_000;
    const second = await openDurableStream(dir, 'write', options(consumer, { shardCount: 1, retentionMs: 3_600_000, now: () => now, onPutAside: (items) => void putAside.push(...items) }));
    await second.buffer.appendRecord('k', Buffer.from('fresh'));
    expect(await second.buffer.drain(2000)).toBe(true);
    expect(putAside.map((p) => [p.record.data.toString(), p.reason])).toEqual([['old', "the record expired: it waited longer than the stream's retention period (1 h) without the function processing it"]]);
    expect(delivered).toEqual(['fresh']);
    await second.close();
    const third = await openDurableStream(dir, 'write', options(consumer, { shardCount: 1 }));
    expect(third.buffer.stats.recordsRecovered).toBe(0);
    await third.close();
  });

  it('keeps records whose put-aside failed, and tries again', async () => {
    let attempts = 0;
    const stream = await openDurableStream(dir, 'write', options(async () => ({ error: 'always' }), {
      shardCount: 1,
      maxRetryAttempts: 0,
      onPutAside: async () => {
        if (attempts++ === 0) throw new Error('disk full');
      },
    }));
    await stream.buffer.appendRecord('k', Buffer.from('x'));
    expect(await stream.buffer.drain(2000)).toBe(true);
    expect(attempts).toBe(2);
    expect(stream.buffer.stats).toMatchObject({ recordsPutAside: 1, pending: 0 });
    await stream.close();
  });

  it('refuses a log with records pending in shards beyond the configured count, naming the flag', async () => {
    const wide = await openDurableStream(dir, 'write', options(async () => ({ error: 'down' }), { shardCount: 4, maxRetryAttempts: 1000, retryDelayMs: 1000 }));
    for (const key of keys) await wide.buffer.appendRecord(key, Buffer.from(key));
    await wide.close();
    await expect(openDurableStream(dir, 'write', options(async () => ({ failedSequenceNumbers: [] }), { shardCount: 1 }))).rejects.toThrow(StreamLogError);
    await expect(openDurableStream(dir, 'write', options(async () => ({ failedSequenceNumbers: [] }), { shardCount: 1 }))).rejects.toThrow(/start with --shards \d/);
  });
});
