import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseReadyLine, type LocalCloudReady } from './contract/ready';
import { LocalCloudUnavailableError } from './errors';

export interface SpawnLocalCloudOptions {
  /** The program and its first arguments, e.g. [process.execPath, '<workspace>/apps/local-cloud/bin/local-cloud.js']. */
  command: readonly [string, ...string[]];
  /** The local cloud's own options, e.g. ['--mqtt-port', '0']. */
  args?: readonly string[];
  cwd?: string;
  /** Added to this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the ready line (default 60 s). */
  timeoutMs?: number;
  /** Every line the process writes (stdout and stderr). */
  onLine?: (line: string) => void;
}

export interface SpawnedLocalCloud {
  child: ChildProcess;
  /** What the local cloud printed on its ready line. */
  ready: LocalCloudReady;
  /** SIGTERM (the local cloud drains its stream), then SIGKILL after 15 s. */
  stop(): Promise<void>;
}

/** Starts the local cloud as a separate process and waits for its machine-readable ready line. */
export async function spawnLocalCloud(options: SpawnLocalCloudOptions): Promise<SpawnedLocalCloud> {
  const [program, ...leading] = options.command;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const child = spawn(program, [...leading, ...(options.args ?? [])], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout = createInterface({ input: child.stdout });
  createInterface({ input: child.stderr }).on('line', (l) => options.onLine?.(l));
  const stop = () => stopChild(child);
  const ready = await new Promise<LocalCloudReady>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new LocalCloudUnavailableError(`the local cloud did not report ready within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    stdout.on('line', (line) => {
      options.onLine?.(line);
      const parsed = parseReadyLine(line);
      if (parsed) {
        clearTimeout(timer);
        resolve(parsed);
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new LocalCloudUnavailableError(`the local cloud could not be started: ${error.message}`, { cause: error }));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new LocalCloudUnavailableError(`the local cloud exited with ${signal ?? `code ${code}`} before it was ready`));
    });
  });
  return { child, ready, stop };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
