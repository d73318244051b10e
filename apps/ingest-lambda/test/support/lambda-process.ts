import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface InvokeOutcome {
  result?: unknown;
  error?: { name: string; message: string };
}

export interface LambdaProcess {
  invoke(event: unknown): Promise<InvokeOutcome>;
  /** Everything the function printed (Powertools logs and EMF blobs), one entry per line. */
  readonly output: string[];
  close(): Promise<void>;
}

/** Starts the built bundle in a child process with exactly `env` (plus PATH) as its environment. */
export async function startLambdaProcess(bundlePath: string, env: Record<string, string>): Promise<LambdaProcess> {
  const child: ChildProcess = fork(path.join(__dirname, 'lambda-child.cjs'), [bundlePath], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output: string[] = [];
  let partial = '';
  const collect = (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    output.push(...lines.filter((l) => l.trim()));
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const pending = new Map<number, (outcome: InvokeOutcome) => void>();
  let nextId = 0;
  await new Promise<void>((resolve, reject) => {
    child.once('message', (msg: { type: string; error?: { message: string } }) => {
      if (msg.type === 'ready') resolve();
      else reject(new Error(`the bundle failed to load: ${msg.error?.message}`));
    });
    child.once('exit', (code) => reject(new Error(`the Lambda process exited early (${code}): ${output.join('\n')}`)));
  });
  child.on('message', (msg: { type: string; id: number } & InvokeOutcome) => {
    if (msg.type !== 'result') return;
    pending.get(msg.id)?.({ result: msg.result, error: msg.error });
    pending.delete(msg.id);
  });
  return {
    output,
    invoke: (event) =>
      new Promise<InvokeOutcome>((resolve) => {
        const id = ++nextId;
        pending.set(id, resolve);
        child.send({ type: 'invoke', id, event });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'exit' });
        setTimeout(() => child.kill(), 5_000).unref();
      }),
  };
}

/** Sums a metric over the EMF blobs printed by the function. */
export function emfSum(output: readonly string[], metric: string): number {
  let sum = 0;
  for (const line of output) {
    if (!line.startsWith('{') || !line.includes('"_aws"')) continue;
    const blob = JSON.parse(line) as Record<string, unknown>;
    const value = blob[metric];
    if (typeof value === 'number') sum += value;
    else if (Array.isArray(value)) sum += value.reduce((a: number, b: number) => a + b, 0);
  }
  return sum;
}
