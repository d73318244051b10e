import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { PIPELINE_METRICS } from '@iot-timeseries/schema';
import type { IngestReport } from '../ingest/ingest-messages';

/** The part of Powertools' Metrics the handler uses. */
export interface IngestMetrics {
  addMetric(name: string, unit: (typeof MetricUnit)[keyof typeof MetricUnit], value: number): unknown;
  publishStoredMetrics(): unknown;
}

/**
 * Adds one invocation's counts (EMF, published at the end of the invocation):
 * ReadingsIngested, MessagesInvalid, RecordsRejected (everything put aside: invalid messages plus
 * records Timestream refused for good), ReadingsWithoutTimestamp, WriteRecordsCalls.
 */
export function addIngestMetrics(metrics: IngestMetrics, report: IngestReport): void {
  metrics.addMetric(PIPELINE_METRICS.readingsIngested, MetricUnit.Count, report.readingsWritten);
  metrics.addMetric(PIPELINE_METRICS.messagesInvalid, MetricUnit.Count, report.messagesInvalid);
  metrics.addMetric(PIPELINE_METRICS.recordsRejected, MetricUnit.Count, report.messagesInvalid + report.recordsRejected);
  metrics.addMetric(PIPELINE_METRICS.readingsWithoutTimestamp, MetricUnit.Count, report.readingsWithoutTimestamp);
  metrics.addMetric(PIPELINE_METRICS.writeRecordsCalls, MetricUnit.Count, report.writeRequests);
}
