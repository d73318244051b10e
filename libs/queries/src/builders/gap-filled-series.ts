import { built, type BuiltQuery } from './built-query';
import { readingsSource, type AnalyticOptions, type TimestampValue } from './common';
import { duration, durationLiteral, type Duration } from '../sql/duration';
import { measureColumn } from '../sql/filters';

export interface GapFilledSeriesOptions extends AnalyticOptions {
  measure?: string;
  /** Default 1h. */
  window?: string | Duration;
  /** Step of the filled series; readings are averaged per step first (default 1m). */
  step?: string | Duration;
}

export interface GapFilledPointRow {
  device_id: string;
  location: string;
  time: TimestampValue;
  value: number;
}

/**
 * A regular series per device: readings averaged into `bin(time, step)`, turned into a time series
 * with CREATE_TIME_SERIES, filled by INTERPOLATE_LINEAR over SEQUENCE(first, last, step), then
 * UNNEST-ed back into rows.
 */
export function gapFilledSeries(options: GapFilledSeriesOptions = {}): BuiltQuery<GapFilledPointRow> {
  const m = measureColumn(options.measure ?? 'temperature', options.catalogue);
  const window = duration(options.window ?? '1h', 'window');
  const step = durationLiteral(duration(options.step ?? '1m', 'step'));
  const sql = [
    'WITH binned AS (',
    `SELECT device_id, location, bin(time, ${step}) AS binned_time, avg(${m}) AS avg_value`,
    readingsSource(options, window),
    `  AND ${m} IS NOT NULL`,
    `GROUP BY device_id, location, bin(time, ${step})`,
    '), series AS (',
    'SELECT device_id, location,',
    `  INTERPOLATE_LINEAR(CREATE_TIME_SERIES(binned_time, avg_value), SEQUENCE(min(binned_time), max(binned_time), ${step})) AS filled`,
    'FROM binned',
    'GROUP BY device_id, location',
    ')',
    'SELECT s.device_id, s.location, p.time, p.value',
    'FROM series s CROSS JOIN UNNEST(s.filled) AS p (time, value)',
    'ORDER BY s.device_id, s.location, p.time',
  ].join('\n');
  return built('gap-filled-series', sql);
}
