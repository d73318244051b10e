import path from 'node:path';
import { LocalCloudUnavailableError, spawnLocalCloud } from '../src';

const FAKE = path.join(__dirname, 'fixtures', 'fake-local-cloud.cjs');
const command = [process.execPath, FAKE] as const;

describe('spawnLocalCloud', () => {
  it('resolves with the ready line, passes every line on, and stops the process with SIGTERM', async () => {
    const lines: string[] = [];
    const cloud = await spawnLocalCloud({ command, args: ['ready', '/data/dir'], onLine: (l) => lines.push(l) });
    expect(cloud.ready).toEqual({ mqtt: 'mqtt://127.0.0.1:1', timestream: 'http://127.0.0.1:2', health: 'http://127.0.0.1:3', s3: 'http://127.0.0.1:4', dataDir: '/data/dir' });
    expect(lines[0]).toBe('starting…');
    await cloud.stop();
    expect(cloud.child.exitCode).toBe(0);
    await cloud.stop();
  });

  it('fails when the process exits before it is ready', async () => {
    await expect(spawnLocalCloud({ command, args: ['fail'] })).rejects.toThrow(new LocalCloudUnavailableError('the local cloud exited with code 3 before it was ready'));
  });

  it('fails, and stops the process, when no ready line comes in time', async () => {
    await expect(spawnLocalCloud({ command, args: ['silent'], timeoutMs: 500 })).rejects.toThrow('the local cloud did not report ready within 0.5 s');
  });

  it('fails when the program cannot be started', async () => {
    await expect(spawnLocalCloud({ command: ['/nonexistent/local-cloud'] })).rejects.toThrow(/could not be started: spawn \/nonexistent\/local-cloud ENOENT/);
  });
});
