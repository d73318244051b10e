import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

const BIN = path.join(__dirname, '..', '..', 'bin', 'timestream-local.js');

export interface Cli {
  child: ChildProcessWithoutNullStreams;
  endpoint: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Runs the package's bin as a user would (`timestream-local --port 0 [--data-dir D]`) and waits for its line. */
export async function startCli(dataDir?: string): Promise<Cli> {
  const child = spawn(process.execPath, [BIN, '--port', '0', ...(dataDir ? ['--data-dir', dataDir] : [])], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stderr })));
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no endpoint line; stderr: ${stderr}`)), 30_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exited.then(() => reject(new Error(`exited early: ${stderr}`)));
  });
  return { child, endpoint, exited };
}

/** Stops the CLI with SIGTERM and waits for it to exit. */
export async function stopCli(cli: Cli): Promise<void> {
  cli.child.kill('SIGTERM');
  await cli.exited;
}
