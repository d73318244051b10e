import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { runQuery, staleDevices } from '@iot-timeseries/queries';
import { PIPELINE_METRICS } from '@iot-timeseries/schema';
import type { IngestMetrics } from '../observability/ingest-metrics';

export interface StaleDevicesDeps {
  queryClient: TimestreamQueryClient;
  config: { databaseName: string; tableName: string; staleAfterSeconds: number };
  logger: Pick<Logger, 'info'>;
  metrics: IngestMetrics;
  /** query deadline; the query is cancelled after it (default 20 s) */
  timeoutMs?: number;
}

export interface StaleDevicesResult {
  staleDevices: number;
  devices: string[];
}

/**
 * The scheduled stale-device probe (handler `index.staleDevicesHandler`, every minute on AWS): runs
 * the same stale-devices analytic as the dashboard, the CLI and the local cloud, and publishes the
 * count as the `StaleDevices` metric the stale-devices alarm watches. A failed query throws, so the
 * invocation shows as an error (and the metric stays missing, which the alarm treats as OK).
 */
export function createStaleDevicesHandler(deps: StaleDevicesDeps): () => Promise<StaleDevicesResult> {
  return async () => {
    const query = staleDevices({ database: deps.config.databaseName, table: deps.config.tableName, staleAfter: `${deps.config.staleAfterSeconds}s` });
    const { rows } = await runQuery(deps.queryClient, query, { timeoutMs: deps.timeoutMs ?? 20_000 });
    const devices = rows.map((r) => r.device_id);
    deps.metrics.addMetric(PIPELINE_METRICS.staleDevices, MetricUnit.Count, devices.length);
    deps.metrics.publishStoredMetrics();
    deps.logger.info('stale devices', { staleDevices: devices.length, devices: devices.slice(0, 100) });
    return { staleDevices: devices.length, devices };
  };
}
