import type { DeadLetterOrigin } from '../dead-letters/dead-letter-entry';

/** Where a message came from (kept in its dead letter if it is put aside). */
export type MessageOrigin = Pick<DeadLetterOrigin, 'topic' | 'clientId' | 'receivedAt' | 'qos'>;

/** Where the topic rule's action hands a selected message: the stream (Kinesis action) or Timestream directly. */
export interface Delivery {
  /**
   * Hands the message on; resolves once it is kept (stored in the stream, written to Timestream, or
   * put aside with its reason), rejects when it was not (the broker then refuses it: no PUBACK).
   */
  deliver(message: Record<string, unknown>, partitionKey: string, receivedAt: number, origin?: MessageOrigin): Promise<void>;
  /** Messages handed over and not yet stored or put aside. */
  pending(): number;
  /** Waits until nothing is pending (bounded); false when time ran out. */
  drain(timeoutMs: number): Promise<boolean>;
  /** Lets what was handed over finish (bounded), then stops. */
  close(): Promise<void>;
}

export function deviceIdOf(message: Record<string, unknown>): string | undefined {
  return typeof message.device_id === 'string' ? message.device_id : undefined;
}
