import { LocalCloudClient, spawnLocalCloud, type SpawnedLocalCloud } from '@iot-timeseries/local-cloud-client';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BIN = path.join(__dirname, '..', 'bin', 'local-cloud.js');
const ARGS = ['--action', 'timestream', '--mqtt-port', '0', '--timestream-port', '0', '--http-port', '0', '--s3-port', '0'];

/** The pids of the local cloud's Timestream server processes (children running timestream-child.ts). */
function timestreamChildren(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid), '-f', 'timestream-child'], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/** A process that ended (gone, or a zombie nobody has reaped yet). */
function ended(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** Polls `check` every 50 ms; the milliseconds it took to hold, or undefined after `withinMs`. */
async function waitFor(check: () => boolean | Promise<boolean>, withinMs: number): Promise<number | undefined> {
  const started = Date.now();
  while (Date.now() - started < withinMs) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}

const exitOf = (cloud: SpawnedLocalCloud) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (cloud.child.exitCode !== null || cloud.child.signalCode !== null) resolve({ code: cloud.child.exitCode, signal: cloud.child.signalCode });
    else cloud.child.once('exit', (code, signal) => resolve({ code, signal }));
  });

jest.setTimeout(60_000);

describe('the local-cloud command', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'local-cloud-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    ['child', 1],
    ['embedded', 0],
  ])('prints its ready line, answers on the health server, and stops cleanly on SIGTERM (Timestream server: %s, %i process of its own)', async (mode, children) => {
    const lines: string[] = [];
    const cloud = await spawnLocalCloud({ command: [process.execPath, BIN], args: [...ARGS, '--data-dir', dataDir, '--timestream-process', mode], onLine: (l) => lines.push(l) });
    const servers = timestreamChildren(cloud.child.pid ?? 0);
    expect(servers).toHaveLength(children);
    expect(cloud.ready.dataDir).toBe(dataDir);
    expect(cloud.ready.mqtt).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
    const health = await new LocalCloudClient(cloud.ready.health).health();
    expect(health).toMatchObject({ status: 'ok', action: 'timestream', dataDir, endpoints: { mqtt: cloud.ready.mqtt, timestream: cloud.ready.timestream } });
    await cloud.stop();
    expect(cloud.child.exitCode).toBe(0);
    expect(lines).toContain('[local-cloud] stopped');
    expect(servers.filter((pid) => !ended(pid))).toEqual([]);
  });

  it('takes its Timestream server down with it on kill -9: the process ends and the port is freed within 5 s', async () => {
    const cloud = await spawnLocalCloud({ command: [process.execPath, BIN], args: [...ARGS, '--data-dir', mkdtempSync(path.join(dataDir, 'kill-'))] });
    const [server] = timestreamChildren(cloud.child.pid ?? 0);
    const port = Number(new URL(cloud.ready.timestream).port);
    expect(server).toBeGreaterThan(0);
    expect(await accepts(port)).toBe(true);
    cloud.child.kill('SIGKILL');
    await exitOf(cloud);
    expect(await waitFor(() => ended(server), 5_000)).toBeDefined();
    expect(await waitFor(async () => !(await accepts(port)), 5_000)).toBeDefined();
  });

  it('says so and exits 1 when its Timestream server dies', async () => {
    const lines: string[] = [];
    const cloud = await spawnLocalCloud({ command: [process.execPath, BIN], args: [...ARGS, '--data-dir', mkdtempSync(path.join(dataDir, 'lost-'))], onLine: (l) => lines.push(l) });
    const [server] = timestreamChildren(cloud.child.pid ?? 0);
    process.kill(server, 'SIGKILL');
    expect(await exitOf(cloud)).toEqual({ code: 1, signal: null });
    expect(lines).toContain(`[local-cloud] the Timestream server (pid ${server}) exited unexpectedly (signal SIGKILL)`);
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
