import { DIMENSION_NAMES, LOCAL_ENDPOINTS, timestreamSettings } from '@iot-timeseries/schema';
import { parseArgs } from 'node:util';
import { UsageError } from './errors';

export type OutputFormat = 'table' | 'csv' | 'json';

export interface CliConfig {
  command: string;
  args: string[];
  /** Flags of the analytic (devices, window, ...), as given. */
  analyticFlags: Record<string, string | undefined>;
  target: { kind: 'local'; endpoint: string } | { kind: 'aws'; region: string; profile?: string };
  database: string;
  table: string;
  /** `--table` as given (the window commands default to libs/schema's analytics tables, not the readings table). */
  tableFlag?: string;
  format: OutputFormat;
  file?: string;
  maxRows?: number;
  timeoutMs: number;
  help: boolean;
  /** export, import: the S3 API (`--s3-endpoint`; locally the local cloud's S3 by default) */
  s3Endpoint?: string;
  /** verify: the table copied from, and where it is (the target's endpoint by default) */
  sourceDatabase?: string;
  sourceTable?: string;
  sourceEndpoint?: string;
  /** verify: the dimension that names a device */
  deviceDimension: string;
}

const ANALYTIC_FLAGS = ['devices', 'locations', 'measure', 'measures', 'window', 'interval', 'lookback', 'baseline', 'recent', 'threshold', 'limit', 'step', 'stale-after', 'expected-every', 'kinds', 'states', 'detectors', 'source', 'rollup'] as const;

/** Parses argv and the environment once; throws UsageError naming the bad flag. */
export function parseConfig(argv: string[], env: NodeJS.ProcessEnv): CliConfig {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        endpoint: { type: 'string' },
        aws: { type: 'boolean', default: false },
        region: { type: 'string' },
        profile: { type: 'string' },
        database: { type: 'string' },
        table: { type: 'string' },
        format: { type: 'string', short: 'f' },
        file: { type: 'string' },
        'max-rows': { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        's3-endpoint': { type: 'string' },
        'source-database': { type: 'string' },
        'source-table': { type: 'string' },
        'source-endpoint': { type: 'string' },
        'device-dimension': { type: 'string' },
        ...Object.fromEntries(ANALYTIC_FLAGS.map((f) => [f, { type: 'string' as const }])),
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const format = (values.format ?? 'table') as OutputFormat;
  if (!['table', 'csv', 'json'].includes(format)) throw new UsageError(`--format must be table, csv or json, got ${JSON.stringify(values.format)}`);
  if (values.aws && values.endpoint) throw new UsageError('--aws and --endpoint exclude each other');
  const region = values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (values.aws && !region) throw new UsageError('--aws needs --region or AWS_REGION');
  return {
    command: positionals[0] ?? 'help',
    args: positionals.slice(1),
    analyticFlags: Object.fromEntries(ANALYTIC_FLAGS.map((f) => [f, (values as Record<string, unknown>)[f] as string | undefined])),
    target: values.aws
      ? { kind: 'aws', region: region as string, profile: values.profile ?? env.AWS_PROFILE }
      : { kind: 'local', endpoint: values.endpoint ?? env.IOT_QUERY_ENDPOINT ?? LOCAL_ENDPOINTS.timestream },
    database: values.database ?? timestreamSettings.databaseName,
    table: values.table ?? timestreamSettings.tableName,
    tableFlag: values.table,
    format,
    file: values.file,
    maxRows: positiveInt(values['max-rows'], '--max-rows'),
    timeoutMs: positiveInt(values.timeout, '--timeout') ?? 60_000,
    help: values.help || positionals[0] === 'help',
    s3Endpoint: values['s3-endpoint'] ?? env.IOT_QUERY_S3_ENDPOINT,
    sourceDatabase: values['source-database'],
    sourceTable: values['source-table'],
    sourceEndpoint: values['source-endpoint'],
    deviceDimension: values['device-dimension'] ?? DIMENSION_NAMES[0],
  };
}

function positiveInt(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} must be a positive whole number, got ${JSON.stringify(text)}`);
  return n;
}
