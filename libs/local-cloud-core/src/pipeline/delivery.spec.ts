import { recordingPutAside } from '../../test/support/recording-put-aside';
import { KinesisBuffer } from '../stream/kinesis-buffer';
import type { StreamRecord } from '../stream/stream-types';
import { createDirectDelivery } from './direct-delivery';
import { PipelineStats } from './pipeline-stats';
import { createStreamDelivery } from './stream-delivery';

describe('createStreamDelivery (the Kinesis action)', () => {
  function setup(maxRecordsPerShard: number) {
    const delivered: string[] = [];
    const buffer = new KinesisBuffer({
      shardCount: 1,
      batchSize: 10,
      batchingWindowMs: 10,
      maxRecordsPerShard,
      maxRetryAttempts: 0,
      retryDelayMs: 1,
      consumer: async (_shard, records: readonly StreamRecord[]) => {
        delivered.push(...records.map((r) => r.data.toString()));
        return { failedSequenceNumbers: [] };
      },
      onPutAside: () => undefined,
    });
    const stats = new PipelineStats();
    const { putAside, letters } = recordingPutAside(stats);
    return { delivery: createStreamDelivery(buffer, stats, putAside, 1000), stats, delivered, letters };
  }

  it('puts each message into the stream as JSON and drains it to the consumer', async () => {
    const { delivery, stats, delivered } = setup(100);
    const kept = [delivery.deliver({ device_id: 'sensor-001', temperature: 20 }, 'sensor-001', 0), delivery.deliver({ device_id: 'sensor-002', temperature: 21 }, 'sensor-002', 0)];
    expect(delivery.pending()).toBe(2);
    await Promise.all(kept);
    expect(await delivery.drain(1000)).toBe(true);
    expect(delivery.pending()).toBe(0);
    expect(delivered.map((d) => JSON.parse(d).device_id)).toEqual(['sensor-001', 'sensor-002']);
    expect(stats.counters.recordsToStream).toBe(2);
    await delivery.close();
  });

  it('puts a message aside, with the device and the reason, when the stream is full, and refuses it at QoS 1', async () => {
    const { delivery, stats, letters } = setup(1);
    await delivery.deliver({ device_id: 'sensor-001' }, 'k', 0, { qos: 1 });
    await expect(delivery.deliver({ device_id: 'sensor-002' }, 'k', 0, { topic: 'topic/sensors', clientId: 'sensor-002', qos: 1 })).rejects.toThrow(/holds 1 records, its limit/);
    await delivery.deliver({ device_id: 'sensor-003' }, 'k', 0, { qos: 0 });
    expect(stats.counters).toMatchObject({ recordsToStream: 1, streamRefused: 2, putAsideTotal: 2 });
    const [, entry] = stats.snapshot().recentPutAside;
    expect(entry).toMatchObject({ source: 'stream', deviceId: 'sensor-002' });
    expect(entry.reason).toMatch(/^Kinesis PutRecord failed: .*; the device got no PUBACK and may send the message again$/);
    expect(letters.map((l) => [l.kind, l.origin.acknowledged, l.message])).toEqual([
      ['stream-full', false, { device_id: 'sensor-002' }],
      ['stream-full', true, { device_id: 'sensor-003' }],
    ]);
    await delivery.close();
  });
});

describe('createDirectDelivery (the Timestream action)', () => {
  it('counts writes in flight until they settle, failed ones included', async () => {
    const release: Array<() => void> = [];
    const seen: Array<[unknown, number]> = [];
    const failures: Array<[string, unknown]> = [];
    const delivery = createDirectDelivery(
      (message, receivedAt) => {
        seen.push([message, receivedAt]);
        return new Promise<void>((resolve, reject) => release.push(seen.length === 2 ? () => reject(new Error('boom')) : resolve));
      },
      async (error, message) => void failures.push([(error as Error).message, message]),
    );
    void delivery.deliver({ device_id: 'a' }, 'a', 1);
    void delivery.deliver({ device_id: 'b' }, 'b', 2);
    expect(delivery.pending()).toBe(2);
    expect(await delivery.drain(60)).toBe(false);
    release.forEach((r) => r());
    expect(await delivery.drain(1000)).toBe(true);
    expect(seen).toEqual([[{ device_id: 'a' }, 1], [{ device_id: 'b' }, 2]]);
    expect(failures).toEqual([['boom', { device_id: 'b' }]]);
    await delivery.close();
  });
});
