import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PipelineStats } from '../pipeline/pipeline-stats';
import { followDeadLetters } from './dead-letter-follower';

describe('followDeadLetters', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dlq-follow-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('counts each new dead letter once as put aside by the Lambda, until stopped', async () => {
    const stats = new PipelineStats();
    const stop = await followDeadLetters(dir, stats, 20);
    await writeFile(path.join(dir, 'a.jsonl'), JSON.stringify({ reason: 'humidity 140 is outside 0..100 %RH', deviceId: 'sensor-001' }) + '\n');
    const deadline = Date.now() + 2000;
    while (stats.counters.putAsideTotal === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    stop();
    expect(stats.counters.putAsideTotal).toBe(1);
    expect(stats.snapshot().recentPutAside[0]).toMatchObject({ source: 'lambda', reason: 'humidity 140 is outside 0..100 %RH', deviceId: 'sensor-001' });
    await writeFile(path.join(dir, 'b.jsonl'), JSON.stringify({ reason: 'later' }) + '\n');
    await new Promise((r) => setTimeout(r, 100));
    expect(stats.counters.putAsideTotal).toBe(1);
  });

  it("does not count as this run's the letters already there, nor the local cloud's own files", async () => {
    await writeFile(path.join(dir, 'dead-letters-old.jsonl'), JSON.stringify({ reason: 'from an earlier run' }) + '\n');
    const stats = new PipelineStats();
    const stop = await followDeadLetters(dir, stats, 20);
    await writeFile(path.join(dir, 'local-cloud-now.jsonl'), JSON.stringify({ reason: 'counted when written', stage: 'rule' }) + '\n');
    await writeFile(path.join(dir, 'dead-letters-new.jsonl'), JSON.stringify({ reason: 'new', deviceId: 'sensor-003' }) + '\n');
    const deadline = Date.now() + 2000;
    while (stats.counters.putAsideTotal === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    stop();
    expect(stats.snapshot().recentPutAside.map((p) => p.reason)).toEqual(['new']);
    expect(stats.deadLetters.byStage).toEqual({ lambda: 1 });
  });
});
