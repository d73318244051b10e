import type { StreamRecord } from './stream-types';

/** The function's reply to a tumbling-window invocation, as the event source mapping reads it. */
export type WindowReply =
  | { ok: true; state: Record<string, unknown>; firstFailed: number }
  | { ok: false; error: string };

/**
 * Reads a reply under tumbling windows: it must hold a `state` object (Lambda treats a reply without
 * one as a failed invocation); `batchItemFailures` (ReportBatchItemFailures) marks where to retry
 * from, the lowest failed sequence number; an unknown item fails the whole batch.
 */
export function readWindowReply(reply: unknown, records: readonly StreamRecord[]): WindowReply {
  if (reply === null || typeof reply !== 'object') return { ok: false, error: 'the function returned no state (a tumbling window reply must be { state, batchItemFailures? })' };
  const { state, batchItemFailures } = reply as { state?: unknown; batchItemFailures?: unknown };
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return { ok: false, error: 'the reply has no state object' };
  if (batchItemFailures === undefined || batchItemFailures === null) return { ok: true, state: state as Record<string, unknown>, firstFailed: records.length };
  if (!Array.isArray(batchItemFailures)) return { ok: false, error: 'batchItemFailures is not a list' };
  let first = records.length;
  for (const failure of batchItemFailures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    const index = records.findIndex((r) => r.sequenceNumber === id);
    if (index < 0) return { ok: false, error: `batchItemFailures names an unknown item ${JSON.stringify(id)}` };
    first = Math.min(first, index);
  }
  return { ok: true, state: state as Record<string, unknown>, firstFailed: first };
}
