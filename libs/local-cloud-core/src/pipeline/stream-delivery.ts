import { StreamFullError } from '../errors';
import type { KinesisBuffer } from '../stream/kinesis-buffer';
import { deviceIdOf, type Delivery } from './delivery';
import type { PipelineStats } from './pipeline-stats';

/**
 * The rule's Kinesis action: PutRecord into the stream. A full stream refuses the record (as
 * Kinesis' ProvisionedThroughputExceeded would) and the message is put aside with the reason.
 */
export function createStreamDelivery(buffer: KinesisBuffer, stats: PipelineStats, closeDrainMs = 5000): Delivery {
  return {
    deliver(message, partitionKey) {
      try {
        buffer.putRecord(partitionKey, Buffer.from(JSON.stringify(message)));
        stats.counters.recordsToStream++;
      } catch (error) {
        if (!(error instanceof StreamFullError)) throw error;
        stats.counters.streamRefused++;
        stats.putAside('stream', `Kinesis PutRecord failed: ${error.message}`, deviceIdOf(message));
      }
    },
    pending: () => buffer.stats.pending,
    drain: (timeoutMs) => buffer.drain(timeoutMs),
    async close() {
      await buffer.drain(closeDrainMs);
      buffer.close();
    },
  };
}
