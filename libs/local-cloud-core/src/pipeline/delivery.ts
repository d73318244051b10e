/** Where the topic rule's action hands a selected message: the stream (Kinesis action) or Timestream directly. */
export interface Delivery {
  deliver(message: Record<string, unknown>, partitionKey: string, receivedAt: number): void;
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
