import { analyticsTables } from '@iot-timeseries/schema';
import { built, type BuiltQuery } from './built-query';
import { analyticsTableSource, limitSql, type AnalyticsTableRange } from './analytics-tables';
import type { AnalyticOptions, TimestampValue } from './common';
import { timeWindow, type TimeWindow } from '../sql/time-window';

export interface DeviceWindowsOptions extends AnalyticOptions {
  /** How far back (default 1h), or a front end's range; `from`/`before` (epoch ms) for an absolute range. */
  window?: TimeWindow;
  from?: number;
  before?: number;
  /** Only each device's latest window (its current forecasts and prediction). */
  latest?: boolean;
  limit?: number;
}

/**
 * A row of the windows table (`device-windows`), one per device and window (time = the window's
 * start): `<measure>_<feature>` for every feature, `<measure>_forecast` (`_at` epoch ms, `_lower`,
 * `_upper`), `time_to_failure_s` and `wear_z` when predicted, and the open `episodes` (JSON).
 */
export type DeviceWindowRow = { device_id: string; location: string; time: TimestampValue; readings: number; window_end: number; episodes: string } & Record<string, unknown>;

/**
 * The window function's windows (features, forecasts, predictions), per device oldest first.
 * `SELECT *`, because a forecast or prediction column exists only once one was written.
 * `latest` keeps each device's newest window (joined on its `max(time)`).
 */
export function deviceWindows(options: DeviceWindowsOptions = {}): BuiltQuery<DeviceWindowRow> {
  const range: AnalyticsTableRange = options.from !== undefined && options.before !== undefined ? { from: options.from, before: options.before } : { window: timeWindow(options.window ?? '1h', 'window') };
  const source = analyticsTableSource(options, analyticsTables.windows, range);
  const sql = options.latest
    ? [
        'WITH latest AS (',
        '  SELECT device_id AS latest_device, max(time) AS latest_time',
        `  ${source.replace(/\n/g, '\n  ')}`,
        '  GROUP BY device_id',
        ')',
        'SELECT w.*',
        `FROM (SELECT * ${source}) w`,
        'INNER JOIN latest ON w.device_id = latest.latest_device AND w.time = latest.latest_time',
        'ORDER BY w.device_id',
        limitSql(options.limit),
      ]
    : ['SELECT *', source, 'ORDER BY device_id, time', limitSql(options.limit)];
  return built(options.latest ? 'device-windows-latest' : 'device-windows', sql.filter(Boolean).join('\n'));
}
