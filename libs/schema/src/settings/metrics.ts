/** The pipeline's own CloudWatch metrics (EMF from the Lambda; computed locally by the local cloud). */
export const METRICS_NAMESPACE = 'IotTimeseries';

export const PIPELINE_METRICS = {
  readingsIngested: 'ReadingsIngested',
  messagesInvalid: 'MessagesInvalid',
  recordsRejected: 'RecordsRejected',
  readingsWithoutTimestamp: 'ReadingsWithoutTimestamp',
  writeRecordsCalls: 'WriteRecordsCalls',
  staleDevices: 'StaleDevices',
} as const;
export type PipelineMetricName = (typeof PIPELINE_METRICS)[keyof typeof PIPELINE_METRICS];

/** A device is stale when its last reading is older than this. */
export const STALE_DEVICE_AFTER_SECONDS = 300;
