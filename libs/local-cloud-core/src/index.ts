export { startLocalCloud, type LocalCloud, type LocalCloudDependencies, type StaleDeviceCounter } from './local-cloud';
export type { AlarmOverrides, LocalCloudConfig, WindowFunctionConfig } from './local-cloud-config';
export { DURABILITY_MODES, type Durability } from './storage/durability';
export { countStaleDevices } from './timestream/stale-probe';
export { startLocalTimestream } from './timestream/local-timestream';
export { startChildTimestream, TIMESTREAM_CHILD } from './timestream/child-timestream';
export type { StartTimestream, TimestreamService } from './timestream/timestream-service';
export * from './errors';
export { localS3Client } from './s3/s3-clients';
