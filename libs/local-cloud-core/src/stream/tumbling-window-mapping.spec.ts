import { WINDOW_STATE_LIMIT_BYTES } from '@iot-timeseries/schema';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MetricStore } from '../alarms/metric-store';
import { LambdaRunner } from '../lambda/lambda-runner';
import { windowMapping } from '../pipeline/window-pipeline';
import { openDurableStream, type DurableStream } from './durable-stream';
import type { TumblingWindowMapping } from './tumbling-window-mapping';

const FIXTURE = path.join(__dirname, '../../test/fixtures/window-lambda.cjs');

/** Polls until the condition holds (at most 15 s: execution environments start slowly on a loaded machine). */
async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !(await condition())) await new Promise((r) => setTimeout(r, 50));
}

interface Seen {
  window: { start: string; end: string };
  state: { count?: number; values?: number[]; pad?: string };
  final: boolean;
  early: boolean;
  shardId: string;
  arn: string;
  records: Array<{ seq: string; data: { v?: number }; arrival: number }>;
}

jest.setTimeout(60_000);

describe('tumbling windows through the local Lambda runner (AWS semantics)', () => {
  let dir: string;
  let runner: LambdaRunner;
  let stream: DurableStream | undefined;
  let windows: TumblingWindowMapping | undefined;
  const logFile = () => path.join(dir, 'invocations.jsonl');
  const seen = async (): Promise<Seen[]> => (await readFile(logFile(), 'utf8').catch(() => '')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Seen);
  const ingested: string[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'windows-'));
    await import('node:fs/promises').then((fs) => fs.mkdir(path.join(dir, 'markers')));
    ingested.length = 0;
    runner = new LambdaRunner({
      functionName: 'windows-local',
      bundlePath: FIXTURE,
      handlerName: 'windowHandler',
      timeoutMs: 10_000,
      memorySizeMb: 512,
      region: 'us-east-1',
      accountId: '000000000000',
      environment: { WINDOW_LOG: logFile(), WINDOW_MARKERS: path.join(dir, 'markers') },
      concurrency: 1,
    });
  });
  afterEach(async () => {
    await stream?.close();
    stream = undefined;
    await runner.close();
    await rm(dir, { recursive: true, force: true });
  });

  const open = async (windowSeconds = 1, batchSize = 3) => {
    stream = await openDurableStream(
      path.join(dir, 'stream'),
      'write',
      {
        shardCount: 1,
        batchSize: 100,
        batchingWindowMs: 20,
        maxRecordsPerShard: 10_000,
        maxRetryAttempts: 2,
        retryDelayMs: 50,
        consumer: async (_shard, records) => {
          ingested.push(...records.map((r) => r.sequenceNumber));
          return { failedSequenceNumbers: [] };
        },
      },
      [
        (log) =>
          (windows = windowMapping({
            runner,
            identity: { streamName: 'sensor-stream', region: 'us-east-1', accountId: '000000000000', functionRoleName: 'windows-role' },
            shardCount: 1,
            windowSeconds,
            batchSize,
            batchingWindowMs: 20,
            maxRetryAttempts: 2,
            metrics: new MetricStore(),
            onPutAside: () => undefined,
          })(log)),
      ],
    );
    return stream;
  };
  const put = (s: DurableStream, data: object) => s.buffer.appendRecord('sensor-001', Buffer.from(JSON.stringify(data)));
  const drained = async () => expect(await windows?.drain(10_000)).toBe(true);

  it('carries the state between the invocations of a window and ends it with a final invocation at the window end', async () => {
    const s = await open(1, 3);
    for (let v = 1; v <= 7; v++) await put(s, { v });
    await drained();
    const calls = await seen();
    const final = calls.filter((c) => c.final);
    expect(final.length).toBeGreaterThanOrEqual(1);
    // Windows are aligned to multiples of their length, by arrival time.
    for (const c of calls) {
      const start = Date.parse(c.window.start);
      expect(start % 1000).toBe(0);
      expect(Date.parse(c.window.end) - start).toBe(1000);
      for (const r of c.records) expect(r.arrival * 1000).toBeGreaterThanOrEqual(start);
      expect(c.shardId).toBe('shardId-000000000000');
      expect(c.arn).toBe('arn:aws:kinesis:us-east-1:000000000000:stream/sensor-stream');
      expect(c.early).toBe(false);
    }
    // Each window's first invocation gets a fresh state; the final one sees every record of its window counted once.
    const byWindow = new Map<string, Seen[]>();
    for (const c of calls) byWindow.set(c.window.start, [...(byWindow.get(c.window.start) ?? []), c]);
    let total = 0;
    for (const list of byWindow.values()) {
      expect(list[0].state).toEqual({});
      expect(list.filter((c) => c.final)).toHaveLength(1);
      expect(list[list.length - 1].final).toBe(true);
      const last = list[list.length - 1];
      total += (last.state.count ?? 0) + last.records.length;
      expect(list.every((c) => c.records.length <= 3)).toBe(true);
    }
    expect(total).toBe(7);
    expect(windows?.stats).toMatchObject({ windowsClosed: byWindow.size, openWindows: 0, pending: 0 });
  });

  it('retries a failed invocation within the window with the state it had, and a partial batch from the failed item', async () => {
    const s = await open(1, 10);
    await put(s, { v: 1 });
    await put(s, { v: 2, fail: 'a' });
    await put(s, { v: 3, partial: 'b' });
    await put(s, { v: 4 });
    await drained();
    const calls = await seen();
    const last = calls[calls.length - 1];
    expect(last.final).toBe(true);
    // Every record counted exactly once in the final state, in order, despite the failure and the partial batch.
    const values = [...(last.state.values ?? []), ...last.records.map((r) => r.data.v)];
    expect(values).toEqual([1, 2, 3, 4]);
    expect(windows?.stats.retries).toBeGreaterThanOrEqual(2);
    // The retry of the failed invocation got the same (empty) state as the failed one.
    const failed = calls.findIndex((c) => c.records.some((r) => r.data.v === 2));
    expect(calls[failed + 1].state).toEqual(calls[failed].state);
  });

  it('ends a window early when the state exceeds 1 MB, then goes on in the same window with a fresh state', async () => {
    const s = await open(2, 1);
    await put(s, { v: 1, pad: WINDOW_STATE_LIMIT_BYTES + 10 });
    await put(s, { v: 2 });
    await drained();
    const calls = await seen();
    const early = calls.filter((c) => c.early);
    expect(early).toHaveLength(1);
    expect(early[0].final).toBe(true);
    expect(early[0].records).toEqual([]);
    expect(early[0].state.values).toEqual([1]);
    const after = calls[calls.indexOf(early[0]) + 1];
    expect(after.window).toEqual(early[0].window);
    expect(after.state).toEqual({});
    expect(windows?.stats.windowsTerminatedEarly).toBe(1);
  });

  it('a reply without state is a failed invocation', async () => {
    const s = await open(1, 10);
    await put(s, { v: 1, reply: 'no-state' });
    await drained();
    expect(windows?.stats.retries).toBe(2);
    expect(windows?.stats.recordsPutAside).toBe(1);
  });

  it('keeps its own checkpoints: after a restart an unfinished window is handed over again, the ingest consumer goes on', async () => {
    // The longest window Lambda allows (900 s), started well before its end so it stays open throughout.
    const left = 900_000 - (Date.now() % 900_000);
    if (left < 30_000) await new Promise((r) => setTimeout(r, left + 50));
    const s = await open(900, 10);
    await put(s, { v: 1 });
    await put(s, { v: 2 });
    expect(await s.buffer.drain(5000)).toBe(true);
    expect(ingested).toHaveLength(2);
    // The window is still open when both records were handed to the function.
    await until(async () => (await seen()).flatMap((c) => c.records).length === 2);
    expect(windows?.stats.windowsClosed).toBe(0);
    await s.close();
    stream = undefined;
    ingested.length = 0;
    const before = (await seen()).length;
    const reopened = await open(900, 10);
    await until(async () => windows?.stats.pending === 0 && windows.stats.invocations > 0);
    expect(windows?.stats.pending).toBe(0);
    expect(ingested).toEqual([]);
    const again = (await seen()).slice(before);
    expect(again.flatMap((c) => c.records.map((r) => r.data.v))).toEqual([1, 2]);
    expect(again[0].state).toEqual({});
    expect(reopened.buffer.stats.recordsRecovered).toBe(0);
  });
});
