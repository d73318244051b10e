export type { LocalCloudReady } from './contract/ready';
export { READY_MARKER, formatReadyLine, parseReadyLine } from './contract/ready';
export type { HealthReport, RuleAction } from './contract/health';
export type { PipelineReport, PipelineSnapshot, PutAsideEntry, PutAsideGroup, PutAsideSource, StreamStats } from './contract/pipeline';
export type { AlarmState, AlarmStateValue, AlarmTransition, AlarmsReport } from './contract/alarms';
export { LOCAL_CLOUD_ROUTES, type LocalCloudRoute, type LocalCloudRoutes } from './contract/routes';
export { LocalCloudClient, type WaitUntilReadyOptions } from './local-cloud-client';
export { spawnLocalCloud, type SpawnLocalCloudOptions, type SpawnedLocalCloud } from './spawn-local-cloud';
export * from './errors';
