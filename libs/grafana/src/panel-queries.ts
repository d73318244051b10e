import {
  anomalies,
  asTimeSeries,
  DASHBOARD_Z_THRESHOLD,
  dataQuality,
  deviceCompleteness,
  dimensionValues,
  latestReadings,
  measureSeries,
  rangeSeries,
  staleDevices,
  templateToken,
} from '@iot-timeseries/queries';
import { rollupColumn, rollupSettings, sqlIdentifier, STALE_DEVICE_AFTER_SECONDS } from '@iot-timeseries/schema';
import { PLUGIN_INTERVAL, PLUGIN_TABLE, PLUGIN_TIME_RANGE } from './plugin';

/** The dashboard's variables, as the panels' SQL names them. */
export const VARIABLES = {
  /** Multi-value: the plugin writes the chosen values as `'a','b'`. */
  location: 'location',
  device: 'device',
  /** How often a device reports, in ms (completeness). */
  readingIntervalMs: 'reading_interval_ms',
} as const;

const filters = { locations: templateToken(`$${VARIABLES.location}`), devices: templateToken(`$${VARIABLES.device}`) };
const source = { ...PLUGIN_TABLE, ...filters };
/** Only bins of this width that have ended count towards completeness. */
const COMPLETENESS_BIN = '1m';

/** The SQL of every panel and variable, from libs/queries builders, with the plugin's macros. */
export const PANEL_SQL = {
  measureSeries: (measure: string) => measureSeries({ ...source, measure, window: PLUGIN_TIME_RANGE, interval: PLUGIN_INTERVAL }).sql,
  latestReadings: () => latestReadings({ ...source, lookback: PLUGIN_TIME_RANGE }).sql,
  anomalies: (measure: string) => anomalies({ ...source, measure, recent: PLUGIN_TIME_RANGE, threshold: DASHBOARD_Z_THRESHOLD, withMeasure: true, limit: 50 }).sql,
  staleDevices: () => staleDevices({ ...source, staleAfter: `${STALE_DEVICE_AFTER_SECONDS}s` }).sql,
  completeness: () =>
    deviceCompleteness({ ...source, window: PLUGIN_TIME_RANGE, interval: COMPLETENESS_BIN, expectedEvery: templateToken(`$${VARIABLES.readingIntervalMs}`) }).sql,
  /**
   * The rollups row: a measure's hourly average per device from the hourly rollup (and the readings since its
   * last run), as long rows (time, labels, one value) the plugin turns into series.
   */
  hourlyRollup: (measure: string) =>
    [
      `SELECT device_id, location, bin_time, ${sqlIdentifier(rollupColumn(measure, 'avg'))} AS ${sqlIdentifier(measure)}`,
      'FROM (',
      rangeSeries({ ...source, window: PLUGIN_TIME_RANGE, interval: '1h', source: rollupSettings.perHour.id, measures: [measure] }).sql,
      ')',
      'ORDER BY bin_time, device_id, location',
    ].join('\n'),
  /** Per device over the range, from the hourly data-quality rollup (and the readings since its last run). */
  dataQuality: () => dataQuality({ ...source, window: PLUGIN_TIME_RANGE, expectedEvery: templateToken(`$${VARIABLES.readingIntervalMs}`) }).sql,
  locations: () => dimensionValues({ ...PLUGIN_TABLE, window: PLUGIN_TIME_RANGE, dimension: 'location' }).sql,
  /** Narrowed by the chosen locations; `sqlstring` quotes them the same way wherever Grafana expands the variable query. */
  devices: () => dimensionValues({ ...PLUGIN_TABLE, window: PLUGIN_TIME_RANGE, dimension: 'device_id', locations: templateToken(`\${${VARIABLES.location}:sqlstring}`) }).sql,
};

/** Wide series (one TIMESERIES per device) for alert rules: no dashboard variables there. */
export const ALERT_SQL = {
  staleDevices: () =>
    asTimeSeries(staleDevices({ ...PLUGIN_TABLE, staleAfter: `${STALE_DEVICE_AFTER_SECONDS}s` }), { labels: ['device_id', 'location'], time: 'last_seen', value: 'silent_seconds' }).sql,
  anomalies: (measure: string) =>
    asTimeSeries(anomalies({ ...PLUGIN_TABLE, measure, recent: PLUGIN_TIME_RANGE, baseline: '1d', threshold: DASHBOARD_Z_THRESHOLD }), { labels: ['device_id', 'location'], time: 'time', value: 'z_score' }).sql,
  completeness: (readingIntervalMs: number) =>
    asTimeSeries(deviceCompleteness({ ...PLUGIN_TABLE, window: PLUGIN_TIME_RANGE, interval: COMPLETENESS_BIN, expectedEvery: `${readingIntervalMs}ms` }), {
      labels: ['device_id', 'location'],
      time: 'complete_until',
      value: 'completeness',
    }).sql,
};
