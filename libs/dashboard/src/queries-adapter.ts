import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { anomalies, chooseSource, DASHBOARD_Z_THRESHOLD, dataQuality, deviceCompleteness, deviceEvents, deviceWindows, isMissingColumnError, latestReadings, missingTableOf, rangeSeries, runQuery, staleDevices, windowForecasts, type AnomalyRow, type BuiltQuery } from '@iot-timeseries/queries';
import { analyticsSettings, MEASURE_NAMES, rollupColumn, rollupSettings } from '@iot-timeseries/schema';
import { PanelSourceMissingError } from './errors';
import type { AnomalyPoint, DeviceCompleteness, DeviceDataQuality, DeviceEvent, DashboardQueries, LatestReading, MeasureForecastPoint, StaleDevice, TrendPoint } from './dashboard-queries';

/** A dashboard anomaly is a reading this many standard deviations from its device's baseline (libs/queries). */
export { DASHBOARD_Z_THRESHOLD };
/** The anomalies' baseline: a week. */
const ANOMALY_BASELINE_MS = 7 * 86_400_000;
/** How long a panel's query may take before the page shows it as failed. */
export const PANEL_QUERY_TIMEOUT_MS = 15_000;

/** The dashboard's panels, each answered by a libs/queries analytic through the Timestream Query API. */
export function createQueriesAdapter(client: Pick<TimestreamQueryClient, 'send'>, options: { timeoutMs?: number } = {}): DashboardQueries {
  const timeoutMs = options.timeoutMs ?? PANEL_QUERY_TIMEOUT_MS;
  const run = async <Row>(query: BuiltQuery<Row>) => (await runQuery(client, query, { timeoutMs })).rows;
  // The window function's tables have no columns until it wrote to them: nothing yet, not an error. Where they do
  // not exist at all, the window function is not deployed: the panel says so.
  const runWindowTable = async <Row>(query: BuiltQuery<Row>) =>
    run(query).catch((error: unknown) => {
      if (isMissingColumnError(error)) return [];
      const table = missingTableOf(error);
      return Promise.reject(table ? new PanelSourceMissingError(windowFunctionMissing(table), { cause: error }) : error);
    });
  // A rollup table has no columns until its first run (or its deployment seed) wrote to it: not computed yet, so
  // the answer is read some other way (the raw readings: slower, but right); any other failure is the panel's, a
  // missing table too unless `orMissingTable` (a panel for which the rollup only saves work).
  const runRollup = async <Row>(query: BuiltQuery<Row>, orElse: () => Promise<Row[]>, orMissingTable = false) =>
    run(query).catch((error: unknown) => (isMissingColumnError(error) || (orMissingTable && missingTableOf(error)) ? orElse() : Promise.reject(error)));
  return {
    async trend(range, devices) {
      const series = (source: string) =>
        rangeSeries({
          window: { amount: range.minutes, unit: 'm' },
          interval: { amount: range.binMs / 1000, unit: 's' },
          source,
          measures: MEASURE_NAMES,
          // the charts draw averages: the rows carry only those
          statistics: ['avg'],
          ...(devices === undefined ? {} : 'first' in devices ? { firstDevices: devices.first } : { devices }),
        });
      const rows = range.source.kind === 'raw' ? await run(series('raw')) : await runRollup(series(range.source.rollup.id), () => run(series('raw')));
      return rows.map((r): TrendPoint => ({
        deviceId: r.device_id,
        bin: r.bin_time.date.getTime(),
        values: Object.fromEntries(MEASURE_NAMES.map((m) => [m, (r[rollupColumn(m, 'avg')] as number | null | undefined) ?? null])),
      }));
    },
    async dataQuality(range, expectedIntervalMs) {
      const quality = (source: 'raw' | 'auto') =>
        dataQuality({ window: { amount: range.minutes, unit: 'm' }, expectedEvery: { amount: Math.max(1, Math.round(expectedIntervalMs)), unit: 'ms' }, source });
      const rows = range.source.kind === 'raw' ? await run(quality('raw')) : await runRollup(quality('auto'), () => run(quality('raw')));
      return rows.map(
        (r): DeviceDataQuality => ({
          deviceId: r.device_id,
          location: r.location,
          received: Number(r.readings),
          expected: r.expected,
          minutes: Number(r.minutes),
          minutesWithReadings: Number(r.minutes_with_readings),
          gaps: Number(r.gaps),
          putAsideInvalid: Number(r.put_aside_invalid),
          putAsideRejected: Number(r.put_aside_rejected),
        }),
      );
    },
    async latest(windowMinutes) {
      const rows = await run(latestReadings({ lookback: `${windowMinutes}m` }));
      return rows.map(
        (r): LatestReading => ({
          deviceId: r.device_id,
          location: r.location,
          time: r.time.date.getTime(),
          values: Object.fromEntries(MEASURE_NAMES.map((m) => [m, (r[m] as number | null | undefined) ?? null])),
        }),
      );
    },
    async anomalies(windowMinutes, baselineFrom = 'rollup') {
      // every measure in one query: one pass over the baseline for all of them (50 rows at most per measure)
      const query = (baselineSource: string) =>
        anomalies({ measures: MEASURE_NAMES, recent: `${windowMinutes}m`, baseline: '7d', baselineBin: '1h', baselineSource, threshold: DASHBOARD_Z_THRESHOLD, limit: 50 });
      // the 7-day baseline in whole hours, pooled once an hour by the baseline rollup (with the hourly bins and the
      // readings since), else from the hourly rollup's bins, else from a week of readings: the same answer each time.
      // A table with no columns yet or one that does not exist (a stack deployed without rollups) passes to the next.
      const source = chooseSource(ANOMALY_BASELINE_MS, 3_600_000);
      if (baselineFrom === 'raw' || source.kind === 'raw') return points(await run(query('raw')));
      const hourly = () => runRollup(query(source.rollup.id), () => run(query('raw')), true);
      const pooled = source.rollup.id === rollupSettings.baseline.sourceRollupId && ANOMALY_BASELINE_MS === rollupSettings.baseline.windowMinutes * 60_000;
      return points(await (pooled ? runRollup(query(rollupSettings.baseline.id), hourly, true) : hourly()));
    },
    async stale(staleAfterSeconds) {
      const rows = await run(staleDevices({ staleAfter: `${Math.max(1, Math.round(staleAfterSeconds))}s` }));
      return rows.map((r): StaleDevice => ({ deviceId: r.device_id, location: r.location, lastSeen: r.last_seen.date.getTime() }));
    },
    async completeness(windowMinutes, expectedIntervalMs) {
      // Only bins that have ended count, each device from its first reading in the window (a device
      // that joined a minute ago is not 50 % complete because it could not report before it started).
      const interval = `${Math.max(60, Math.ceil(expectedIntervalMs / 1000))}s`;
      const every = `${Math.max(1, Math.round(expectedIntervalMs))}ms`;
      const rows = await run(deviceCompleteness({ window: `${windowMinutes}m`, interval, expectedEvery: every }));
      return rows.map((r): DeviceCompleteness => ({ deviceId: r.device_id, received: Number(r.received), expected: r.expected }));
    },
    async events(windowMinutes) {
      // Episodes that began before the window still count when they are open: look back a day at least.
      const rows = await runWindowTable(deviceEvents({ window: `${Math.max(windowMinutes, 1440)}m`, order: 'oldest' }));
      return rows.map(
        (r): DeviceEvent => ({
          deviceId: r.device_id,
          location: r.location,
          kind: r.kind,
          detector: r.detector,
          state: r.state,
          severity: r.severity,
          time: r.time.date.getTime(),
          episodeStart: typeof r.episode_start === 'number' ? r.episode_start : undefined,
          evidence: r.evidence,
          timeToFailureSeconds: typeof r.time_to_failure_s === 'number' ? r.time_to_failure_s : undefined,
        }),
      );
    },
    async forecasts(windowMinutes) {
      const rows = await runWindowTable(deviceWindows({ window: `${windowMinutes}m`, latest: true }));
      return rows.flatMap((r) => windowForecasts(r, analyticsSettings.measures).map((f): MeasureForecastPoint => ({ deviceId: r.device_id, ...f })));
    },
  };
}

const points = (rows: AnomalyRow[]) =>
  rows.map((a): AnomalyPoint => ({ deviceId: a.device_id, location: a.location, time: a.time.date.getTime(), measure: a.measure ?? '', value: a.value, score: a.z_score }));

/** What the alerts and forecasts panels say where the window function's tables do not exist. */
function windowFunctionMissing(table: string): string {
  return (
    `The window function is not running here (table '${table}' does not exist): no alerts or forecasts. ` +
    'It runs on the Kinesis ingest path: locally unless the local cloud was started with --window-seconds 0, on AWS with the default ingest path.'
  );
}
