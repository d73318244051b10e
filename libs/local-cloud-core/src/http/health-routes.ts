import type { AlarmsReport, HealthReport, LocalCloudRoutes, PipelineReport, RuleAction } from '@iot-timeseries/local-cloud-client';
import type { AlarmEvaluator } from '../alarms/alarm-evaluator';
import type { PipelineStats } from '../pipeline/pipeline-stats';
import type { KinesisBuffer } from '../stream/kinesis-buffer';

export interface HealthSources {
  startedAt: number;
  dataDir: string;
  action: RuleAction;
  endpoints: { mqtt: string; timestream: string };
  database: string;
  table: string;
  brokerClients: () => number;
  alarms: AlarmEvaluator;
  stats: PipelineStats;
  /** The stream on the Kinesis path; undefined on the direct-action path. */
  stream?: KinesisBuffer;
  directWritesInFlight: () => number;
  now?: () => number;
}

/** The routes computed here; `/scheduled-queries` is the scheduled-query monitor's. */
export type HealthRoutes = { [R in Exclude<keyof LocalCloudRoutes, '/scheduled-queries'>]: () => LocalCloudRoutes[R] };

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
    stream: sources.stream ? { ...sources.stream.stats, shards: sources.stream.shardDepths() } : null,
    directWritesInFlight: sources.directWritesInFlight(),
  });
  return { '/health': health, '/alarms': alarms, '/pipeline': pipeline };
}
