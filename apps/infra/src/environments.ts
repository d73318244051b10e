import type { PipelineStackProps } from './stacks/pipeline-stack';

export type EnvironmentSettings = Omit<PipelineStackProps, 'lambdaArtifact' | 'accountId'>;

/**
 * One stack per environment. Retention and alarm thresholds default to libs/schema's settings;
 * set here only what differs. Region, ingest path and e-mail can come from the environment (config.ts).
 */
export const ENVIRONMENTS = {
  dev: { environment: 'dev', region: 'eu-west-1', logRetentionDays: 14 },
  prod: { environment: 'prod', region: 'eu-west-1', logRetentionDays: 90, magneticStoreRetentionDays: 3 * 365, alarmThresholds: { 'write-latency': 500 } },
} satisfies Record<string, EnvironmentSettings>;

export const stackName = (environment: string) => `iot-timeseries-${environment}`;
export const LOCAL_STACK = 'iot-timeseries-local';
