import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { LocalCloudUnavailableError } from '../errors';

export interface SpawnedLocalCloud {
  child: ChildProcess;
  /** What the local cloud printed on its "local-cloud ready" line. */
  ready: { mqtt: string; timestream: string; health: string; dataDir: string };
  stop(): Promise<void>;
}

export function workspaceRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'nx.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/**
 * Starts apps/local-cloud as a child process (through tsx; a process, not an import) and waits for its
 * machine-readable ready line. Its output is passed to `onLine`.
 */
export async function spawnLocalCloud(args: readonly string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; onLine?: (line: string) => void } = {}): Promise<SpawnedLocalCloud> {
  const root = workspaceRoot();
  const entry = path.join(root, 'apps', 'local-cloud', 'src', 'main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: root, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout });
  createInterface({ input: child.stderr }).on('line', (l) => options.onLine?.(l));
  const ready = await new Promise<SpawnedLocalCloud['ready']>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new LocalCloudUnavailableError(`the local cloud did not report ready within ${(options.timeoutMs ?? 60_000) / 1000} s`));
    }, options.timeoutMs ?? 60_000);
    lines.on('line', (line) => {
      options.onLine?.(line);
      const marker = 'local-cloud ready ';
      if (line.startsWith(marker)) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice(marker.length)));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new LocalCloudUnavailableError(`the local cloud exited with code ${code} before it was ready`));
    });
  });
  return {
    child,
    ready,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
