import { StreamFullError } from '../errors';
import { KinesisBuffer, type KinesisBufferOptions } from './kinesis-buffer';
import { shardIndexFor } from './shard-map';
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
});
