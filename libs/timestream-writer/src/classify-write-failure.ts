/**
 * How a failed WriteRecords call, or one record Timestream refused, is handled:
 * - `permanent`: the data itself is at fault (outside the memory/magnetic store window, a version
 *   conflict with a different value, an invalid record or request). Retrying cannot help.
 * - `retry`: anything else (throttling, 5xx, network, and also configuration or permission errors
 *   that are fixed outside the data). The SDK has already retried with backoff; the writer re-sends
 *   when told to (`resend`), and what still fails is handed back for the caller to retry later.
 *
 * Errors are told apart by their `name` (and the reason's text), never by `instanceof`: an error
 * from another copy of the SDK, or from a test double, is classified the same way.
 */
export type FailureClass = 'permanent' | 'retry';

const TRANSIENT_REASON = /throttl|internal (server )?error|service unavailable|unavailable|timed? ?out|try again/i;

/** A per-record reason from RejectedRecordsException.RejectedRecords[] (the service documents no codes). */
export function classifyRejectedReason(reason: string): FailureClass {
  return TRANSIENT_REASON.test(reason) ? 'retry' : 'permanent';
}

/** A whole-request error (after the SDK's own retries). RejectedRecordsException is handled per record. */
export function classifyRequestError(error: unknown): FailureClass {
  return errorName(error) === 'ValidationException' ? 'permanent' : 'retry';
}

/** `name (HTTP status): message` for an SDK error, the text of anything else. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    return `${error.name}${status ? ` (HTTP ${status})` : ''}: ${error.message}`;
  }
  return String(error);
}

/** The `name` of an error-like value, if it has one. */
export function errorName(error: unknown): string | undefined {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
}
