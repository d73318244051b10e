import { storedPayload } from '../dead-letters/dead-letter-entry';
import type { PutAside } from '../dead-letters/put-aside';
import { StreamFullError } from '../errors';
import type { KinesisBuffer } from '../stream/kinesis-buffer';
import { deviceIdOf, type Delivery } from './delivery';
import type { PipelineStats } from './pipeline-stats';

/**
 * The rule's Kinesis action: PutRecord into the stream, resolved once the record is on disk. A full
 * stream refuses the record (as Kinesis' ProvisionedThroughputExceeded would): the message is put
 * aside with the reason and the promise rejects, so a QoS 1 device gets no PUBACK and sends it again.
 */
export function createStreamDelivery(buffer: KinesisBuffer, stats: PipelineStats, putAside: PutAside, closeDrainMs = 5000): Delivery {
  return {
    async deliver(message, partitionKey, _receivedAt, origin = {}) {
      const data = Buffer.from(JSON.stringify(message));
      try {
        await buffer.appendRecord(partitionKey, data);
        stats.counters.recordsToStream++;
      } catch (error) {
        if (!(error instanceof StreamFullError)) throw error;
        stats.counters.streamRefused++;
        const acknowledged = origin.qos === 0;
        const reason = `Kinesis PutRecord failed: ${error.message}${acknowledged ? '' : '; the device got no PUBACK and may send the message again'}`;
        await putAside({ kind: 'stream-full', stage: 'stream', reason, deviceId: deviceIdOf(message), origin: { ...origin, partitionKey, acknowledged }, payload: storedPayload(data), message });
        // At QoS 0 there is nothing to refuse: the dead letter is all that is left of the message.
        if (!acknowledged) throw error;
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
