import type { RuleAction } from '@iot-timeseries/local-cloud-client';
import type { Durability } from './storage/durability';

/** Per-alarm changes to the settings' alarm definitions (tests and demos use short periods). */
export type AlarmOverrides = Record<string, { periodSeconds?: number; evaluationPeriods?: number; threshold?: number }>;

/** The window function: a second event source mapping on the stream, with a tumbling window. */
export interface WindowFunctionConfig {
  functionName: string;
  /** TumblingWindowInSeconds (1..900). */
  windowSeconds: number;
  forecastHorizonSeconds?: number;
  failureAlertWithinSeconds?: number;
  /**
   * Most bytes (records' data and partition keys) the window mapping holds per shard for records it
   * has not handed to the function yet; beyond it its oldest are skipped (DEFAULT_WINDOW_BACKLOG_BYTES when absent).
   */
  maxBacklogBytes?: number;
}

/** The window mapping's backlog bound per shard by default: 64 MiB, about 5 minutes of a shard at 1,000 records/s of 200 bytes. */
export const DEFAULT_WINDOW_BACKLOG_BYTES = 64 * 1024 * 1024;

/** Everything startLocalCloud needs; the CLI reads it from flags and environment variables. */
export interface LocalCloudConfig {
  host: string;
  mqttPort: number;
  timestreamPort: number;
  httpPort: number;
  /** The local S3 (kept in `<dataDir>/s3`). */
  s3Port: number;
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
  /** Batches in flight per shard, each partition key in one of them (Lambda's ParallelizationFactor, 1-10). */
  parallelizationFactor: number;
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
  /** The window function on the same stream (Kinesis action only); undefined: not run. */
  windows?: WindowFunctionConfig;
  /** Print the function's log lines to stdout. */
  echoLambdaLogs: boolean;
}

