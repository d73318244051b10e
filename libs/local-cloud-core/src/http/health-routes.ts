import type { AlarmsReport, HealthReport, LocalCloudRoutes, PipelineReport, RuleAction } from '@iot-timeseries/local-cloud-client';
import type { AlarmEvaluator } from '../alarms/alarm-evaluator';
import { readAlerts } from '../alerts/alert-files';
import type { PipelineStats } from '../pipeline/pipeline-stats';
import type { TumblingWindowMapping } from '../stream/tumbling-window-mapping';
import type { KinesisBuffer } from '../stream/kinesis-buffer';

export interface HealthSources {
  startedAt: number;
  dataDir: string;
  action: RuleAction;
  endpoints: { mqtt: string; timestream: string; s3: string };
  database: string;
  table: string;
  brokerClients: () => number;
  alarms: AlarmEvaluator;
  stats: PipelineStats;
  /** The stream on the Kinesis path; undefined on the direct-action path. */
  stream?: KinesisBuffer;
  directWritesInFlight: () => number;
  /** The window function's mapping and where it appends alerts, when it runs. */
  windows?: TumblingWindowMapping;
  alertDir?: string;
  now?: () => number;
}

/** The routes computed here (`/alerts` reads the alert files, so it is asynchronous); `/scheduled-queries` is the scheduled-query monitor's. */
export type HealthRoutes = { [R in Exclude<keyof LocalCloudRoutes, '/alerts' | '/scheduled-queries'>]: () => LocalCloudRoutes[R] } & { '/alerts': () => Promise<LocalCloudRoutes['/alerts']> };

/** The health server's answers (the contract in libs/local-cloud-client), computed when asked. */
export function healthRoutes(sources: HealthSources): HealthRoutes {
  const now = sources.now ?? Date.now;
  const health = (): HealthReport => ({
    status: 'ok',
    uptimeSeconds: Math.round((now() - sources.startedAt) / 1000),
    dataDir: sources.dataDir,
    action: sources.action,
    endpoints: sources.endpoints,
    database: sources.database,
    table: sources.table,
    brokerClients: sources.brokerClients(),
    alarmsInAlarm: sources.alarms.list().filter((a) => a.state === 'ALARM').map((a) => a.id),
  });
  const alarms = (): AlarmsReport => ({ alarms: sources.alarms.list(), history: sources.alarms.history.slice(-100) });
  const pipeline = (): PipelineReport => ({
    ...sources.stats.snapshot(now()),
    action: sources.action,
    stream: sources.stream ? { ...sources.stream.stats, shards: sources.stream.shardDepths(), consumers: sources.stream.consumerLags(now()) } : null,
    directWritesInFlight: sources.directWritesInFlight(),
    ...(sources.windows ? { windows: { ...sources.windows.stats } } : {}),
  });
  const alerts = async () => (sources.alertDir ? readAlerts(sources.alertDir) : { total: 0, alerts: [], open: [] });
  return { '/health': health, '/alarms': alarms, '/pipeline': pipeline, '/alerts': alerts };
}
