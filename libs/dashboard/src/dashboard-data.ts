import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { MEASURES, STALE_DEVICE_AFTER_SECONDS } from '@iot-timeseries/schema';
import type { FleetStats } from '@iot-timeseries/fleet';
import type { LocalCloudClient } from '@iot-timeseries/local-cloud-client';
import type { DashboardModel, DataQualityFigures, DeviceQualityFigure, PipelineFigures } from './dashboard-model';
import type { DashboardQueries, DeviceDataQuality, TrendPoint } from './dashboard-queries';
import { PanelSourceMissingError } from './errors';
import { activeAlerts, withForecasts } from './predictive-model';
import { createQueriesAdapter } from './queries-adapter';
import { DASHBOARD_RANGES, rangeView, sourceLabel } from './ranges';

const MAX_CHART_DEVICES = 12;
/** Completeness the data-quality panel counts a device as fine from. */
const QUALITY_TARGET_PERCENT = 95;

export interface DashboardLoaderOptions {
  queryClient: Pick<TimestreamQueryClient, 'send'>;
  /** Where the queries go, as the page shows it; a function for a source that can change (a failover client's active target). */
  source: string | (() => string);
  /** The live panels' window (latest readings, anomalies, completeness, the window function's latest forecasts; alerts look back a day at least). */
  windowMinutes: number;
  expectedIntervalMs: number;
  /** The fleet sending the data (its own counts, shown beside the pipeline's). */
  fleet: { stats(): FleetStats };
  /** Where the fleet sends, as the page shows it; a function for one that can change (brokers failed over to). */
  targetDescription: string | (() => string);
  /** The local cloud's health server; absent against AWS. */
  cloud?: Pick<LocalCloudClient, 'alarms' | 'pipeline'>;
  staleAfterSeconds?: number;
  /** Replaces the libs/queries adapter (tests of the model's shape). */
  queries?: DashboardQueries;
}

/**
 * Returns the function the dashboard server calls for /api/dashboard (`?range=` one of DASHBOARD_RANGES, 15 min
 * by default). The charts and the data-quality panel follow the range (long ranges read the rollups); the live
 * panels keep the live window. Each panel fails on its own.
 */
export function createDashboardLoader(options: DashboardLoaderOptions): (request?: URLSearchParams) => Promise<DashboardModel> {
  const queries = options.queries ?? createQueriesAdapter(options.queryClient);
  const staleAfter = options.staleAfterSeconds ?? STALE_DEVICE_AFTER_SECONDS;
  return async (request) => {
    const range = rangeView(request?.get('range'), options.expectedIntervalMs);
    const now = Date.now();
    const errors: Record<string, string> = {};
    const notices: Record<string, string> = {};
    const attempt = async <T>(panel: string, run: () => Promise<T>, fallback: T): Promise<T> => {
      try {
        return await run();
      } catch (error) {
        (error instanceof PanelSourceMissingError ? notices : errors)[panel] = (error as Error).message;
        return fallback;
      }
    };
    const cloudClient = options.cloud;
    const [quality, trend, latest, anomalies, stale, completeness, events, forecasts, alarms, cloud] = await Promise.all([
      attempt('dataQuality', () => queries.dataQuality(range, options.expectedIntervalMs), null),
      // the charts pick the devices they show themselves (the first by id), beside the data-quality figures
      attempt('charts', () => queries.trend(range, { first: MAX_CHART_DEVICES }), []),
      attempt('latest', () => queries.latest(options.windowMinutes), []),
      attempt('anomalies', () => queries.anomalies(options.windowMinutes), []),
      attempt('stale', () => queries.stale(staleAfter), []),
      attempt('completeness', () => queries.completeness(options.windowMinutes, options.expectedIntervalMs), []),
      attempt('alerts', () => queries.events(options.windowMinutes), []),
      attempt('forecasts', () => queries.forecasts(options.windowMinutes), []),
      cloudClient ? attempt('alarms', () => cloudClient.alarms(), null) : Promise.resolve(null),
      cloudClient ? attempt('pipeline', () => cloudClient.pipeline(), null) : Promise.resolve(null),
    ]);
    const { charts, shown, total } = toCharts(trend, quality?.length);
    const fleet = options.fleet.stats();
    const pipeline: PipelineFigures = {
      fleet: { ...fleet, target: current(options.targetDescription) },
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
      source: current(options.source),
      windowMinutes: range.minutes,
      binSeconds: range.binMs / 1000,
      range: { id: range.id, label: range.label, source: range.source.kind === 'raw' ? 'raw' : range.source.rollup.id, sourceLabel: sourceLabel(range.source) },
      ranges: DASHBOARD_RANGES.map((r) => ({ id: r.id, label: r.label })),
      dataQuality: quality && qualityFigures(quality),
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
      notices,
    };
  };
}

function current(value: string | (() => string)): string {
  return typeof value === 'function' ? value() : value;
}

/** The data-quality panel: totals over every device, and the worst devices first. */
export function qualityFigures(rows: readonly DeviceDataQuality[]): DataQualityFigures {
  const devices: DeviceQualityFigure[] = rows.map((r) => ({
    deviceId: r.deviceId,
    location: r.location,
    received: r.received,
    expected: r.expected,
    percent: r.expected > 0 ? Math.min(100, (100 * r.received) / r.expected) : 0,
    silentMinutes: Math.max(0, r.minutes - r.minutesWithReadings),
    gaps: r.gaps,
    putAsideInvalid: r.putAsideInvalid,
    putAsideRejected: r.putAsideRejected,
  }));
  const sum = (pick: (d: DeviceQualityFigure) => number) => devices.reduce((a, d) => a + pick(d), 0);
  const worst = [...devices].sort((a, b) => a.percent - b.percent || b.putAsideInvalid + b.putAsideRejected - (a.putAsideInvalid + a.putAsideRejected) || a.deviceId.localeCompare(b.deviceId));
  return {
    devices: devices.length,
    belowTarget: devices.filter((d) => d.percent < QUALITY_TARGET_PERCENT).length,
    received: sum((d) => d.received),
    expected: sum((d) => d.expected),
    putAsideInvalid: sum((d) => d.putAsideInvalid),
    putAsideRejected: sum((d) => d.putAsideRejected),
    worst: worst.slice(0, MAX_CHART_DEVICES),
  };
}

/**
 * Aligns binned rows into uPlot's shape: one x array, one values array per device (nulls in gaps). `total`
 * is how many devices the range has, when known (the rows may hold only the ones shown).
 */
export function toCharts(rows: readonly TrendPoint[], devicesInRange?: number): { charts: DashboardModel['charts']; shown: number; total: number } {
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
  return { charts, shown: shownDevices.length, total: Math.max(devices.length, devicesInRange ?? 0) };
}
