import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { MEASURES, STALE_DEVICE_AFTER_SECONDS } from '@iot-timeseries/schema';
import type { FleetStats } from '@iot-timeseries/fleet';
import type { LocalCloudClient } from '@iot-timeseries/local-cloud-client';
import type { DashboardModel, PipelineFigures } from './dashboard-model';
import type { DashboardQueries, TrendPoint } from './dashboard-queries';
import { activeAlerts, withForecasts } from './predictive-model';
import { createQueriesAdapter } from './queries-adapter';

const MAX_CHART_DEVICES = 12;

export interface DashboardLoaderOptions {
  queryClient: TimestreamQueryClient;
  source: string;
  windowMinutes: number;
  expectedIntervalMs: number;
  /** The fleet sending the data (its own counts, shown beside the pipeline's). */
  fleet: { stats(): FleetStats };
  targetDescription: string;
  /** The local cloud's health server; absent against AWS. */
  cloud?: Pick<LocalCloudClient, 'alarms' | 'pipeline'>;
  staleAfterSeconds?: number;
  /** Replaces the libs/queries adapter (tests of the model's shape). */
  queries?: DashboardQueries;
}

/** Picks a bin so a chart has at most ~240 points across the window, never below 1 s. */
export function chooseBinSeconds(windowMinutes: number, intervalMs: number): number {
  const byWindow = Math.ceil((windowMinutes * 60) / 240);
  return Math.max(1, Math.ceil(intervalMs / 1000), byWindow);
}

/** Returns the function the dashboard server calls for /api/dashboard. Each panel fails on its own. */
export function createDashboardLoader(options: DashboardLoaderOptions): () => Promise<DashboardModel> {
  const queries = options.queries ?? createQueriesAdapter(options.queryClient);
  const staleAfter = options.staleAfterSeconds ?? STALE_DEVICE_AFTER_SECONDS;
  return async () => {
    const now = Date.now();
    const errors: Record<string, string> = {};
    const attempt = async <T>(panel: string, run: () => Promise<T>, fallback: T): Promise<T> => {
      try {
        return await run();
      } catch (error) {
        errors[panel] = (error as Error).message;
        return fallback;
      }
    };
    const binSeconds = chooseBinSeconds(options.windowMinutes, options.expectedIntervalMs);
    const cloudClient = options.cloud;
    const [trend, latest, anomalies, stale, completeness, events, forecasts, alarms, cloud] = await Promise.all([
      attempt('charts', () => queries.trend(options.windowMinutes, binSeconds), []),
      attempt('latest', () => queries.latest(options.windowMinutes), []),
      attempt('anomalies', () => queries.anomalies(options.windowMinutes), []),
      attempt('stale', () => queries.stale(staleAfter), []),
      attempt('completeness', () => queries.completeness(options.windowMinutes, options.expectedIntervalMs), []),
      attempt('alerts', () => queries.events(options.windowMinutes), []),
      attempt('forecasts', () => queries.forecasts(options.windowMinutes), []),
      cloudClient ? attempt('alarms', () => cloudClient.alarms(), null) : Promise.resolve(null),
      cloudClient ? attempt('pipeline', () => cloudClient.pipeline(), null) : Promise.resolve(null),
    ]);
    const { charts, shown, total } = toCharts(trend);
    const fleet = options.fleet.stats();
    const pipeline: PipelineFigures = {
      fleet: { ...fleet, target: options.targetDescription },
      cloud: cloud && {
        messagesReceived: cloud.messagesReceived,
        messagesPerSecond: cloud.messagesPerSecond,
        readingsWritten: cloud.readingsWritten,
        messagesInvalid: cloud.messagesInvalid,
        recordsRejected: cloud.recordsRejected,
        putAsideTotal: cloud.putAsideTotal,
        putAsideByReason: cloud.putAsideByReason,
        putAsideGroups:
          cloud.putAsideGroups?.map((g) => ({ pattern: g.pattern, count: g.count, latest: { reason: g.latest.reason, at: g.latest.at, deviceId: g.latest.deviceId } })) ??
          Object.entries(cloud.putAsideByReason).map(([pattern, count]) => ({ pattern, count })),
        lambdaInvocations: cloud.lambdaInvocations,
        lambdaErrors: cloud.lambdaErrors,
        streamPending: cloud.stream?.pending ?? 0,
      },
    };
    return {
      generatedAt: new Date(now).toISOString(),
      source: options.source,
      windowMinutes: options.windowMinutes,
      binSeconds,
      measures: Object.values(MEASURES).map((m) => ({ name: m.name, unit: m.unit, description: m.description })),
      charts: withForecasts(charts, forecasts),
      devicesShown: shown,
      devicesTotal: total,
      latest: latest
        .sort((a, b) => a.deviceId.localeCompare(b.deviceId))
        .map((r) => ({ deviceId: r.deviceId, location: r.location, time: new Date(r.time).toISOString(), values: r.values, ageSeconds: Math.max(0, (now - r.time) / 1000) })),
      anomalies: anomalies
        .sort((a, b) => b.time - a.time)
        .map((a) => ({ deviceId: a.deviceId, location: a.location, time: new Date(a.time).toISOString(), measure: a.measure, value: a.value, score: a.score })),
      stale: stale.map((s) => ({ deviceId: s.deviceId, location: s.location, lastSeen: new Date(s.lastSeen).toISOString(), silentSeconds: Math.max(0, (now - s.lastSeen) / 1000) })),
      completeness: completeness
        .sort((a, b) => a.deviceId.localeCompare(b.deviceId))
        .map((c) => ({ deviceId: c.deviceId, received: c.received, expected: c.expected, percent: c.expected > 0 ? Math.min(100, (100 * c.received) / c.expected) : 0 })),
      alerts: activeAlerts(events, now),
      alarms: alarms && alarms.map((a) => ({ id: a.id, state: a.state, description: a.description, reason: a.reason, since: a.since })),
      pipeline,
      errors,
    };
  };
}

/** Aligns binned rows into uPlot's shape: one x array, one values array per device (nulls in gaps). */
export function toCharts(rows: readonly TrendPoint[]): { charts: DashboardModel['charts']; shown: number; total: number } {
  const devices = [...new Set(rows.map((r) => r.deviceId))].sort();
  const shownDevices = devices.slice(0, MAX_CHART_DEVICES);
  const bins = [...new Set(rows.map((r) => r.bin))].sort((a, b) => a - b);
  const binIndex = new Map(bins.map((b, i) => [b, i]));
  const charts: DashboardModel['charts'] = {};
  for (const measure of Object.keys(MEASURES)) {
    const series = shownDevices.map((deviceId) => ({ deviceId, values: new Array<number | null>(bins.length).fill(null) }));
    const byDevice = new Map(series.map((s) => [s.deviceId, s]));
    for (const row of rows) {
      const s = byDevice.get(row.deviceId);
      const v = row.values[measure];
      if (s && v !== undefined && v !== null) s.values[binIndex.get(row.bin) as number] = v;
    }
    charts[measure] = { times: bins.map((b) => b / 1000), series };
  }
  return { charts, shown: shownDevices.length, total: devices.length };
}
