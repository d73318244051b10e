import type { MetricPoint } from '../alarms/metric-store';
import type { ObservedRequest } from './latency-observer';

/**
 * The metric AWS publishes for one Timestream request (namespace AWS/Timestream, per Operation):
 * its latency as SuccessfulRequestLatency when it succeeded, else a count of SystemErrors (5xx) or
 * UserErrors (4xx).
 */
export function timestreamRequestMetric(observed: ObservedRequest): MetricPoint {
  const dimensions = { Operation: observed.operation };
  if (observed.statusCode >= 200 && observed.statusCode < 300) {
    return { namespace: 'AWS/Timestream', name: 'SuccessfulRequestLatency', dimensions, value: observed.latencyMs, timestamp: observed.at };
  }
  return { namespace: 'AWS/Timestream', name: observed.statusCode >= 500 ? 'SystemErrors' : 'UserErrors', dimensions, value: 1, timestamp: observed.at };
}
