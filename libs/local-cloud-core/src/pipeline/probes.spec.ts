import { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { METRICS_NAMESPACE, PIPELINE_METRICS } from '@iot-timeseries/schema';
import { MetricStore } from '../alarms/metric-store';
import { createDirectRejectionsMetric } from './direct-rejections-metric';
import { PipelineStats } from './pipeline-stats';
import { createStaleDeviceProbe } from './stale-device-probe';

const client = new TimestreamQueryClient({ region: 'us-east-1' });
const t = Date.UTC(2026, 0, 1);

describe('createStaleDeviceProbe', () => {
  it('publishes the count of stale devices with the settings threshold', async () => {
    const metrics = new MetricStore();
    const asked: number[] = [];
    const probe = createStaleDeviceProbe({ count: async (_c, after) => (asked.push(after), 2), client, staleAfterSeconds: 300, metrics, log: () => undefined, now: () => t });
    await probe();
    expect(asked).toEqual([300]);
    expect(metrics.latest(METRICS_NAMESPACE, PIPELINE_METRICS.staleDevices)).toEqual({ value: 2, timestamp: t });
  });

  it('logs a failed query and publishes nothing', async () => {
    const metrics = new MetricStore();
    const lines: string[] = [];
    await createStaleDeviceProbe({ count: async () => Promise.reject(new Error('Timestream is down')), client, staleAfterSeconds: 300, metrics, log: (l) => lines.push(l) })();
    expect(lines).toEqual(['stale-device check failed: Timestream is down']);
    expect(metrics.latest(METRICS_NAMESPACE, PIPELINE_METRICS.staleDevices)).toBeUndefined();
  });
});

describe('createDirectRejectionsMetric', () => {
  it('publishes what was put aside since the last call', () => {
    const stats = new PipelineStats();
    const metrics = new MetricStore();
    let now = t;
    const publish = createDirectRejectionsMetric(stats, metrics, () => now);
    stats.counters.messagesInvalid = 2;
    stats.counters.recordsRejected = 1;
    publish();
    now += 1000;
    publish();
    now += 1000;
    stats.counters.messagesInvalid = 3;
    publish();
    expect(metrics.values(METRICS_NAMESPACE, PIPELINE_METRICS.recordsRejected, {}, t - 1, now)).toEqual([3, 0, 1]);
  });
});
