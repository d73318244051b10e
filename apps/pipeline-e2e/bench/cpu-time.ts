import { readFileSync } from 'node:fs';
import { childPids } from '../test/support/fault-harness';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system, ms) a process has used so far; 0 once it is gone. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid … utime stime: fields 14 and 15, counted after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

export interface CpuSplit {
  bench: number;
  localCloud: number;
  /** The local cloud's Timestream server process (0 when it runs embedded, then it is in `localCloud`). */
  timestream: number;
  lambda: number;
}

/** CPU time so far of this process (the fleet), the local cloud, its Timestream server and its Lambda execution environments. */
export function cpuSplit(localCloudPid: number): CpuSplit {
  const own = process.cpuUsage();
  return {
    bench: (own.user + own.system) / 1000,
    localCloud: processCpuMs(localCloudPid),
    timestream: childPids(localCloudPid, 'timestream-child').reduce((sum, pid) => sum + processCpuMs(pid), 0),
    lambda: childPids(localCloudPid, 'lambda-runtime').reduce((sum, pid) => sum + processCpuMs(pid), 0),
  };
}

/** "fleet 1.2, local cloud 3.4, Timestream 1.1, Lambda 0.9 ms of CPU per message" between two splits. */
export function formatCpuPerMessage(from: CpuSplit, to: CpuSplit, messages: number): string {
  const per = (a: number, b: number) => (messages > 0 ? ((b - a) / messages).toFixed(3) : 'n/a');
  return `CPU per message: fleet ${per(from.bench, to.bench)} ms, local cloud ${per(from.localCloud, to.localCloud)} ms, Timestream server ${per(from.timestream, to.timestream)} ms, Lambda ${per(from.lambda, to.lambda)} ms`;
}
