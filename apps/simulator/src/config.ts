import { DEFAULT_FAULT_RATES, type FaultRates } from '@iot-timeseries/fleet';
import { LOCAL_PORTS, localHttpUrl, localMqttUrl } from '@iot-timeseries/schema';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './errors';

export type Command = 'run' | 'serve';
export type TargetKind = 'local' | 'iot-core' | 'lambda' | 'timestream';

export interface SimulatorConfig {
  command: Command;
  target: TargetKind;
  devices: number;
  seed: string;
  seedGiven: boolean;
  intervalMs: number;
  rounds?: number;
  durationMs?: number;
  ratePerSecond: number;
  faults: FaultRates;
  timeScale: number;
  signalEpoch?: number;
  mqttUrl: string;
  /** Brokers to fail over to, in order, when the one a device uses stops answering (`--mqtt-url a,b`). */
  mqttFailover: string[];
  /** `endpoint` first; `failoverEndpoints` (`--iot-endpoint a,b`), e.g. the disaster-recovery region's, after it. */
  iotCore?: { endpoint: string; failoverEndpoints: string[]; certFile: string; keyFile: string; caFile?: string };
  functionName?: string;
  region: string;
  /** Against AWS: regions the dashboard's queries fail over to, in order (`--failover-region a,b`). */
  failoverRegions: string[];
  /** Timestream endpoint for the timestream target and the dashboard's queries; undefined = AWS. */
  timestreamEndpoint?: string;
  /** Timestream endpoints the dashboard's queries fail over to, in order (`--timestream-endpoint a,b`). */
  timestreamFailover: string[];
  localCloudUrl: string;
  spawnLocalCloud: boolean;
  dashboardPort: number;
  windowMinutes: number;
  refreshMs: number;
  quiet: boolean;
  /** Write the ground truth (each injected failure, anomaly and dropout) to this JSON-lines file. */
  groundTruthFile?: string;
}

type Source = Record<string, string | undefined>;

export function parseArgs(argv: readonly string[]): { command?: string; flags: Source } {
  const flags: Source = {};
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      if (command !== undefined) throw new ConfigError(`unexpected argument ${JSON.stringify(arg)}; options look like --devices 5`);
      command = arg;
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) flags[arg.slice(2, eq)] = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) flags[arg.slice(2)] = argv[++i];
    else flags[arg.slice(2)] = 'true';
  }
  return { command, flags };
}

/** A comma-separated list (`a,b`), each item trimmed; an empty item is an error naming the option. */
export function endpointList(value: string, name: string): [string, ...string[]] {
  const items = value.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new ConfigError(`${name} must be one endpoint or a comma-separated list of them, got ${JSON.stringify(value)}`);
  const [first, ...rest] = items;
  return [first, ...rest];
}

function groundTruthFile(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true') throw new ConfigError('--ground-truth needs a file name, e.g. --ground-truth run-truth.jsonl');
  return path.resolve(value);
}

