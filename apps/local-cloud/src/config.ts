import { ALARM_DEFINITIONS, analyticsSettings, LOCAL_PORTS, LOOPBACK_HOST, PARALLELIZATION_FACTOR_RANGE, STALE_DEVICE_AFTER_SECONDS, streamConsumerSettings, topicRule, TUMBLING_WINDOW_RANGE, WINDOW_FUNCTION_NAME } from '@iot-timeseries/schema';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_WINDOW_BACKLOG_BYTES, DURABILITY_MODES, type AlarmOverrides, type Durability, type LocalCloudConfig } from '@iot-timeseries/local-cloud-core';
import { ConfigError } from './errors';

/** The workspace root (the folder holding nx.json), found from this file. */
export function workspaceRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'nx.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** Batches in flight per shard by default: libs/schema's, the same the AWS event source mapping is given. */
export const DEFAULT_PARALLELIZATION_FACTOR = streamConsumerSettings.parallelizationFactor;

const MIB = 1024 * 1024;

const LOOPBACK = new Set([LOOPBACK_HOST, '::1', 'localhost']);

type Source = Record<string, string | undefined>;

/** `--mqtt-port 0` / `--mqtt-port=0` become { 'mqtt-port': '0' }; a flag alone is 'true'. */
export function parseFlags(argv: readonly string[]): Source {
  const out: Source = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new ConfigError(`unexpected argument ${JSON.stringify(arg)}; options look like --mqtt-port 1883`);
    const eq = arg.indexOf('=');
    if (eq > 0) out[arg.slice(2, eq)] = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[arg.slice(2)] = argv[++i];
    else out[arg.slice(2)] = 'true';
  }
  return out;
}

/** Where the Timestream server runs when no --timestream-endpoint is given: its own child process (the default) or this one. */
export const TIMESTREAM_PROCESSES = ['child', 'embedded'] as const;
export type TimestreamProcess = (typeof TIMESTREAM_PROCESSES)[number];

/** The local cloud's settings and how this command runs its parts. */
export interface LocalCloudCommandConfig extends LocalCloudConfig {
  timestreamProcess: TimestreamProcess;
}

