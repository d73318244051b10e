import type { EventSourceKind } from '../dead-letter/dead-letter';

/** One unit of input: a Kinesis record, an SQS message, or a direct/IoT-rule payload. */
export interface IncomingMessage {
  /** Kinesis sequence number, SQS message id, or "direct". */
  readonly itemId: string;
  readonly source: EventSourceKind;
  /** Raw text (Kinesis data, SQS body) or an already parsed value (direct invocation). */
  readonly payload: { readonly text: string } | { readonly value: unknown };
  /**
   * Receive time (ms) for readings without a timestamp, unless the message carries the rule's
   * `received_at`. Taken from the event (Kinesis arrival, SQS SentTimestamp), so a redelivered
   * message gets the same time and therefore the same records.
   */
  readonly receivedAt: number;
}
