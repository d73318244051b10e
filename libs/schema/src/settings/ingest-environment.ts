import { METRICS_NAMESPACE, STALE_DEVICE_AFTER_SECONDS } from './metrics';

/**
 * The ingest function's environment contract: the variables the Lambda reads at cold start, which
 * infra deploys it with and the local Lambda runner starts it with. Build the variables with
 * `buildIngestEnvironment`, read them with `parseIngestEnvironment`.
 */
export const INGEST_ENVIRONMENT = {
  databaseName: 'DATABASE_NAME',
  tableName: 'TABLE_NAME',
  /** A local Timestream server (http(s) URL); endpoint discovery is not used then. */
  timestreamEndpoint: 'TIMESTREAM_ENDPOINT',
  deadLetterQueueUrl: 'DEAD_LETTER_QUEUE_URL',
  deadLetterDir: 'DEAD_LETTER_DIR',
  writeConcurrency: 'WRITE_CONCURRENCY',
  writeMaxAttempts: 'WRITE_MAX_ATTEMPTS',
  writeRetryMode: 'WRITE_RETRY_MODE',
  serviceName: 'POWERTOOLS_SERVICE_NAME',
  metricsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',
  /** Read by Powertools' logger itself, not by the parser. */
  logLevel: 'POWERTOOLS_LOG_LEVEL',
  staleAfterSeconds: 'STALE_AFTER_SECONDS',
  /** Set by the Lambda runtime (both of them); the parser reads AWS_REGION first. */
  region: 'AWS_REGION',
  defaultRegion: 'AWS_DEFAULT_REGION',
} as const;

/** The SDK's retry mode for WriteRecords. */
export type WriteRetryMode = 'standard' | 'adaptive';

/** Powertools' log levels. */
export type IngestLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

/** Where readings that cannot be stored are put aside. */
export type DeadLetterTarget =
  | { kind: 'sqs'; queueUrl: string }
  | { kind: 'directory'; dir: string }
  /** Neither variable set: entries go to the log at ERROR level (nothing is dropped silently). */
  | { kind: 'log' };

/** The ingest function's settings, as parsed from its environment. */
export interface IngestEnvironment {
  readonly databaseName: string;
  readonly tableName: string;
  readonly region: string;
  /** Custom Timestream write endpoint (local runs); endpoint discovery is off then. */
  readonly timestreamEndpoint?: string;
  readonly deadLetter: DeadLetterTarget;
  /** WriteRecords requests in flight at once. */
  readonly writeConcurrency: number;
  /** SDK attempts per WriteRecords request (first try included) for throttling, 5xx and network errors. */
  readonly writeMaxAttempts: number;
  readonly writeRetryMode: WriteRetryMode;
  readonly serviceName: string;
  readonly metricsNamespace: string;
  /** The stale-device probe: a device is stale when silent for longer than this. */
  readonly staleAfterSeconds: number;
}

/** What a deployment sets: the table is required, everything else falls back to the defaults. */
export interface IngestEnvironmentValues extends Partial<Omit<IngestEnvironment, 'databaseName' | 'tableName'>> {
  readonly databaseName: string;
  readonly tableName: string;
  readonly logLevel?: IngestLogLevel;
}

/** What the parser uses for a variable that is not set. */
export const INGEST_ENVIRONMENT_DEFAULTS = {
  region: 'us-east-1',
  writeConcurrency: 8,
  writeMaxAttempts: 5,
  writeRetryMode: 'standard',
  serviceName: 'ingest-lambda',
  metricsNamespace: METRICS_NAMESPACE,
  staleAfterSeconds: STALE_DEVICE_AFTER_SECONDS,
} as const satisfies Partial<IngestEnvironment>;

/** The accepted range of each whole-number variable. */
export const INGEST_ENVIRONMENT_RANGES = {
  writeConcurrency: { min: 1, max: 64 },
  writeMaxAttempts: { min: 1, max: 10 },
  staleAfterSeconds: { min: 10, max: 7 * 24 * 3600 },
} as const;
