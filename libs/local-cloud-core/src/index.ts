export { startLocalCloud, type LocalCloud, type LocalCloudDependencies, type StaleDeviceCounter } from './local-cloud';
export type { AlarmOverrides, LocalCloudConfig } from './local-cloud-config';
export { countStaleDevices } from './timestream/stale-probe';
export { startLocalTimestream } from './timestream/local-timestream';
export type { StartTimestream, TimestreamService } from './timestream/timestream-service';
export * from './errors';
