import { ALARM_DEFINITIONS } from '@iot-timeseries/schema';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { AlarmEvaluator } from '../alarms/alarm-evaluator';
import { MetricStore } from '../alarms/metric-store';
import { PipelineStats } from '../pipeline/pipeline-stats';
import { KinesisBuffer } from '../stream/kinesis-buffer';
import { buildHealthServer } from './health-server';
import { healthRoutes, type HealthSources } from './health-routes';

const scopes = { 'timestream-write': {}, 'timestream-query': {}, lambda: {}, pipeline: {} };

function sources(overrides: Partial<HealthSources> = {}): HealthSources {
  return {
    startedAt: 1_000,
    dataDir: '/data',
    action: 'timestream',
    endpoints: { mqtt: 'mqtt://127.0.0.1:1', timestream: 'http://127.0.0.1:2', s3: 'http://127.0.0.1:3' },
    database: 'db',
    table: 'tbl',
    brokerClients: () => 3,
    alarms: new AlarmEvaluator(ALARM_DEFINITIONS, new MetricStore(), scopes),
    stats: new PipelineStats(),
    directWritesInFlight: () => 4,
    now: () => 61_000,
    ...overrides,
  };
}

describe('healthRoutes', () => {
  it('reports health with uptime, endpoints and the alarms in ALARM', () => {
    const alarms = new AlarmEvaluator(ALARM_DEFINITIONS.map((d) => (d.id === 'stale-devices' ? { ...d, treatMissingData: 'breaching' as const } : d)), new MetricStore(), scopes);
    alarms.evaluate(61_000);
    expect(healthRoutes(sources({ alarms }))['/health']()).toEqual({
      status: 'ok',
      uptimeSeconds: 60,
      dataDir: '/data',
      action: 'timestream',
      endpoints: { mqtt: 'mqtt://127.0.0.1:1', timestream: 'http://127.0.0.1:2', s3: 'http://127.0.0.1:3' },
      database: 'db',
      table: 'tbl',
      brokerClients: 3,
      alarmsInAlarm: ['stale-devices'],
    });
  });

  it('reports the pipeline without a stream on the direct path, and with its shards on the Kinesis path', () => {
    const stats = new PipelineStats();
    stats.messageReceived(60_000);
    const direct = healthRoutes(sources({ stats }))['/pipeline']();
    expect(direct).toMatchObject({ action: 'timestream', stream: null, directWritesInFlight: 4, messagesReceived: 1 });
    const stream = new KinesisBuffer({ name: 'ingest-fn', shardCount: 2, batchSize: 10, batchingWindowMs: 1000, maxRecordsPerShard: 10, maxRetryAttempts: 0, retryDelayMs: 1, consumer: async () => ({ failedSequenceNumbers: [] }), onPutAside: () => undefined, now: () => 58_000 });
    stream.putRecord('sensor-001', Buffer.from('{"v":1}'));
    const viaStream = healthRoutes(sources({ action: 'kinesis', stream }))['/pipeline']();
    expect(viaStream.stream).toEqual({ ...stream.stats, shards: stream.shardDepths(), consumers: stream.consumerLags(61_000) });
    expect(Object.keys(viaStream.stream?.shards ?? {})).toHaveLength(2);
    // The ingest mapping's lag: one record of 7 + 10 bytes, in the stream for 3 s (the report's clock).
    expect(viaStream.stream?.consumers).toEqual([{ name: 'ingest-fn', recordsBehind: 1, bytesBehind: 17, iteratorAgeMs: 3000, recordsExpired: 0, recordsTrimmed: 0 }]);
    stream.close();
  });

  it('are served as JSON by the health server', async () => {
    const server = buildHealthServer(healthRoutes(sources()));
    await once(server.listen(0, '127.0.0.1'), 'listening');
    const port = (server.address() as AddressInfo).port;
    try {
      const alarms = await (await fetch(`http://127.0.0.1:${port}/alarms`)).json();
      expect(alarms.alarms.map((a: { id: string }) => a.id)).toEqual(ALARM_DEFINITIONS.map((d) => d.id));
      expect(alarms.history).toEqual([]);
      expect((await fetch(`http://127.0.0.1:${port}/nope`)).status).toBe(404);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
