import { DescribeDatabaseCommand, ListDatabasesCommand } from '@aws-sdk/client-timestream-write';
import { timestreamSettings } from '@iot-timeseries/schema';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startChildTimestream, TimestreamServerError, type TimestreamService } from '../src';
import type { ObservedRequest } from '../src/timestream/latency-observer';
import { localWriteClient } from '../src/timestream/clients';
import { ensureDatabaseAndTable } from '../src/timestream/ensure-table';

jest.setTimeout(90_000);

const options = (dataDir: string, port = 0) => ({ host: '127.0.0.1', port, dataDir, region: 'us-east-1', accountId: '000000000000', s3Endpoint: 'http://127.0.0.1:9' });

/** Whether the process still exists (this process reaps its children as they end). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** This process' Timestream server children that still run. */
const liveChildren = () =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && running(Number(entry)))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('timestream-child');
      } catch {
        return false;
      }
    });

describe('startChildTimestream (the Timestream server in its own process)', () => {
  let dataDir: string;
  let server: TimestreamService | undefined;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'child-timestream-'));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the write API from the data directory it is given, reports the requests it answered, and ends on close()', async () => {
    server = await startChildTimestream(options(dataDir));
    const pid = server.pid ?? 0;
    expect(pid).not.toBe(process.pid);
    expect(running(pid)).toBe(true);
    const seen: ObservedRequest[] = [];
    server.observeRequests?.((o) => seen.push(o));
    const client = localWriteClient(server.endpoint, 'us-east-1');
    expect(await ensureDatabaseAndTable(client, timestreamSettings, 'bucket')).toEqual([`database ${timestreamSettings.databaseName}`, `table ${timestreamSettings.databaseName}.${timestreamSettings.tableName}`]);
    client.destroy();
    await new Promise((r) => setTimeout(r, 600)); // the child reports every 200 ms
    expect(seen.map((o) => `${o.operation}:${o.statusCode}`)).toEqual(['DescribeDatabase:404', 'CreateDatabase:200', 'DescribeTable:404', 'CreateTable:200']);
    expect(seen.every((o) => o.latencyMs >= 0)).toBe(true);
    await server.close();
    expect(running(pid)).toBe(false);

    // the same data directory in a new process: the database is still there
    server = await startChildTimestream(options(dataDir));
    const again = localWriteClient(server.endpoint, 'us-east-1');
    const described = await again.send(new DescribeDatabaseCommand({ DatabaseName: timestreamSettings.databaseName }));
    again.destroy();
    expect(described.Database?.DatabaseName).toBe(timestreamSettings.databaseName);
  });

  it('settles `lost` with the reason when the process ends on its own, and not when it is closed', async () => {
    server = await startChildTimestream(options(dataDir));
    const pid = server.pid ?? 0;
    process.kill(pid, 'SIGKILL');
    const lost = await server.lost;
    expect(lost).toBeInstanceOf(TimestreamServerError);
    expect(lost?.message).toBe(`the Timestream server (pid ${pid}) exited unexpectedly (signal SIGKILL)`);

    const closed = await startChildTimestream(options(dataDir));
    let settled = false;
    void closed.lost?.then(() => (settled = true));
    await closed.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(settled).toBe(false);
    const client = localWriteClient(closed.endpoint, 'us-east-1');
    await expect(client.send(new ListDatabasesCommand({}))).rejects.toThrow();
    client.destroy();
  });

  it('fails to start with the server’s reason (a port in use) and leaves no process behind', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as AddressInfo).port;
    try {
      await expect(startChildTimestream(options(dataDir, port))).rejects.toThrow(new TimestreamServerError(`the Timestream server could not start: listen EADDRINUSE: address already in use 127.0.0.1:${port}`));
      expect(liveChildren()).toEqual([]);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });
});
