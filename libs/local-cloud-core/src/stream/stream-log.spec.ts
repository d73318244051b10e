import { appendFile, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeFrames, encodeFrame, type RecordFrame } from './log-frame';
import { StreamLog } from './stream-log';

const frame = (shard: number, index: bigint, text: string): RecordFrame => ({ type: 'record', shard, index, arrival: 1_700_000_000_000 + Number(index), partitionKey: `sensor-${shard}`, data: Buffer.from(text) });

describe('log frames', () => {
  it('round-trip records and checkpoints, and stop at a torn or damaged frame', () => {
    const a = encodeFrame(frame(1, 7n, '{"a":1}'));
    const c = encodeFrame({ type: 'checkpoint', shard: 1, index: 7n });
    const decoded = decodeFrames(Buffer.concat([a, c]));
    expect(decoded.frames).toEqual([frame(1, 7n, '{"a":1}'), { type: 'checkpoint', shard: 1, index: 7n }]);
    expect(decoded.validBytes).toBe(a.length + c.length);
    expect(decodeFrames(Buffer.concat([a, c.subarray(0, 5)])).validBytes).toBe(a.length);
    const damaged = Buffer.from(c);
    damaged[damaged.length - 1] ^= 0xff;
    expect(decodeFrames(Buffer.concat([a, damaged])).frames).toHaveLength(1);
  });
});

describe('StreamLog', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'stream-log-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('gives back, after a reopen, the records after each shard checkpoint and where numbering goes on', async () => {
    const { log } = await StreamLog.open({ dir, durability: 'fsync' });
    await Promise.all([frame(0, 1n, 'a'), frame(0, 2n, 'b'), frame(1, 1n, 'x'), frame(0, 3n, 'c')].map((f) => log.append(f)));
    log.checkpoint(0, 1n);
    await log.close();
    const reopened = await StreamLog.open({ dir, durability: 'fsync' });
    expect(reopened.shards.get(0)).toMatchObject({ checkpoint: 1n, lastIndex: 3n });
    expect(reopened.shards.get(0)?.pending.map((f) => f.data.toString())).toEqual(['b', 'c']);
    expect(reopened.shards.get(1)?.pending.map((f) => [f.index, f.partitionKey, f.arrival])).toEqual([[1n, 'sensor-1', 1_700_000_000_001]]);
    expect(reopened.notes).toEqual([]);
    await reopened.log.close();
  });

  it('cuts an incomplete last write (never acknowledged) off the file and keeps what came before', async () => {
    const { log } = await StreamLog.open({ dir, durability: 'write' });
    await log.append(frame(0, 1n, 'kept'));
    await log.close();
    const [segment] = (await readdir(dir)).sort().slice(-1);
    const whole = (await stat(path.join(dir, segment))).size;
    await appendFile(path.join(dir, segment), encodeFrame(frame(0, 2n, 'torn')).subarray(0, 12));
    const reopened = await StreamLog.open({ dir, durability: 'write' });
    expect(reopened.shards.get(0)?.pending.map((f) => f.data.toString())).toEqual(['kept']);
    expect(reopened.notes).toEqual([`${segment}: cut 12 bytes of an incomplete last write`]);
    expect((await stat(path.join(dir, segment))).size).toBe(whole);
    await reopened.log.close();
  });

  it('rolls segments and deletes those whose records are all behind the checkpoints, keeping the checkpoints', async () => {
    const { log } = await StreamLog.open({ dir, durability: 'write', segmentBytes: 200 });
    for (let i = 1n; i <= 20n; i++) await log.append(frame(0, i, 'x'.repeat(40)));
    const before = log.segmentCount;
    expect(before).toBeGreaterThan(3);
    log.checkpoint(0, 18n);
    await new Promise((r) => setTimeout(r, 50));
    expect(log.segmentCount).toBeLessThan(before);
    await log.close();
    const reopened = await StreamLog.open({ dir, durability: 'write', segmentBytes: 200 });
    expect(reopened.shards.get(0)).toMatchObject({ checkpoint: 18n, lastIndex: 20n });
    expect(reopened.shards.get(0)?.pending.map((f) => f.index)).toEqual([19n, 20n]);
    await reopened.log.close();
  });
});
