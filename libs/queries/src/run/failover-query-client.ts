import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { AllTargetsFailedError, QueriesError } from '../errors';

/** One place the queries can go: a label (its endpoint URL or region) and the SDK client for it. */
export interface QueryTarget {
  label: string;
  client: Pick<TimestreamQueryClient, 'send'>;
}

export interface FailoverQueryClientOptions {
  /** Told each time the queries move to another target, with the error that moved them. */
  onSwitch?: (from: string, to: string, reason: string) => void;
}

type Send = TimestreamQueryClient['send'];
type Command = Parameters<Send>[0];
type SendOptions = Parameters<Send>[1];

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const UNREACHABLE_MESSAGE = new RegExp(`\\b(${[...UNREACHABLE_CODES].join('|')})\\b`);
const UNREACHABLE_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'ServiceUnavailable', 'ServiceUnavailableException', 'InternalServerException']);

/**
 * Whether an error says the endpoint is not answering (refused or dropped connection, timeout, a 5xx), as
 * opposed to an answer about the request (bad SQL, unknown table, throttling, the caller's abort).
 */
export function isUnreachableError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: string; code?: string; message?: unknown; $metadata?: { httpStatusCode?: number }; cause?: unknown };
  if (e.name === 'AbortError') return false;
  if ((e.code && UNREACHABLE_CODES.has(e.code)) || (e.name && UNREACHABLE_NAMES.has(e.name))) return true;
  // The SDK wraps an error from another realm ("AWS SDK error wrapper for Error: connect ECONNREFUSED …") keeping only its message.
  if (typeof e.message === 'string' && UNREACHABLE_MESSAGE.test(e.message)) return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  return e.cause !== undefined && e.cause !== error && isUnreachableError(e.cause);
}

/**
 * A Timestream Query client over several targets (a primary and the endpoints or regions to fail over to).
 * Calls go to the active target; when it does not answer, the call is sent to the next targets in order and
 * the first that answers becomes the active one. The queries stay there: failing back is a decision (make a
 * new client). A page after the first (a `NextToken`) belongs to the target that started the query, so it
 * is never sent elsewhere: it fails, the target is switched for the calls that follow, and the caller runs
 * the query again.
 */
export class FailoverQueryClient implements Pick<TimestreamQueryClient, 'send'> {
  private activeIndex = 0;

  constructor(
    private readonly targets: readonly QueryTarget[],
    private readonly options: FailoverQueryClientOptions = {},
  ) {
    if (targets.length === 0) throw new QueriesError('a failover query client needs at least one target');
  }

  /** The label of the target calls go to now. */
  active(): string {
    return this.targets[this.activeIndex].label;
  }

  readonly send = ((command: Command, options?: SendOptions) => this.sendWithFailover(command, options)) as Send;

  private async sendWithFailover(command: Command, options: SendOptions | undefined): Promise<unknown> {
    const continuation = typeof (command.input as { NextToken?: unknown }).NextToken === 'string';
    const failures: string[] = [];
    for (let attempt = 0; attempt < this.targets.length; attempt++) {
      const index = (this.activeIndex + attempt) % this.targets.length;
      const target = this.targets[index];
      try {
        const answer: unknown = await target.client.send(command, options ?? {});
        this.switchTo(index, failures.at(-1));
        return answer;
      } catch (error) {
        if (!isUnreachableError(error)) {
          this.switchTo(index, failures.at(-1));
          throw error;
        }
        failures.push(`${target.label}: ${(error as Error).message}`);
        if (continuation) {
          this.switchTo((index + 1) % this.targets.length, failures.at(-1));
          throw error;
        }
      }
    }
    throw new AllTargetsFailedError(`no Timestream target answered: ${failures.join('; ')}`);
  }

  private switchTo(index: number, reason: string | undefined): void {
    if (index === this.activeIndex) return;
    const from = this.active();
    this.activeIndex = index;
    this.options.onSwitch?.(from, this.active(), reason ?? 'the previous target did not answer');
  }
}
