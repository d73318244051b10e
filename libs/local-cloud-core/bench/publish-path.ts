import { topicRule } from '@iot-timeseries/schema';
import mqtt from 'mqtt';
import path from 'node:path';
import { startBroker } from '../src/broker/mqtt-broker';
import { SessionPersistence } from '../src/broker/session-persistence';
import { DeadLetterStore } from '../src/dead-letters/dead-letter-store';
import { createPutAside } from '../src/dead-letters/put-aside';
import { PipelineStats } from '../src/pipeline/pipeline-stats';
import { createStreamDelivery } from '../src/pipeline/stream-delivery';
import { createRuleDispatch } from '../src/rule/rule-dispatch';
import { compileTopicRule } from '../src/rule/topic-rule';
import type { Durability } from '../src/storage/durability';
import { openDurableStream } from '../src/stream/durable-stream';
import { offerLoad, sampleMessage, type LoadResult } from './offered-load';
import { BENCH_STREAM } from './stream-candidates';

/**
 * The whole publish path the devices see: MQTT QoS 1 publishes from `devices` connections to the
 * broker, the topic rule, the stream append (fsync'd or written), and the PUBACK; latency is from
 * publish to PUBACK. The stream's consumer succeeds at once (the Lambda is not measured here).
 */
export async function measurePublishPath(dir: string, durability: Durability, rate: number, seconds: number, devices = 20): Promise<LoadResult> {
  const stats = new PipelineStats();
  const stream = await openDurableStream(path.join(dir, `publish-${durability}-${rate}`), durability, BENCH_STREAM);
  const letters = await DeadLetterStore.open(path.join(dir, `letters-${durability}-${rate}`), durability);
  const putAside = createPutAside(letters, stats);
  const dispatch = createRuleDispatch(compileTopicRule(topicRule), stats, createStreamDelivery(stream.buffer, stats, putAside), putAside);
  const broker = await startBroker({ host: '127.0.0.1', port: 0, onMessage: dispatch, persistence: new SessionPersistence(path.join(dir, `sessions-${durability}-${rate}.jsonl`), durability) });
  const clients = await Promise.all(Array.from({ length: devices }, (_, d) => mqtt.connectAsync(broker.url, { clientId: `sensor-${String(d).padStart(3, '0')}`, reconnectPeriod: 0 })));
  try {
    return await offerLoad(`MQTT QoS 1 publish to PUBACK, ${durability}`, rate, seconds, (i) => clients[i % devices].publishAsync(topicRule.topic, sampleMessage(i), { qos: 1 }));
  } finally {
    await Promise.all(clients.map((c) => c.endAsync()));
    await broker.close();
    await stream.close();
    await letters.close();
  }
}
