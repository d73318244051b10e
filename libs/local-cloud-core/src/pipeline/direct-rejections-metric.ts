import { METRICS_NAMESPACE, PIPELINE_METRICS } from '@iot-timeseries/schema';
import type { MetricStore } from '../alarms/metric-store';
import type { PipelineStats } from './pipeline-stats';

/**
 * On the direct-action path there is no function and so no EMF: each call publishes, as the
 * RecordsRejected metric, how many messages and records were put aside since the last call.
 */
export function createDirectRejectionsMetric(stats: PipelineStats, metrics: MetricStore, now: () => number = Date.now): () => void {
  let published = 0;
  return () => {
    const rejected = stats.counters.recordsRejected + stats.counters.messagesInvalid;
    metrics.put({ namespace: METRICS_NAMESPACE, name: PIPELINE_METRICS.recordsRejected, value: rejected - published, timestamp: now() });
    published = rejected;
  };
}
