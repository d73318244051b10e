import { ANALYTICS, ANALYTIC_NAMES, quoteIdentifier, type AnalyticName } from '@iot-timeseries/queries';
import { LOCAL_ENDPOINTS } from '@iot-timeseries/schema';
import { readFileSync } from 'node:fs';
import type { CliConfig } from './config';
import { UsageError } from './errors';
import { windowCommandSql } from './window-commands';

/** The SQL a command runs. Every command goes through the Query API, so it works locally and on AWS. */
export function commandSql(config: CliConfig): string {
  const table = `${quoteIdentifier(config.database)}.${quoteIdentifier(config.table)}`;
  switch (config.command) {
    case 'databases':
      return 'SHOW DATABASES';
    case 'tables':
      return `SHOW TABLES FROM ${quoteIdentifier(config.database)}`;
    case 'describe':
      return `DESCRIBE ${table}`;
    case 'measures':
      return `SHOW MEASURES FROM ${table}`;
    case 'sql':
      return rawSql(config);
    case 'run':
      return analyticSql(config);
    case 'events':
    case 'forecasts':
      return windowCommandSql(config);
    default:
      throw new UsageError(`unknown command ${JSON.stringify(config.command)}`);
  }
}

function rawSql(config: CliConfig): string {
  if (config.file) {
    try {
      return readFileSync(config.file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read --file ${config.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  const sql = config.args.join(' ').trim();
  if (!sql) throw new UsageError('sql needs a query as an argument or --file');
  return sql;
}

function analyticSql(config: CliConfig): string {
  const name = config.args[0] as AnalyticName;
  if (!ANALYTIC_NAMES.includes(name)) throw new UsageError(`run needs one of ${ANALYTIC_NAMES.join(', ')}`);
  const f = config.analyticFlags;
  const list = (v?: string) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
  const num = (v: string | undefined, flag: string) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new UsageError(`--${flag} must be a number, got ${JSON.stringify(v)}`);
    return n;
  };
  const options = {
    database: config.database,
    table: config.table,
    devices: list(f.devices),
    locations: list(f.locations),
    measure: f.measure,
    measures: list(f.measures),
    window: f.window,
    interval: f.interval,
    lookback: f.lookback,
    baseline: f.baseline,
    recent: f.recent,
    step: f.step,
    staleAfter: f['stale-after'],
    expectedEvery: f['expected-every'],
    source: f.source,
    rollup: f.rollup,
    threshold: num(f.threshold, 'threshold'),
    limit: num(f.limit, 'limit'),
  };
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return (ANALYTICS[name].build as (o: object) => { sql: string })(defined).sql;
}

export const HELP = `iot-query: run the IoT time-series analytics against Timestream (local by default)

Usage:
  iot-query databases                      list databases
  iot-query tables [--database D]          list tables
  iot-query describe [--database D --table T]
  iot-query measures [--database D --table T]
  iot-query run <analytic> [flags]         ${ANALYTIC_NAMES.join(', ')}
  iot-query sql "<SQL>" | sql --file q.sql run any Timestream SQL
  iot-query events [flags]                 alerts and clears of the window function, newest first
                                           (--kinds anomaly,rule,failure-predicted --states alert,clear
                                            --detectors a,b --devices a,b --window 1d --limit N)
  iot-query forecasts [flags]              each device's latest forecasts, one row per measure, and its
                                           time to failure (--devices a,b --measures a,b --window 1h)

Recovery (UNLOAD and batch load; S3 is --s3-endpoint, default $IOT_QUERY_S3_ENDPOINT or the local cloud's, or S3 with --aws):
  iot-query export s3://bucket/folder [--database D --table T]      UNLOAD the table as CSV, with export.json beside it
  iot-query import s3://bucket/folder --table T2 [--database D2]    batch-load an export (the table is created when missing)
  iot-query verify --source-table T [--source-database D --source-endpoint URL] --table T2 [--database D2]
                                           row counts and per-device checksums; exit 1 when they differ
  (--device-dimension device_id names the device dimension)

Analytic flags: --devices a,b --locations x,y --measure M --measures a,b --window 1d --interval 10m
  --lookback 1h --baseline 7d --recent 1d --threshold 2 --limit N --step 1m --stale-after 5m --expected-every 30s
Rollups (the tables scheduled queries write): run range-series --window 30d --interval 1h [--source auto|raw|rollup-1m|rollup-1h]
  run rollups --rollup rollup-1h|rollup-1m --window 1d   run data-quality --window 7d --expected-every 30s [--source auto|raw]

Target:  --endpoint URL (default $IOT_QUERY_ENDPOINT or ${LOCAL_ENDPOINTS.timestream}, the local cloud)
         --aws --region R [--profile P]    Amazon Timestream with your AWS credentials
Output:  --format table|csv|json (default table)   --max-rows N (page size)   --timeout MS (default 60000)
`;
