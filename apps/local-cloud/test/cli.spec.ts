import { LocalCloudClient, spawnLocalCloud } from '@iot-timeseries/local-cloud-client';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BIN = path.join(__dirname, '..', 'bin', 'local-cloud.js');

jest.setTimeout(60_000);

describe('the local-cloud command', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'local-cloud-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints its ready line, answers on the health server, and stops cleanly on SIGTERM', async () => {
    const lines: string[] = [];
    const cloud = await spawnLocalCloud({
      command: [process.execPath, BIN],
      args: ['--action', 'timestream', '--data-dir', dataDir, '--mqtt-port', '0', '--timestream-port', '0', '--http-port', '0', '--s3-port', '0'],
      onLine: (l) => lines.push(l),
    });
    expect(cloud.ready.dataDir).toBe(dataDir);
    expect(cloud.ready.mqtt).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
    const health = await new LocalCloudClient(cloud.ready.health).health();
    expect(health).toMatchObject({ status: 'ok', action: 'timestream', dataDir, endpoints: { mqtt: cloud.ready.mqtt, timestream: cloud.ready.timestream } });
    await cloud.stop();
    expect(cloud.child.exitCode).toBe(0);
    expect(lines).toContain('[local-cloud] stopped');
  });

  it('refuses an unknown option by name and exits 1', async () => {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [BIN, '--mqtt-prot', '1883'], { timeout: 30_000 }, (_e, _out, err) => resolve({ code: child.exitCode, stderr: err }));
    });
    expect(code).toBe(1);
    expect(stderr).toContain('[local-cloud] could not start: unknown option(s): --mqtt-prot');
  });
});
