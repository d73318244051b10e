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
 * Stand-in for the rejected-data S3 bucket wherever there is no S3: the local cloud and the infra's
 * local stack name it, and the local server writes the reports under its data directory in a
 * folder of this name.
 */
export const LOCAL_REJECTED_DATA_BUCKET = 'local-rejected-data';
