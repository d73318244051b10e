import { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { runQuery } from '@iot-timeseries/queries';
import { LOCAL_PLACEHOLDER_CREDENTIALS, timestreamSettings } from '@iot-timeseries/schema';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = path.resolve(__dirname, '../../../..');

/** Free ports on 127.0.0.1, chosen once so a restarted process listens where the devices reconnect. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<ReturnType<typeof createServer>>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => resolve(s));
    })),
  );
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const randomBetween = (min: number, max: number) => min + Math.random() * (max - min);

/** SIGKILL, then wait until the process is gone. */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await gone;
}

/** The pids of a process' children whose command line contains `marker` (from /proc), e.g. the Lambda execution environments the runner forked. */
export function childPids(pid: number, marker: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: the comm may hold spaces, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) out.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/** `npx timestream-local` as its own process, ready once it prints its listening line. */
export async function startTimestreamLocal(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'libs/timestream-local/bin/timestream-local.js'), '--port', String(port), '--data-dir', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timestream-local did not start within 30 s')), 30_000);
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (line.startsWith('timestream-local listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`timestream-local exited with ${code}`)));
  });
  return child;
}

export interface StoredCount {
  /** Acknowledged messages found in the table. */
  foundOnce: number;
  /** Acknowledged messages not in the table. */
  lost: string[];
  /** Rows beyond one per (device, time). */
  duplicated: number;
  rows: number;
}

/** Reads the table through the SDK and counts the acknowledged messages found once, lost and duplicated. */
export async function countStored(endpoint: string, acked: ReadonlySet<string>, location: string): Promise<StoredCount> {
  const client = new TimestreamQueryClient({ endpoint, region: 'us-east-1', credentials: LOCAL_PLACEHOLDER_CREDENTIALS });
  try {
    const table = `"${timestreamSettings.databaseName}"."${timestreamSettings.tableName}"`;
    const { rows } = await runQuery(client, `SELECT device_id, time FROM ${table} WHERE location = '${location}' AND time > ago(1h)`, { timeoutMs: 30_000 });
    const keys = rows.map((r) => `${String(r.device_id)}|${(r.time as { date: Date }).date.getTime()}`);
    const distinct = new Set(keys);
    const lost = [...acked].filter((k) => !distinct.has(k));
    return { foundOnce: acked.size - lost.length, lost, duplicated: keys.length - distinct.size, rows: keys.length };
  } finally {
    client.destroy();
  }
}
