import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { setPriority } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { LambdaRuntimeError } from '../errors';
import { logStreamName, runtimeEnvironment, type LambdaFunctionSettings } from './lambda-context';

const RUNTIME = path.join(__dirname, 'lambda-runtime.cjs');

export type RuntimeReply =
  | { type: 'result'; id: string; result: unknown; maxRssBytes: number }
  | { type: 'error'; id: string; errorType: string; errorMessage: string; stack: string[]; maxRssBytes: number };

/** One sandbox: a child process holding the loaded bundle, serving one invocation at a time. */
export class ExecutionEnvironment {
  readonly instanceId = randomBytes(16).toString('hex');
  readonly streamName = logStreamName(new Date(), this.instanceId);
  busy = false;
  private readonly child: ChildProcess;
  private readonly pending = new Map<string, (reply: RuntimeReply) => void>();
  readonly ready: Promise<void>;
  private exited = false;

  constructor(settings: LambdaFunctionSettings, onStdoutLine: (line: string, env: ExecutionEnvironment) => void) {
    this.child = fork(RUNTIME, [settings.bundlePath, settings.handlerName], {
      env: runtimeEnvironment(settings, this.streamName),
      execArgv: ['--enable-source-maps'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Lambda runs functions from /var/task, the bundle's directory.
      cwd: existsSync(path.dirname(settings.bundlePath)) ? path.dirname(settings.bundlePath) : process.cwd(),
    });
    if (settings.niceness && this.child.pid !== undefined) {
      try {
        setPriority(this.child.pid, settings.niceness);
      } catch {
        // Not allowed here (or the process is already gone): the environment runs at the normal priority.
      }
    }
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => onStdoutLine(line, this));
    }
    this.ready = new Promise((resolve, reject) => {
      this.child.on('message', (message: RuntimeReply | { type: 'ready' } | { type: 'init-error'; errorMessage: string }) => {
        if (message.type === 'ready') resolve();
        else if (message.type === 'init-error') reject(new LambdaRuntimeError(`could not load ${settings.bundlePath}: ${message.errorMessage}`));
        else this.pending.get(message.id)?.(message);
      });
      const onGone = (reason: string) => {
        if (this.exited) return;
        this.exited = true;
        reject(new LambdaRuntimeError(reason));
        for (const [id, settle] of this.pending) {
          settle({ type: 'error', id, errorType: 'Runtime.ExitError', errorMessage: reason, stack: [], maxRssBytes: 0 });
        }
        this.pending.clear();
      };
      this.child.on('exit', (code, signal) => onGone(`the execution environment exited (${signal ?? `code ${code}`})`));
      this.child.on('error', (error) => onGone(`the execution environment failed: ${error.message}`));
    });
    // Avoid an unhandled rejection when nobody awaited `ready` yet.
    this.ready.catch(() => undefined);
  }

  get alive(): boolean {
    return !this.exited;
  }

  send(message: { type: 'invoke'; id: string; event: unknown; context: unknown; timeoutMs: number; traceId: string }): Promise<RuntimeReply> {
    return new Promise((resolve) => {
      this.pending.set(message.id, (reply) => {
        this.pending.delete(message.id);
        resolve(reply);
      });
      this.child.send(message);
    });
  }

  kill(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.once('error', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}