/** Reads the command line (first) and environment; fails fast naming the option. */
export function loadConfig(env: Source = process.env, argv: readonly string[] = process.argv.slice(2)): SimulatorConfig {
  const { command = 'run', flags } = parseArgs(argv);
  if (command !== 'run' && command !== 'serve') throw new ConfigError(`unknown command ${JSON.stringify(command)}; use "run" or "serve"`);
  const known = new Set<string>();
  const raw = (flag: string, variable?: string) => {
    known.add(flag);
    if (flags[flag] !== undefined) return { value: flags[flag], name: `--${flag}` };
    return { value: variable ? env[variable] : undefined, name: variable ?? `--${flag}` };
  };
  const text = (flag: string, variable?: string) => raw(flag, variable).value;
  const maybeNumber = (flag: string, variable: string | undefined, fallback: number | undefined, min: number, max: number, integer = false): number | undefined => {
    const { value, name } = raw(flag, variable);
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      throw new ConfigError(`${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got ${JSON.stringify(value)}`);
    }
    return n;
  };
  const number = (flag: string, variable: string | undefined, fallback: number, min: number, max: number, integer = false): number =>
    maybeNumber(flag, variable, fallback, min, max, integer) ?? fallback;
  const serve = command === 'serve';
  const target = (text('target', 'SIMULATOR_TARGET') ?? 'local') as TargetKind;
  if (!['local', 'iot-core', 'lambda', 'timestream'].includes(target)) throw new ConfigError(`--target must be local, iot-core, lambda or timestream, got ${JSON.stringify(target)}`);
  const seedText = text('seed', 'SIMULATOR_SEED');
  const rate = (flag: string, key: keyof FaultRates) => number(flag, undefined, DEFAULT_FAULT_RATES[key], 0, 1);
  const mqttPort = number('mqtt-port', 'LOCAL_CLOUD_MQTT_PORT', LOCAL_PORTS.mqtt, 1, 65535, true);
  const timestreamPort = number('timestream-port', 'LOCAL_CLOUD_TIMESTREAM_PORT', LOCAL_PORTS.timestream, 1, 65535, true);
  const httpPort = number('local-cloud-port', 'LOCAL_CLOUD_HTTP_PORT', LOCAL_PORTS.health, 1, 65535, true);
  const intervalSeconds = number('interval', 'SIMULATOR_INTERVAL', serve ? 2 : 30, 0, 86_400);
  const roundsDefault = serve ? undefined : 10;
  const durationSeconds = maybeNumber('duration', 'SIMULATOR_DURATION', undefined, 0.1, 86_400 * 365);
  const epochText = text('signal-epoch');
  const signalEpoch = epochText === undefined ? undefined : Date.parse(epochText);
  if (signalEpoch !== undefined && Number.isNaN(signalEpoch)) throw new ConfigError(`--signal-epoch must be a date like 2026-01-01T00:00:00Z, got ${JSON.stringify(epochText)}`);
  const list = (flag: string, variable: string): string[] | undefined => {
    const { value, name } = raw(flag, variable);
    return value === undefined ? undefined : endpointList(value, name);
  };
  const [endpoint, ...iotFailover] = list('iot-endpoint', 'IOT_ENDPOINT') ?? [];
  let iotCore: SimulatorConfig['iotCore'];
  if (target === 'iot-core') {
    const certFile = text('cert', 'IOT_CERT_FILE');
    const keyFile = text('key', 'IOT_KEY_FILE');
    if (!endpoint) throw new ConfigError('--iot-endpoint (or IOT_ENDPOINT) is required for --target iot-core (see `aws iot describe-endpoint --endpoint-type iot:Data-ATS`)');
    if (!certFile || !keyFile) throw new ConfigError('--cert and --key (device certificate and private key files) are required for --target iot-core');
    for (const [flag, file] of [['--cert', certFile], ['--key', keyFile]] as const) if (!existsSync(file)) throw new ConfigError(`${flag} file ${file} does not exist`);
    iotCore = { endpoint, failoverEndpoints: iotFailover, certFile: path.resolve(certFile), keyFile: path.resolve(keyFile), caFile: text('ca', 'IOT_CA_FILE') };
  } else {
    known.add('cert');
    known.add('key');
    known.add('ca');
  }
  const functionName = text('function-name', 'LAMBDA_FUNCTION_NAME');
  if (target === 'lambda' && !functionName) throw new ConfigError('--function-name (or LAMBDA_FUNCTION_NAME) is required for --target lambda');
  const [explicitTimestream, ...timestreamFailover] = list('timestream-endpoint', 'TIMESTREAM_ENDPOINT') ?? [];
  const [mqttUrl, ...mqttFailover] = list('mqtt-url', 'SIMULATOR_MQTT_URL') ?? [localMqttUrl(mqttPort)];
  const onAws = target === 'iot-core' || target === 'lambda' || (target === 'timestream' && explicitTimestream === undefined && text('aws') === 'true');
  const config: SimulatorConfig = {
    command,
    target,
    devices: number('devices', 'SIMULATOR_DEVICES', 5, 1, 100_000, true),
    seed: seedText ?? randomBytes(4).toString('hex'),
    seedGiven: seedText !== undefined,
    intervalMs: Math.round(intervalSeconds * 1000),
    rounds: maybeNumber('rounds', 'SIMULATOR_ROUNDS', durationSeconds === undefined ? roundsDefault : undefined, 1, 1e9, true),
    durationMs: durationSeconds === undefined ? undefined : Math.round(durationSeconds * 1000),
    ratePerSecond: number('rate', 'SIMULATOR_RATE', 0, 0, 1_000_000),
    faults: {
      anomalyRate: rate('anomaly-rate', 'anomalyRate'),
      dropoutRate: rate('dropout-rate', 'dropoutRate'),
      lateRate: rate('late-rate', 'lateRate'),
      duplicateRate: rate('duplicate-rate', 'duplicateRate'),
      invalidRate: rate('invalid-rate', 'invalidRate'),
      failureRate: rate('failure-rate', 'failureRate'),
    },
    timeScale: number('time-scale', 'SIMULATOR_TIME_SCALE', serve ? 60 : 1, 0.001, 1_000_000),
    signalEpoch,
    mqttUrl,
    mqttFailover,
    iotCore,
    functionName,
    region: text('region', 'AWS_REGION') ?? 'us-east-1',
    failoverRegions: list('failover-region', 'SIMULATOR_FAILOVER_REGIONS') ?? [],
    timestreamEndpoint: explicitTimestream ?? (onAws ? undefined : localHttpUrl(timestreamPort)),
    timestreamFailover,
    localCloudUrl: text('local-cloud-url', 'LOCAL_CLOUD_URL') ?? localHttpUrl(httpPort),
    spawnLocalCloud: text('spawn-local-cloud') === 'true',
    dashboardPort: number('dashboard-port', 'SIMULATOR_DASHBOARD_PORT', 8080, 0, 65535, true),
    windowMinutes: number('window', 'SIMULATOR_WINDOW_MINUTES', 15, 1, 7 * 24 * 60, true),
    refreshMs: Math.round(number('refresh', undefined, 5, 0.5, 3600) * 1000),
    quiet: text('quiet') === 'true',
    groundTruthFile: groundTruthFile(text('ground-truth', 'SIMULATOR_GROUND_TRUTH')),
  };
  known.add('aws');
  const unknown = Object.keys(flags).filter((f) => !known.has(f));
  if (unknown.length > 0) throw new ConfigError(`unknown option(s): ${unknown.map((f) => `--${f}`).join(', ')}`);
  return config;
}
