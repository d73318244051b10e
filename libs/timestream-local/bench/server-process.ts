/** The CLI server as a separate process for the benchmarks, and what /proc tells of it (CPU time, RSS). */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const CLK_TCK = 100;

export interface ServerProcess {
  endpoint: string;
  pid: number;
  /** milliseconds from the spawn to the line announcing the endpoint */
  startMs: number;
  stop(): Promise<void>;
}

/** Starts `timestream-local --port 0` (with `--data-dir` unless `inMemory`); node flags from BENCH_SERVER_NODE_ARGS. */
export async function startServer(dataDir: string, options: { inMemory?: boolean; args?: string[] } = {}): Promise<ServerProcess> {
  const bin = path.join(__dirname, '..', 'bin', 'timestream-local.js');
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, bin, '--port', '0', ...(options.inMemory ? [] : ['--data-dir', dataDir]), ...(options.args ?? [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    endpoint,
    pid: child.pid as number,
    startMs: performance.now() - started,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** CPU seconds (user + system, all threads) the process has used. */
export function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** Resident set size of the process in MB (VmRSS), and its peak (VmHWM). */
export function rssOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}
