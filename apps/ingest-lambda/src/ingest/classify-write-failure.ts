/**
 * How a failed WriteRecords call, or one record Timestream refused, is handled:
 * - `permanent`: the data itself is at fault (outside the memory/magnetic store window, a version
 *   conflict with a different value, an invalid record or request). Retrying cannot help: put aside.
 * - `retry`: anything else (throttling, 5xx, network, and also configuration or permission errors
 *   that are fixed outside the data). The SDK has already retried with backoff; the batch items are
 *   reported failed so that the event source delivers them again.
 */
export type FailureClass = 'permanent' | 'retry';

const TRANSIENT_REASON = /throttl|internal (server )?error|service unavailable|unavailable|timed? ?out|try again/i;

/** A per-record reason from RejectedRecordsException.RejectedRecords[]. */
export function classifyRejectedReason(reason: string): FailureClass {
  return TRANSIENT_REASON.test(reason) ? 'retry' : 'permanent';
}

/** A whole-request error (after the SDK's own retries). RejectedRecordsException is handled per record. */
export function classifyRequestError(error: unknown): FailureClass {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'ValidationException' ? 'permanent' : 'retry';
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    return `${error.name}${status ? ` (HTTP ${status})` : ''}: ${error.message}`;
  }
  return String(error);
}
