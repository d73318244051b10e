export { startLocalCloud, type LocalCloud, type LocalCloudDependencies, type StaleDeviceCounter } from './local-cloud';
export type { AlarmOverrides, LocalCloudConfig, WindowFunctionConfig } from './local-cloud-config';
export { DURABILITY_MODES, type Durability } from './storage/durability';
export { countStaleDevices } from './timestream/stale-probe';
export { startLocalTimestream } from './timestream/local-timestream';
export type { StartTimestream, TimestreamService } from './timestream/timestream-service';
export * from './errors';
export { localS3Client } from './s3/s3-clients';
export { startLocalS3, type LocalS3, type LocalS3Options } from './s3/local-s3';
