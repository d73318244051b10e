import type { RuleAction } from '@iot-timeseries/local-cloud-client';
import type { Durability } from './storage/durability';

/** Per-alarm changes to the settings' alarm definitions (tests and demos use short periods). */
export type AlarmOverrides = Record<string, { periodSeconds?: number; evaluationPeriods?: number; threshold?: number }>;

/** Everything startLocalCloud needs; the CLI reads it from flags and environment variables. */
export interface LocalCloudConfig {
  host: string;
  mqttPort: number;
  timestreamPort: number;
  httpPort: number;
  dataDir: string;
  /**
   * A Timestream endpoint to use instead of starting the embedded server (e.g. `npx timestream-local`
   * run on its own, so it can be stopped and started apart from the local cloud).
   */
  timestreamEndpoint?: string;
  action: RuleAction;
  /** When a message counts as stored before the device gets its PUBACK (stream, dead letters, MQTT sessions). */
  durability: Durability;
  /** How long a record waits in the stream for the function before it is put aside as expired. */
  streamRetentionHours: number;
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

