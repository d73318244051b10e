import { randomBytes, randomUUID } from 'node:crypto';
import { parseEmfLine, type EmfDatum } from './emf';
import { ExecutionEnvironment } from './execution-environment';
import { buildContext, type LambdaFunctionSettings } from './lambda-context';

export type InvocationOutcome =
  | { ok: true; requestId: string; result: unknown; durationMs: number }
  | { ok: false; requestId: string; errorType: string; errorMessage: string; durationMs: number };

export interface LambdaRunnerHooks {
  /** A log line the function wrote (stdout/stderr), EMF lines included. */
  onLog?: (line: string) => void;
  /** Metrics from the function's EMF output. */
  onMetrics?: (data: EmfDatum[]) => void;
  /** After each invocation, as the Lambda service would report it. */
  onInvocation?: (outcome: InvocationOutcome) => void;
}

/**
 * Runs the built function locally: each execution environment is a child process that loaded the
 * bundle once with the function's environment; invocations get a real-looking context, a timeout
 * (the environment is replaced after one), and START/END/REPORT lines like CloudWatch Logs.
 */
export class LambdaRunner {
  private readonly environments: ExecutionEnvironment[] = [];
  private readonly waiting: Array<() => void> = [];
  private closed = false;

  constructor(
    readonly settings: LambdaFunctionSettings,
    private readonly hooks: LambdaRunnerHooks = {},
  ) {}

  /** Starts one environment now so a bad bundle is reported at start-up rather than at the first message. */
  async warm(): Promise<void> {
    const env = this.spawn();
    await env.ready;
  }

  async invoke(event: unknown): Promise<InvocationOutcome> {
    const env = await this.acquire();
    const requestId = randomUUID();
    const started = performance.now();
    try {
      await env.ready;
    } catch (error) {
      this.release(env);
      const outcome: InvocationOutcome = { ok: false, requestId, errorType: 'Runtime.ImportModuleError', errorMessage: (error as Error).message, durationMs: 0 };
      this.hooks.onInvocation?.(outcome);
      return outcome;
    }
    this.log(`START RequestId: ${requestId} Version: $LATEST`);
    const traceId = `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=0`;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.settings.timeoutMs);
    });
    const reply = await Promise.race([
      env.send({ type: 'invoke', id: requestId, event, context: buildContext(this.settings, env.streamName, requestId), timeoutMs: this.settings.timeoutMs, traceId }),
      timeout,
    ]);
    clearTimeout(timer);
    const durationMs = performance.now() - started;
    let outcome: InvocationOutcome;
    if (reply === 'timeout') {
      const seconds = (this.settings.timeoutMs / 1000).toFixed(2);
      this.log(`${new Date().toISOString()} ${requestId} Task timed out after ${seconds} seconds`);
      await env.kill();
      outcome = { ok: false, requestId, errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${seconds} seconds`, durationMs };
    } else if (reply.type === 'error') {
      this.log(`${new Date().toISOString()}\t${requestId}\tERROR\tInvoke Error \t${JSON.stringify({ errorType: reply.errorType, errorMessage: reply.errorMessage, stack: reply.stack })}`);
      outcome = { ok: false, requestId, errorType: reply.errorType, errorMessage: reply.errorMessage, durationMs };
    } else {
      outcome = { ok: true, requestId, result: reply.result, durationMs };
    }
    this.log(`END RequestId: ${requestId}`);
    const maxMemory = reply === 'timeout' ? 0 : Math.round(reply.maxRssBytes / 1024 / 1024);
    this.log(
      `REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${Math.ceil(durationMs)} ms\tMemory Size: ${this.settings.memorySizeMb} MB\tMax Memory Used: ${maxMemory} MB`,
    );
    this.release(env);
    this.hooks.onInvocation?.(outcome);
    return outcome;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.environments.map((env) => env.kill()));
    this.environments.length = 0;
  }

  private log(line: string): void {
    this.hooks.onLog?.(line);
  }

  private spawn(): ExecutionEnvironment {
    const env = new ExecutionEnvironment(this.settings, (line) => {
      this.hooks.onLog?.(line);
      const data = parseEmfLine(line);
      if (data.length > 0) this.hooks.onMetrics?.(data);
    });
    this.environments.push(env);
    return env;
  }

  private async acquire(): Promise<ExecutionEnvironment> {
    for (;;) {
      if (this.closed) throw new Error('the Lambda runner is closed');
      // Replace environments that died (timeouts, crashes).
      for (let i = this.environments.length - 1; i >= 0; i--) if (!this.environments[i].alive) this.environments.splice(i, 1);
      const free = this.environments.find((env) => !env.busy);
      if (free) {
        free.busy = true;
        return free;
      }
      if (this.environments.length < this.settings.concurrency) {
        const env = this.spawn();
        env.busy = true;
        return env;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(env: ExecutionEnvironment): void {
    env.busy = false;
    this.waiting.shift()?.();
  }
}
