import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDurableStream, type DurableStream } from './durable-stream';
import { sequenceNumberOf } from './sequence-number';
import { recordBytes } from './stream-consumer';
import { StreamLog } from './stream-log';
import type { StreamRecord } from './stream-types';
import { TumblingWindowMapping, type TumblingWindowOptions } from './tumbling-window-mapping';

/** A window function that holds every invocation until released: a consumer that lags as long as the test wants. */
function heldFunction() {
  const batches: string[][] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const invoke: TumblingWindowOptions['invoke'] = async (_shardId, invocation) => {
    batches.push(invocation.records.map((r) => r.sequenceNumber));
    await released;
    const count = ((invocation.state.count as number | undefined) ?? 0) + invocation.records.length;
    return { ok: true, reply: { state: invocation.isFinalInvokeForWindow ? {} : { count } } };
  };
  return {
    batches,
    invoke,
    release: () => release(),
  };
}

const windowOptions = (invoke: TumblingWindowOptions['invoke'], overrides: Partial<TumblingWindowOptions> = {}): TumblingWindowOptions => ({
  name: 'windows-fn',
  shardCount: 1,
  windowSeconds: 1,
  batchSize: 4,
  batchingWindowMs: 5,
  maxRetryAttempts: 0,
  retryDelayMs: 1,
  stateLimitBytes: 1024 * 1024,
  closeDelayMs: 20,
  invoke,
  ...overrides,
});

jest.setTimeout(30_000);

describe('a lagging consumer of the stream (Kinesis: only its own iterator age grows)', () => {
  let dir: string;
  let stream: DurableStream | undefined;
  const ingested: string[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'consumer-lag-'));
    ingested.length = 0;
  });
  afterEach(async () => {
    await stream?.close();
    stream = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  const open = async (windows: (log: StreamLog) => TumblingWindowMapping) =>
    (stream = await openDurableStream(
      path.join(dir, 'stream'),
      'write',
      {
        name: 'ingest-fn',
        shardCount: 1,
        batchSize: 5,
        batchingWindowMs: 1,
        // Far fewer than the window mapping will lag by.
        maxRecordsPerShard: 10,
        maxRetryAttempts: 0,
        retryDelayMs: 1,
        consumer: async (_shard, records) => {
          ingested.push(...records.map((r) => r.sequenceNumber));
          return { failedSequenceNumbers: [] };
        },
      },
      [windows],
    ));
  const put = (s: DurableStream, v: number) => s.buffer.appendRecord('sensor-001', Buffer.from(JSON.stringify({ v })));

  it('does not make the stream refuse records: the ingest mapping gets every one, the lag is reported per consumer', async () => {
    const fn = heldFunction();
    let windows!: TumblingWindowMapping;
    const s = await open((log) => (windows = new TumblingWindowMapping(windowOptions(fn.invoke, { log }))));
    // 60 records, six times the shard's capacity, while the window function is held on its first batch.
    for (let v = 1; v <= 60; v++) {
      await put(s, v);
      if (v % 5 === 0) expect(await s.buffer.drain(5000)).toBe(true);
    }
    expect(s.buffer.stats).toMatchObject({ recordsPut: 60, recordsRefused: 0, recordsDelivered: 60, pending: 0 });
    expect(ingested).toHaveLength(60);
    expect([...ingested].sort()).toEqual(ingested);
    const [ingest, lagging] = s.buffer.consumerLags();
    expect(ingest).toEqual({ name: 'ingest-fn', recordsBehind: 0, bytesBehind: 0, iteratorAgeMs: 0, recordsExpired: 0, recordsTrimmed: 0 });
    expect(lagging).toMatchObject({ name: 'windows-fn', recordsBehind: 60, recordsExpired: 0, recordsTrimmed: 0 });
    expect(lagging.bytesBehind).toBe(60 * 'sensor-001'.length + [...Array(60)].reduce((sum, _, i) => sum + JSON.stringify({ v: i + 1 }).length, 0));
    expect(lagging.iteratorAgeMs).toBeGreaterThan(0);
    // Released, the window function catches up with every record, in order, and its lag goes back to nothing.
    fn.release();
    expect(await windows.drain(10_000)).toBe(true);
    const handed = fn.batches.flat();
    expect(new Set(handed).size).toBe(60);
    expect(handed).toEqual([...new Set(handed)].sort());
    expect(s.buffer.consumerLags()[1]).toMatchObject({ recordsBehind: 0, bytesBehind: 0, iteratorAgeMs: 0 });
  });

  it('bounds what the lagging mapping holds: beyond its bytes its oldest records not handed over are skipped and counted', async () => {
    const fn = heldFunction();
    const perRecord = 'sensor-001'.length + JSON.stringify({ v: 10 }).length;
    const bound = 20 * perRecord;
    let windows!: TumblingWindowMapping;
    const s = await open((log) => (windows = new TumblingWindowMapping(windowOptions(fn.invoke, { log, maxBacklogBytes: bound }))));
    for (let v = 10; v < 70; v++) {
      await put(s, v);
      if (v % 5 === 0) expect(await s.buffer.drain(5000)).toBe(true);
    }
    expect(await s.buffer.drain(5000)).toBe(true);
    expect(ingested).toHaveLength(60);
    expect(s.buffer.stats.recordsRefused).toBe(0);
    const lag = s.buffer.consumerLags()[1];
    expect(lag.bytesBehind).toBeLessThanOrEqual(bound);
    expect(lag.recordsTrimmed).toBeGreaterThan(0);
    expect(lag.recordsBehind + lag.recordsTrimmed).toBe(60);
    fn.release();
    expect(await windows.drain(10_000)).toBe(true);
    const handed = fn.batches.flat();
    // The batch in the held invocation, then only the newest records: nothing skipped is handed over, every other record once, in order.
    expect(handed).toEqual([...new Set(handed)].sort());
    expect(handed.length + lag.recordsTrimmed).toBe(60);
    expect(handed.slice(-10)).toEqual(ingested.slice(-10));
    expect(windows.stats.pending).toBe(0);
  });

  it('skips records older than its maximum record age (as after a long stop), and checkpoints past them', async () => {
    const fn = heldFunction();
    fn.release();
    const now = Date.now();
    const { log } = await StreamLog.open({ dir: path.join(dir, 'log'), durability: 'write' });
    const windows = new TumblingWindowMapping(windowOptions(fn.invoke, { maxRecordAgeMs: 60_000, log }));
    const record = (index: number, arrival: number): StreamRecord => ({ shardId: 'shardId-000000000000', partitionKey: 'sensor-001', sequenceNumber: sequenceNumberOf(0, BigInt(index)), data: Buffer.from(`{"v":${index}}`), approximateArrivalTimestamp: arrival });
    const old = [1, 2, 3].map((i) => record(i, now - 120_000));
    const fresh = [4, 5].map((i) => record(i, now));
    for (const r of [...old, ...fresh]) windows.push(0, r);
    expect(await windows.drain(10_000)).toBe(true);
    expect(fn.batches.flat()).toEqual(fresh.map((r) => r.sequenceNumber));
    expect(windows.lag(Date.now())).toMatchObject({ recordsBehind: 0, recordsExpired: 3, recordsTrimmed: 0 });
    expect(recordBytes(old[0])).toBe(10 + 7);
    windows.close();
    await log.close();
    // Its checkpoint, read back from the log, is past every record: a restart hands none of them over again.
    const reopened = await StreamLog.open({ dir: path.join(dir, 'log'), durability: 'write' });
    expect(reopened.consumers.get('windows-fn')?.get(0)).toBe(5n);
    await reopened.log.close();
  });
});
