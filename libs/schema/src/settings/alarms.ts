import { ANALYTICS_METRICS } from './analytics';
import { METRICS_NAMESPACE, PIPELINE_METRICS } from './metrics';

export type AlarmStatistic = 'Average' | 'Sum' | 'Maximum' | 'Minimum' | 'SampleCount';
export type AlarmComparison =
  | 'GreaterThanThreshold'
  | 'GreaterThanOrEqualToThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

/** Which resource an alarm's metric dimensions refer to; infra and the local evaluator fill in the names. */
export type AlarmScope = 'timestream-write' | 'timestream-query' | 'lambda' | 'pipeline';

export interface AlarmDefinition {
  /** Stable id, used in alarm names (`<prefix>-<id>`). */
  readonly id: string;
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly scope: AlarmScope;
  readonly statistic: AlarmStatistic;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly threshold: number;
  readonly comparison: AlarmComparison;
  readonly treatMissingData: 'missing' | 'notBreaching' | 'breaching' | 'ignore';
  readonly unit?: string;
}

/** An alarm on a count the pipeline publishes (EMF, `service` dimension) that fires when any minute has one. */
function anyInAMinute(id: string, description: string, metricName: string): AlarmDefinition {
  return { id, description, namespace: METRICS_NAMESPACE, metricName, scope: 'pipeline', statistic: 'Maximum', periodSeconds: 60, evaluationPeriods: 1, threshold: 0, comparison: 'GreaterThanThreshold', treatMissingData: 'notBreaching', unit: 'Count' };
}

/**
 * The alarms of the pipeline. The recipe's "IngestionRate" alarm watched write latency and its
 * "QueryLatency" metric does not exist: Timestream publishes SuccessfulRequestLatency per Operation.
 */
export const ALARM_DEFINITIONS: readonly AlarmDefinition[] = [
  {
    id: 'write-latency',
    description: 'Average Timestream WriteRecords latency above 1 s for 10 minutes',
    namespace: 'AWS/Timestream',
    metricName: 'SuccessfulRequestLatency',
    scope: 'timestream-write',
    statistic: 'Average',
    periodSeconds: 300,
    evaluationPeriods: 2,
    threshold: 1000,
    comparison: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
    unit: 'Milliseconds',
  },
  {
    id: 'query-latency',
    description: 'Average Timestream Query latency above 5 s for 10 minutes',
    namespace: 'AWS/Timestream',
    metricName: 'SuccessfulRequestLatency',
    scope: 'timestream-query',
    statistic: 'Average',
    periodSeconds: 300,
    evaluationPeriods: 2,
    threshold: 5000,
    comparison: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
    unit: 'Milliseconds',
  },
  {
    id: 'lambda-errors',
    description: 'The ingestion Lambda failed an invocation',
    namespace: 'AWS/Lambda',
    metricName: 'Errors',
    scope: 'lambda',
    statistic: 'Sum',
    periodSeconds: 300,
    evaluationPeriods: 1,
    threshold: 0,
    comparison: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
  },
  {
    id: 'iterator-age',
    description: 'The ingestion Lambda is more than 1 minute behind its stream',
    namespace: 'AWS/Lambda',
    metricName: 'IteratorAge',
    scope: 'lambda',
    statistic: 'Maximum',
    periodSeconds: 60,
    evaluationPeriods: 3,
    threshold: 60_000,
    comparison: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
    unit: 'Milliseconds',
  },
  {
    id: 'rejected-records',
    description: 'Readings were put aside (invalid messages or records Timestream rejected)',
    namespace: METRICS_NAMESPACE,
    metricName: PIPELINE_METRICS.recordsRejected,
    scope: 'pipeline',
    statistic: 'Sum',
    periodSeconds: 300,
    evaluationPeriods: 1,
    threshold: 0,
    comparison: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
    unit: 'Count',
  },
  anyInAMinute('stale-devices', 'At least one device has sent nothing for longer than the stale threshold', PIPELINE_METRICS.staleDevices),
];

/**
 * The alarms of the window function (infra only: its `pipeline` scope is the window function's
 * service name, the `service` dimension of the EMF metrics it publishes). A predicted failure is
 * worth waking someone for: any PredictedFailures in a minute fires it.
 */
export const ANALYTICS_ALARM_DEFINITIONS: readonly AlarmDefinition[] = [
  anyInAMinute('predicted-failures', 'The window function predicted a machine failure (a device is wearing out)', ANALYTICS_METRICS.predictedFailures),
];
