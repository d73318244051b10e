/** Names, retention and storage settings of the Timestream database and table. */
export interface RetentionSettings {
  /** How long records stay in the memory store (and how old a record may be when written without magnetic-store writes). */
  readonly memoryStoreRetentionHours: number;
  /** How long records are kept at all. */
  readonly magneticStoreRetentionDays: number;
}

export interface MagneticStoreWriteSettings {
  readonly enabled: boolean;
  /** Key prefix (in S3 on AWS, in the data directory locally) of reports about rejected late records. */
  readonly rejectedDataKeyPrefix: string;
}

export interface TimestreamSettings {
  readonly databaseName: string;
  readonly tableName: string;
  /** The MeasureName of the multi-measure record written for each reading. */
  readonly multiMeasureName: string;
  readonly retention: RetentionSettings;
  readonly magneticStoreWrites: MagneticStoreWriteSettings;
  readonly tags: Readonly<Record<string, string>>;
}

export const timestreamSettings: TimestreamSettings = {
  databaseName: 'iot-timeseries-db',
  tableName: 'sensor-data',
  multiMeasureName: 'sensor_reading',
  retention: { memoryStoreRetentionHours: 24, magneticStoreRetentionDays: 365 },
  magneticStoreWrites: { enabled: true, rejectedDataKeyPrefix: 'rejected-records/' },
  tags: { Project: 'IoTTimeSeries' },
};

/**
 * The rejected-data bucket of the local cloud (and the infra's local stack): a bucket of the local
 * S3, created at start, where the local Timestream writes its rejected-data reports.
 */
export const LOCAL_REJECTED_DATA_BUCKET = 'local-rejected-data';

/** The local bucket for scheduled-query error reports and UNLOAD exports. */
export const LOCAL_EXPORTS_BUCKET = 'local-exports';

/** The error-report bucket of the rollups' scheduled queries in the local deployments (the local cloud and infra's local stack). */
export const LOCAL_SCHEDULED_QUERY_ERRORS_BUCKET = 'local-scheduled-query-errors';

/** The buckets the local cloud creates in its local S3 at start. */
export const LOCAL_BUCKETS: readonly string[] = [LOCAL_REJECTED_DATA_BUCKET, LOCAL_EXPORTS_BUCKET, LOCAL_SCHEDULED_QUERY_ERRORS_BUCKET];