/** Reads settings from flags (first) and environment variables; fails fast naming the variable. */
export function loadConfig(env: Source = process.env, argv: readonly string[] = process.argv.slice(2)): LocalCloudCommandConfig {
  const flags = parseFlags(argv);
  const known = new Set<string>();
  const raw = (flag: string, variable: string): { value: string | undefined; name: string } => {
    known.add(flag);
    if (flags[flag] !== undefined) return { value: flags[flag], name: `--${flag}` };
    return { value: env[variable], name: variable };
  };
  const text = (flag: string, variable: string, fallback: string) => raw(flag, variable).value ?? fallback;
  const int = (flag: string, variable: string, fallback: number, min: number, max: number) => {
    const { value, name } = raw(flag, variable);
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
    return n;
  };
  const root = workspaceRoot();
  const host = text('host', 'LOCAL_CLOUD_HOST', LOOPBACK_HOST);
  if (!LOOPBACK.has(host)) throw new ConfigError(`LOCAL_CLOUD_HOST must be a loopback address (127.0.0.1, ::1, localhost), got ${JSON.stringify(host)}`);
  const action = text('action', 'LOCAL_CLOUD_ACTION', topicRule.defaultAction);
  if (action !== 'kinesis' && action !== 'timestream') throw new ConfigError(`LOCAL_CLOUD_ACTION must be "kinesis" or "timestream", got ${JSON.stringify(action)}`);
  const overrides = parseAlarmOverrides(raw('alarm-overrides', 'LOCAL_CLOUD_ALARM_OVERRIDES'));
  const durability = text('durability', 'LOCAL_CLOUD_DURABILITY', 'fsync');
  if (!(DURABILITY_MODES as readonly string[]).includes(durability)) throw new ConfigError(`LOCAL_CLOUD_DURABILITY must be one of ${DURABILITY_MODES.join(', ')}, got ${JSON.stringify(durability)}`);
  const timestreamEndpoint = parseLoopbackUrl(raw('timestream-endpoint', 'LOCAL_CLOUD_TIMESTREAM_ENDPOINT'));
  const processSetting = raw('timestream-process', 'LOCAL_CLOUD_TIMESTREAM_PROCESS');
  const timestreamProcess = processSetting.value || 'child';
  if (!(TIMESTREAM_PROCESSES as readonly string[]).includes(timestreamProcess)) throw new ConfigError(`${processSetting.name} must be one of ${TIMESTREAM_PROCESSES.join(', ')}, got ${JSON.stringify(timestreamProcess)}`);
  const shardCount = int('shards', 'LOCAL_CLOUD_SHARDS', 2, 1, 64);
  const parallelizationFactor = int('parallelization-factor', 'LOCAL_CLOUD_PARALLELIZATION_FACTOR', DEFAULT_PARALLELIZATION_FACTOR, PARALLELIZATION_FACTOR_RANGE.min, PARALLELIZATION_FACTOR_RANGE.max);
  const config: LocalCloudCommandConfig = {
    host,
    mqttPort: int('mqtt-port', 'LOCAL_CLOUD_MQTT_PORT', LOCAL_PORTS.mqtt, 0, 65535),
    timestreamPort: int('timestream-port', 'LOCAL_CLOUD_TIMESTREAM_PORT', LOCAL_PORTS.timestream, 0, 65535),
    httpPort: int('http-port', 'LOCAL_CLOUD_HTTP_PORT', LOCAL_PORTS.health, 0, 65535),
    s3Port: int('s3-port', 'LOCAL_CLOUD_S3_PORT', LOCAL_PORTS.s3, 0, 65535),
    dataDir: path.resolve(root, text('data-dir', 'LOCAL_CLOUD_DATA_DIR', '.local-cloud')),
    ...(timestreamEndpoint ? { timestreamEndpoint } : {}),
    timestreamProcess: timestreamProcess as TimestreamProcess,
    action,
    durability: durability as Durability,
    streamRetentionHours: int('stream-retention-hours', 'LOCAL_CLOUD_STREAM_RETENTION_HOURS', 24, 1, 8760),
    lambdaBundle: path.resolve(root, text('lambda-bundle', 'LOCAL_CLOUD_LAMBDA_BUNDLE', 'dist/apps/ingest-lambda/index.js')),
    functionName: text('function-name', 'LOCAL_CLOUD_FUNCTION_NAME', 'iot-timeseries-ingest'),
    streamName: text('stream-name', 'LOCAL_CLOUD_STREAM_NAME', 'iot-timeseries-sensor-stream'),
    region: text('region', 'AWS_REGION', 'us-east-1'),
    accountId: text('account-id', 'LOCAL_CLOUD_ACCOUNT_ID', '000000000000'),
    shardCount,
    parallelizationFactor,
    batchSize: int('batch-size', 'LOCAL_CLOUD_BATCH_SIZE', 100, 1, 10_000),
    batchingWindowMs: int('batch-window-ms', 'LOCAL_CLOUD_BATCH_WINDOW_MS', 1000, 0, 300_000),
    maxRecordsPerShard: int('shard-capacity', 'LOCAL_CLOUD_SHARD_CAPACITY', 20_000, 1, 10_000_000),
    maxRetryAttempts: int('max-retries', 'LOCAL_CLOUD_MAX_RETRIES', 3, 0, 10_000),
    lambdaTimeoutMs: int('lambda-timeout-ms', 'LOCAL_CLOUD_LAMBDA_TIMEOUT_MS', 60_000, 100, 900_000),
    // One execution environment per batch the stream can have in flight, unless told otherwise.
    lambdaConcurrency: int('lambda-concurrency', 'LOCAL_CLOUD_LAMBDA_CONCURRENCY', Math.min(64, shardCount * parallelizationFactor), 1, 64),
    alarmIntervalMs: int('alarm-interval-ms', 'LOCAL_CLOUD_ALARM_INTERVAL_MS', 10_000, 100, 3_600_000),
    alarmOverrides: overrides,
    staleAfterSeconds: int('stale-after-seconds', 'LOCAL_CLOUD_STALE_AFTER_SECONDS', STALE_DEVICE_AFTER_SECONDS, 1, 86_400 * 30),
    staleCheckMs: int('stale-check-ms', 'LOCAL_CLOUD_STALE_CHECK_MS', 15_000, 100, 3_600_000),
    echoLambdaLogs: text('echo-lambda-logs', 'LOCAL_CLOUD_ECHO_LAMBDA_LOGS', 'false') === 'true',
  };
  // The window function (tumbling windows on the same stream, alerts and forecasts): on the Kinesis path by default,
  // as infra deploys it, with libs/schema's window; --window-seconds 1..900 sets the window, 0 turns it off.
  const windowSeconds = int('window-seconds', 'LOCAL_CLOUD_WINDOW_SECONDS', analyticsSettings.windowSeconds, 0, TUMBLING_WINDOW_RANGE.max);
  const horizon = int('forecast-horizon-seconds', 'LOCAL_CLOUD_FORECAST_HORIZON_SECONDS', analyticsSettings.forecast.horizonSeconds, 1, 7 * 86_400);
  const within = int('failure-alert-within-seconds', 'LOCAL_CLOUD_FAILURE_ALERT_WITHIN_SECONDS', analyticsSettings.failurePrediction.alertWithinSeconds, 1, 365 * 86_400);
  // What the window mapping may hold in memory per shard while it lags (beyond it, its oldest records are skipped).
  const backlogMiB = int('window-backlog-mib', 'LOCAL_CLOUD_WINDOW_BACKLOG_MIB', DEFAULT_WINDOW_BACKLOG_BYTES / MIB, 1, 16_384);
  if (windowSeconds > 0 && config.action === 'kinesis') {
    config.windows = {
      functionName: text('window-function-name', 'LOCAL_CLOUD_WINDOW_FUNCTION_NAME', WINDOW_FUNCTION_NAME),
      windowSeconds,
      forecastHorizonSeconds: horizon,
      failureAlertWithinSeconds: within,
      maxBacklogBytes: backlogMiB * MIB,
    };
  }
  const unknown = Object.keys(flags).filter((f) => !known.has(f));
  if (unknown.length > 0) throw new ConfigError(`unknown option(s): ${unknown.map((f) => `--${f}`).join(', ')}`);
  return config;
}

