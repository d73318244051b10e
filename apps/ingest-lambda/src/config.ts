import { METRICS_NAMESPACE, STALE_DEVICE_AFTER_SECONDS } from '@iot-timeseries/schema';
import { ConfigError } from './errors';

export type RetryMode = 'standard' | 'adaptive';

/** Where readings that cannot be stored are put aside. */
export type DeadLetterTarget =
  | { kind: 'sqs'; queueUrl: string }
  | { kind: 'directory'; dir: string }
  /** Neither variable set: entries go to the log at ERROR level (nothing is dropped silently). */
  | { kind: 'log' };

export interface IngestConfig {
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
  readonly writeRetryMode: RetryMode;
  readonly serviceName: string;
  readonly metricsNamespace: string;
  /** The stale-device probe: a device is stale when silent for longer than this. */
  readonly staleAfterSeconds: number;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads and checks the environment once (cold start); throws ConfigError naming the variable. */
export function loadConfig(env: Env): IngestConfig {
  const queueUrl = optional(env, 'DEAD_LETTER_QUEUE_URL');
  const dir = optional(env, 'DEAD_LETTER_DIR');
  if (queueUrl && dir) throw new ConfigError('DEAD_LETTER_DIR', 'set either DEAD_LETTER_QUEUE_URL or DEAD_LETTER_DIR, not both');
  if (queueUrl) url(queueUrl, 'DEAD_LETTER_QUEUE_URL');
  const endpoint = optional(env, 'TIMESTREAM_ENDPOINT');
  if (endpoint) url(endpoint, 'TIMESTREAM_ENDPOINT');
  return {
    databaseName: required(env, 'DATABASE_NAME'),
    tableName: required(env, 'TABLE_NAME'),
    region: optional(env, 'AWS_REGION') ?? optional(env, 'AWS_DEFAULT_REGION') ?? 'us-east-1',
    timestreamEndpoint: endpoint,
    deadLetter: queueUrl ? { kind: 'sqs', queueUrl } : dir ? { kind: 'directory', dir } : { kind: 'log' },
    writeConcurrency: integer(env, 'WRITE_CONCURRENCY', 8, 1, 64),
    writeMaxAttempts: integer(env, 'WRITE_MAX_ATTEMPTS', 5, 1, 10),
    writeRetryMode: retryMode(env),
    serviceName: optional(env, 'POWERTOOLS_SERVICE_NAME') ?? 'ingest-lambda',
    metricsNamespace: optional(env, 'POWERTOOLS_METRICS_NAMESPACE') ?? METRICS_NAMESPACE,
    staleAfterSeconds: integer(env, 'STALE_AFTER_SECONDS', STALE_DEVICE_AFTER_SECONDS, 10, 7 * 24 * 3600),
  };
}

function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function required(env: Env, name: string): string {
  const value = optional(env, name);
  if (!value) throw new ConfigError(name, `environment variable ${name} is required`);
  return value;
}

function url(value: string, name: string): void {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch (cause) {
    throw new ConfigError(name, `"${value}" is not a URL`, { cause });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ConfigError(name, `"${value}" must be an http(s) URL`);
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = optional(env, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(name, `"${text}" must be a whole number in ${min}..${max}`);
  return value;
}

function retryMode(env: Env): RetryMode {
  const text = optional(env, 'WRITE_RETRY_MODE') ?? 'standard';
  if (text !== 'standard' && text !== 'adaptive') throw new ConfigError('WRITE_RETRY_MODE', `"${text}" must be standard or adaptive`);
  return text;
}
