import type { RuleAction } from '@iot-timeseries/local-cloud-client';

/** Per-alarm changes to the settings' alarm definitions (tests and demos use short periods). */
export type AlarmOverrides = Record<string, { periodSeconds?: number; evaluationPeriods?: number; threshold?: number }>;

/** Everything startLocalCloud needs; the CLI reads it from flags and environment variables. */
export interface LocalCloudConfig {
  host: string;
  mqttPort: number;
  timestreamPort: number;
  httpPort: number;
  dataDir: string;
  action: RuleAction;
  lambdaBundle: string;
  functionName: string;
  streamName: string;
  region: string;
  accountId: string;
  shardCount: number;
  batchSize: number;
  batchingWindowMs: number;
  maxRecordsPerShard: number;
  maxRetryAttempts: number;
  lambdaTimeoutMs: number;
  lambdaConcurrency: number;
  alarmIntervalMs: number;
  alarmOverrides: AlarmOverrides;
  staleAfterSeconds: number;
  staleCheckMs: number;
  /** Print the function's log lines to stdout. */
  echoLambdaLogs: boolean;
}

