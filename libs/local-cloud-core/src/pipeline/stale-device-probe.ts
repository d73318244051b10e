import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { METRICS_NAMESPACE, PIPELINE_METRICS } from '@iot-timeseries/schema';
import type { MetricStore } from '../alarms/metric-store';

export type StaleDeviceCounter = (client: TimestreamQueryClient, staleAfterSeconds: number) => Promise<number>;

export interface StaleDeviceProbeOptions {
  count: StaleDeviceCounter;
  client: TimestreamQueryClient;
  staleAfterSeconds: number;
  metrics: MetricStore;
  log: (line: string) => void;
  now?: () => number;
}

/**
 * The scheduled stale-device probe, as the Lambda's staleDevicesHandler runs it on AWS: counts the
 * stale devices and publishes the StaleDevices metric the alarm watches. A failed query is logged
 * and publishes nothing (the alarm treats missing data as OK).
 */
export function createStaleDeviceProbe(options: StaleDeviceProbeOptions): () => Promise<void> {
  const now = options.now ?? Date.now;
  return async () => {
    try {
      const stale = await options.count(options.client, options.staleAfterSeconds);
      options.metrics.put({ namespace: METRICS_NAMESPACE, name: PIPELINE_METRICS.staleDevices, value: stale, timestamp: now() });
    } catch (error) {
      options.log(`stale-device check failed: ${(error as Error).message}`);
    }
  };
}