/** An http URL on a loopback host (the local cloud sends nothing off this machine), without a trailing slash. */
function parseLoopbackUrl({ value, name }: { value: string | undefined; name: string }): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new ConfigError(`${name} must be a URL like http://127.0.0.1:8000, got ${JSON.stringify(value)}`, { cause });
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.protocol !== 'http:' || !LOOPBACK.has(host)) throw new ConfigError(`${name} must be an http URL on a loopback address (127.0.0.1, ::1, localhost), got ${JSON.stringify(value)}`);
  return url.origin;
}

function parseAlarmOverrides({ value, name }: { value: string | undefined; name: string }): AlarmOverrides {
  if (value === undefined || value === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (cause) {
    throw new ConfigError(`${name} must be JSON like {"stale-devices":{"periodSeconds":5}}`, { cause });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError(`${name} must be a JSON object keyed by alarm id`);
  const ids = new Set(ALARM_DEFINITIONS.map((d) => d.id));
  const out: AlarmOverrides = {};
  for (const [id, fields] of Object.entries(parsed as Record<string, unknown>)) {
    if (!ids.has(id)) throw new ConfigError(`${name}: unknown alarm id ${JSON.stringify(id)} (known: ${[...ids].join(', ')})`);
    const entry: AlarmOverrides[string] = {};
    for (const [key, v] of Object.entries((fields ?? {}) as Record<string, unknown>)) {
      if (key !== 'periodSeconds' && key !== 'evaluationPeriods' && key !== 'threshold') throw new ConfigError(`${name}: ${id}.${key} cannot be overridden`);
      if (typeof v !== 'number' || !Number.isFinite(v) || (key !== 'threshold' && v <= 0)) throw new ConfigError(`${name}: ${id}.${key} must be a positive number`);
      entry[key] = v;
    }
    out[id] = entry;
  }
  return out;
}
