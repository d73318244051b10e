import type { StreamRecord } from './stream-types';

/** Another event source mapping on the same stream: it gets every stored record and keeps its own checkpoints. */
export interface StreamConsumer {
  readonly name: string;
  /** A record is stored in the log (or recovered from it): the consumer queues it. */
  push(shard: number, record: StreamRecord): void;
  /** Records the consumer holds for a shard and is not done with (the stream's capacity counts them). */
  held(shard: number): number;
  close(): void;
}
