import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeadLetterReader } from './dead-letter-reader';

describe('DeadLetterReader', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dlq-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads reasons from JSON files and appended JSON lines, each once', async () => {
    const reader = new DeadLetterReader(dir);
    expect(await reader.poll()).toEqual([]);
    await writeFile(path.join(dir, 'a.json'), JSON.stringify({ message: { device_id: 'sensor-001' }, problems: [{ path: 'sensors.humidity', reason: 'humidity 140 is outside 0..100 %RH' }] }));
    await writeFile(path.join(dir, 'b.jsonl'), JSON.stringify({ reason: 'timestamp "x" is not a date', deviceId: 'sensor-002' }) + '\n');
    expect(await reader.poll()).toEqual([
      { file: 'a.json', reason: 'humidity 140 is outside 0..100 %RH', deviceId: 'sensor-001' },
      { file: 'b.jsonl', reason: 'timestamp "x" is not a date', deviceId: 'sensor-002' },
    ]);
    expect(await reader.poll()).toEqual([]);
    await appendFile(path.join(dir, 'b.jsonl'), JSON.stringify({ reasons: ['r1', 'r2'] }) + '\n' + '{"reason":"partial');
    expect((await reader.poll()).map((d) => d.reason)).toEqual(['r1', 'r2']);
    await appendFile(path.join(dir, 'b.jsonl'), '"}\n');
    expect((await reader.poll()).map((d) => d.reason)).toEqual(['partial']);
  });
});
