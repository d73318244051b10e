import { StreamFullError } from '../errors';
import { KinesisBuffer, type KinesisBufferOptions } from './kinesis-buffer';
import { shardIndexFor } from './shard-map';
import { laneIndexFor } from './shard-state';
import type { BatchResult, StreamRecord } from './stream-types';

type Call = { shardId: string; keys: string[]; data: string[]; seqs: string[] };

function harness(overrides: Partial<KinesisBufferOptions> = {}, respond?: (call: Call, n: number) => BatchResult) {
  const calls: Call[] = [];
  const putAside: Array<{ data: string; reason: string }> = [];
  const buffer = new KinesisBuffer({
    shardCount: 1,
    batchSize: 3,
    batchingWindowMs: 20,
    maxRecordsPerShard: 100,
    maxRetryAttempts: 2,
    retryDelayMs: 1,
    consumer: async (shardId, records: readonly StreamRecord[]) => {
      const call = { shardId, keys: records.map((r) => r.partitionKey), data: records.map((r) => r.data.toString()), seqs: records.map((r) => r.sequenceNumber) };
      calls.push(call);
      return respond ? respond(call, calls.length) : { failedSequenceNumbers: [] };
    },
    onPutAside: (items) => putAside.push(...items.map((i) => ({ data: i.record.data.toString(), reason: i.reason }))),
    ...overrides,
  });
  const put = (key: string, data: string) => buffer.putRecord(key, Buffer.from(data));
  return { buffer, calls, putAside, put };
}

