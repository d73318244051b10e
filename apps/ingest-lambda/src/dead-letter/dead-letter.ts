import type { SensorReading } from '@iot-timeseries/schema';

/** Why an entry was put aside: the message failed validation, or Timestream refused its record for good. */
export type DeadLetterKind = 'invalid-message' | 'rejected-record';
export type EventSourceKind = 'direct' | 'kinesis' | 'sqs';

/**
 * One thing put aside, with its reason. Serialized as one JSON object (one line in the directory
 * sink, one message body in the SQS sink); `v` is the format version.
 */
export interface DeadLetter {
  readonly v: 1;
  readonly kind: DeadLetterKind;
  /** When it was put aside (ISO 8601). */
  readonly at: string;
  readonly source: EventSourceKind;
  /** Kinesis sequence number, SQS message id, or "direct". */
  readonly item: string;
  /** Index of the message within the item (array payloads); 0 for a single message. */
  readonly index: number;
  /** Every reason, joined with "; ". */
  readonly reason: string;
  /** Each problem with the field it concerns (path "" when it is about the whole message or record). */
  readonly details: ReadonlyArray<{ path: string; reason: string }>;
  readonly deviceId?: string;
  /** invalid-message: the message as received (its JSON value, or the raw text when it is not JSON). */
  readonly message?: unknown;
  /** rejected-record: the validated reading that Timestream refused. */
  readonly reading?: SensorReading;
  /** rejected-record: the version Timestream holds for a conflicting record, when it said so. */
  readonly existingVersion?: number;
}

/** Where readings that cannot be stored go, so that nothing is retried forever or dropped silently. */
export interface DeadLetterSink {
  /** Stores every letter or throws DeadLetterError (then the batch items concerned are retried). */
  putAside(letters: readonly DeadLetter[]): Promise<void>;
}

/** Largest text of a raw message kept in a letter; longer ones are cut and marked. */
export const MAX_MESSAGE_TEXT_CHARS = 64 * 1024;

export function messageForLetter(text: string): unknown {
  return text.length <= MAX_MESSAGE_TEXT_CHARS ? text : { truncatedText: text.slice(0, MAX_MESSAGE_TEXT_CHARS), originalLength: text.length };
}
