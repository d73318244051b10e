import { readGroundTruth } from '@iot-timeseries/fleet';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

jest.setTimeout(180_000);

describe('`simulator run` as a user runs it (it starts its own local cloud)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'simulator-cli-e2e-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('sends its rounds through the local cloud CLI and reports what reached Timestream', async () => {
    const args = ['--import', 'tsx', 'apps/simulator/src/main.ts', 'run', '--spawn-local-cloud', '--devices', '3', '--rounds', '4', '--interval', '0.2', '--seed', 'cli-e2e', '--signal-epoch', '2026-01-01T00:00:00Z', '--quiet',
      '--anomaly-rate', '0', '--dropout-rate', '0', '--late-rate', '0', '--duplicate-rate', '0', '--invalid-rate', '0', '--failure-rate', '0',
      '--ground-truth', path.join(dataDir, 'truth', 'run.jsonl')];
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, args, { cwd: ROOT, env: { ...process.env, LOCAL_CLOUD_DATA_DIR: dataDir }, timeout: 150_000 }, (_error, out) => resolve({ code: child.exitCode, stdout: out }));
    });
    expect(stdout).toContain('sent 12 messages: 12 readings, 0 duplicates, 0 late, 0 invalid, 0 anomalies; 0 failed');
    expect(stdout).toMatch(/local cloud: 12 received, \d+ readings written/);
    expect(code).toBe(0);
    // The local cloud it started kept its data where it was told to.
    expect(readdirSync(dataDir).sort()).toEqual(expect.arrayContaining(['dead-letters', 'timestream']));
    // The ground truth of the run (no fault was asked for: no event), complete with its end.
    const truth = await readGroundTruth(path.join(dataDir, 'truth', 'run.jsonl'));
    expect(truth.run).toMatchObject({ seed: 'cli-e2e', devices: 3, intervalMs: 200, timeScale: 1, signalEpoch: Date.UTC(2026, 0, 1) });
    expect(truth.run.endedAt).toBeGreaterThan(truth.run.startedAt);
    expect(truth.events).toEqual([]);
  });
});
