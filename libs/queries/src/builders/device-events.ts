import { analyticsTables } from '@iot-timeseries/schema';
import { built, type BuiltQuery } from './built-query';
import { analyticsTableSource, limitSql, valueList, type AnalyticsTableRange } from './analytics-tables';
import type { AnalyticOptions, TimestampValue } from './common';
import { timeWindow, type TimeWindow } from '../sql/time-window';

export interface DeviceEventsOptions extends AnalyticOptions {
  /** How far back (default 1d), or a front end's range; `from`/`before` (epoch ms) for an absolute range. */
  window?: TimeWindow;
  from?: number;
  before?: number;
  /** Only these kinds (`anomaly`, `rule`, `failure-predicted`) / states (`alert`, `clear`) / detectors. */
  kinds?: readonly string[];
  states?: readonly ('alert' | 'clear')[];
  detectors?: readonly string[];
  /** Newest first (default) or oldest first. */
  order?: 'newest' | 'oldest';
  limit?: number;
}

/** A row of the events table (`device-events`): one alert or clear of one episode. */
export interface DeviceEventRow {
  device_id: string;
  location: string;
  kind: string;
  detector: string;
  /** When it was raised: the end of the window that opened or closed the episode. */
  time: TimestampValue;
  state: 'alert' | 'clear';
  severity: 'info' | 'warning' | 'critical';
  /** JSON: what showed it (values, thresholds, z). */
  evidence: string;
  window_start: number;
  episode_start: number;
  /** Failure predictions: estimated seconds from `time` to the failure (null for other kinds). */
  time_to_failure_s?: number | null;
}

/**
 * The window function's events (alerts and clears) from the events table. `SELECT *`: a column
 * appears in a Timestream table with the first record that has it (`time_to_failure_s` with the
 * first failure prediction), so naming it would fail on a table that has none yet.
 */
export function deviceEvents(options: DeviceEventsOptions = {}): BuiltQuery<DeviceEventRow> {
  const range: AnalyticsTableRange = options.from !== undefined && options.before !== undefined ? { from: options.from, before: options.before } : { window: timeWindow(options.window ?? '1d', 'window') };
  const sql = [
    'SELECT *',
    analyticsTableSource(options, analyticsTables.events, range) +
      valueList(options.kinds, 'kind', 'kinds') +
      valueList(options.states, 'state', 'states') +
      valueList(options.detectors, 'detector', 'detectors'),
    `ORDER BY time ${options.order === 'oldest' ? 'ASC' : 'DESC'}, device_id`,
    limitSql(options.limit),
  ].filter(Boolean).join('\n');
  return built('device-events', sql);
}
