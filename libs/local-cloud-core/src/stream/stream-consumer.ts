import type { ConsumerLag } from '@iot-timeseries/local-cloud-client';
import type { StreamRecord } from './stream-types';

/**
 * Another event source mapping on the same stream: it gets every stored record and keeps its own
 * checkpoints. As in Kinesis, how far it lags is its own business: the stream's capacity does not
 * count what it holds, and its own retention bounds (age, bytes) decide what it skips.
 */
export interface StreamConsumer {
  readonly name: string;
  /** A record is stored in the log (or recovered from it): the consumer queues it. */
  push(shard: number, record: StreamRecord): void;
  /** How far behind the stream's newest record the consumer is. */
  lag(now: number): ConsumerLag;
  close(): void;
}

/** The bytes a record takes in a consumer's backlog: its data and partition key. */
export function recordBytes(record: StreamRecord): number {
  return record.data.length + record.partitionKey.length;
}
