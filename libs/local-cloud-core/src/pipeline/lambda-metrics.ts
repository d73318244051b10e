import { METRICS_NAMESPACE, PIPELINE_METRICS } from '@iot-timeseries/schema';
import type { MetricStore } from '../alarms/metric-store';
import type { EmfDatum } from '../lambda/emf';
import type { PipelineStats } from './pipeline-stats';

/** Feeds the function's EMF metrics into the metric store and the pipeline counters. */
export function recordEmf(data: readonly EmfDatum[], metrics: MetricStore, stats: PipelineStats): void {
  for (const d of data) {
    const sum = d.values.reduce((a, b) => a + b, 0);
    metrics.put({ namespace: d.namespace, name: d.name, dimensions: d.dimensions, value: sum, timestamp: Date.now() });
    if (d.namespace !== METRICS_NAMESPACE) continue;
    if (d.name === PIPELINE_METRICS.readingsIngested) stats.counters.readingsWritten += sum;
    else if (d.name === PIPELINE_METRICS.messagesInvalid) stats.counters.messagesInvalid += sum;
    else if (d.name === PIPELINE_METRICS.recordsRejected) stats.counters.recordsRejected += sum;
  }
}
