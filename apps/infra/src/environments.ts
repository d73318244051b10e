import { disasterRecoverySettings } from '@iot-timeseries/schema';
import type { PipelineStackProps } from './stacks/pipeline-stack';

export type EnvironmentSettings = Omit<PipelineStackProps, 'lambdaArtifact' | 'accountId'> & {
  /** The stand-by pipeline in the second region (INFRA_DR_REGION): the primaries' backups and exports are copied there. */
  standby?: boolean;
};

const secondRegion = disasterRecoverySettings.defaultRegion;
const prodSettings = { logRetentionDays: 90, magneticStoreRetentionDays: 3 * 365, alarmThresholds: { 'write-latency': 500 } };

/**
 * One stack per environment. Retention and alarm thresholds default to libs/schema's settings;
 * set here only what differs. Region, ingest path and e-mail can come from the environment (config.ts).
 * dev and prod back their tables up and replicate their exports to the second region, where `dr`
 * runs the same pipeline as prod, ready for the devices to fail over to (apps/infra's README, runbook).
 */
export const ENVIRONMENTS = {
  dev: { environment: 'dev', region: 'eu-west-1', logRetentionDays: 14, disasterRecovery: { region: secondRegion } },
  prod: { environment: 'prod', region: 'eu-west-1', ...prodSettings, disasterRecovery: { region: secondRegion } },
  dr: { environment: 'dr', region: secondRegion, ...prodSettings, standby: true },
} satisfies Record<string, EnvironmentSettings>;

export const stackName = (environment: string) => `iot-timeseries-${environment}`;
export const LOCAL_STACK = 'iot-timeseries-local';