describe('KinesisBuffer', () => {
  it('hands over a full batch at once and the rest after the batching window', async () => {
    const { buffer, calls, put } = harness();
    ['a', 'b', 'c', 'd'].forEach((d) => put('k', d));
    await new Promise((r) => setTimeout(r, 1));
    expect(calls.map((c) => c.data)).toEqual([['a', 'b', 'c']]);
    expect(await buffer.drain(1000)).toBe(true);
    expect(calls.map((c) => c.data)).toEqual([['a', 'b', 'c'], ['d']]);
    expect(buffer.stats).toMatchObject({ recordsPut: 4, recordsDelivered: 4, pending: 0, batches: 2 });
  });

  it('waits for the batching window when a batch is not full', async () => {
    const { buffer, calls, put } = harness({ batchingWindowMs: 60 });
    put('k', 'x');
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 80));
    expect(calls).toHaveLength(1);
    buffer.close();
  });

  it('gives increasing fixed-width sequence numbers and keeps per-key order within a shard', async () => {
    const { buffer, calls, put } = harness({ shardCount: 4, batchSize: 100 });
    const keys = ['sensor-001', 'sensor-002', 'sensor-003', 'sensor-004', 'sensor-005'];
    for (let i = 0; i < 20; i++) put(keys[i % 5], `${keys[i % 5]}#${i}`);
    await buffer.drain(1000);
    for (const call of calls) {
      expect([...call.seqs].sort()).toEqual(call.seqs);
      expect(new Set(call.seqs.map((s) => s.length)).size).toBe(1);
      for (const key of call.keys) expect(call.shardId).toBe(`shardId-${String(shardIndexFor(key, 4)).padStart(12, '0')}`);
    }
    for (const key of keys) {
      const seen = calls.flatMap((c) => c.data).filter((d) => d.startsWith(key)).map((d) => Number(d.split('#')[1]));
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(seen).toHaveLength(4);
    }
  });

  it('retries from the lowest failed sequence number of a partial batch response', async () => {
    const { buffer, calls, put } = harness({}, (call, n) => (n === 1 ? { failedSequenceNumbers: [call.seqs[2], call.seqs[1]] } : { failedSequenceNumbers: [] }));
    ['a', 'b', 'c'].forEach((d) => put('k', d));
    await buffer.drain(1000);
    expect(calls.map((c) => c.data)).toEqual([['a', 'b', 'c'], ['b', 'c']]);
    expect(buffer.stats).toMatchObject({ recordsDelivered: 3, retries: 1, recordsPutAside: 0 });
  });

  it('puts records aside with the reason after the last retry, then carries on', async () => {
    const { buffer, calls, putAside, put } = harness({}, (call) => (call.data.includes('bad') ? { error: 'boom' } : { failedSequenceNumbers: [] }));
    ['ok1', 'bad', 'ok2'].forEach((d) => put('k', d));
    await buffer.drain(1000);
    put('k', 'later');
    await buffer.drain(1000);
    expect(calls.filter((c) => c.data.includes('bad'))).toHaveLength(3);
    expect(putAside.map((p) => p.data)).toEqual(['ok1', 'bad', 'ok2']);
    expect(putAside[0].reason).toMatch(/the function failed: boom; put aside after 3 attempts/);
    expect(calls[calls.length - 1].data).toEqual(['later']);
  });

  it('treats a thrown consumer error like a failed batch', async () => {
    let n = 0;
    const { buffer, calls, put } = harness({
      consumer: async () => {
        if (n++ === 0) throw new Error('crash');
        return { failedSequenceNumbers: [] };
      },
    });
    put('k', 'a');
    await buffer.drain(1000);
    expect(n).toBe(2);
    expect(calls).toHaveLength(0);
    expect(buffer.stats.recordsDelivered).toBe(1);
  });

  it('refuses records beyond a shard capacity', () => {
    const { buffer, put } = harness({ maxRecordsPerShard: 2, batchingWindowMs: 10_000, batchSize: 10 });
    put('k', '1');
    put('k', '2');
    expect(() => put('k', '3')).toThrow(StreamFullError);
    expect(buffer.stats.recordsRefused).toBe(1);
    expect(buffer.close()).toHaveLength(2);
    expect(() => put('k', '4')).toThrow(/closed/);
  });

  describe('with a parallelization factor', () => {
    const keys = Array.from({ length: 12 }, (_, i) => `sensor-${String(i).padStart(3, '0')}`);

    it('keeps several batches of a shard in flight, never two of one partition key, each key in order', async () => {
      const releases: Array<() => void> = [];
      const keysInFlight = new Set<string>();
      const delivered: string[] = [];
      let most = 0;
      let overlaps = 0;
      const buffer = new KinesisBuffer({
        shardCount: 1,
        parallelizationFactor: 3,
        batchSize: 4,
        batchingWindowMs: 1,
        maxRecordsPerShard: 1000,
        maxRetryAttempts: 0,
        retryDelayMs: 1,
        consumer: async (_shardId, records) => {
          const batchKeys = new Set(records.map((r) => r.partitionKey));
          expect(new Set([...batchKeys].map((k) => laneIndexFor(k, 3))).size).toBe(1);
          for (const key of batchKeys) if (keysInFlight.has(key)) overlaps++;
          batchKeys.forEach((k) => keysInFlight.add(k));
          most = Math.max(most, releases.length + 1);
          await new Promise<void>((r) => releases.push(r));
          batchKeys.forEach((k) => keysInFlight.delete(k));
          delivered.push(...records.map((r) => r.data.toString()));
          return { failedSequenceNumbers: [] };
        },
      });
      for (let i = 0; i < 60; i++) buffer.putRecord(keys[i % keys.length], Buffer.from(`${keys[i % keys.length]}#${i}`));
      const drained = buffer.drain(5000);
      while (buffer.stats.pending > 0) {
        await new Promise((r) => setTimeout(r, 2));
        releases.splice(0).forEach((release) => release());
      }
      expect(await drained).toBe(true);
      expect(most).toBe(3);
      expect(overlaps).toBe(0);
      for (const [k, key] of keys.entries()) {
        const seen = delivered.filter((d) => d.startsWith(`${key}#`)).map((d) => Number(d.split('#')[1]));
        expect(seen).toEqual([0, 1, 2, 3, 4].map((j) => k + j * keys.length));
      }
      expect(buffer.stats).toMatchObject({ recordsPut: 60, recordsDelivered: 60, pending: 0 });
    });

    it('refuses a factor outside 1-10', () => {
      expect(() => harness({ parallelizationFactor: 11 })).toThrow(/parallelizationFactor must be a whole number from 1 to 10, got 11/);
      expect(() => harness({ parallelizationFactor: 0 })).toThrow(RangeError);
    });
  });
});
