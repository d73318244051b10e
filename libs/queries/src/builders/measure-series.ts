import { built, type BuiltQuery } from './built-query';
import { readingsSource, type AnalyticOptions, type TimestampValue } from './common';
import type { TimeSeriesPoint } from '../decode/values';
import { duration, durationLiteral, type Duration } from '../sql/duration';
import { measureColumn } from '../sql/filters';
import { isTemplateToken, type TemplateToken } from '../sql/template';
import { timeWindow, type TimeWindow } from '../sql/time-window';

export interface MeasureSeriesOptions extends AnalyticOptions {
  measure?: string;
  /** Bin width (default 1m), or a front end's interval (`$__interval_ms`). */
  interval?: string | Duration | TemplateToken;
  /** Default 1h, or a front end's time range. */
  window?: TimeWindow;
  /**
   * `long` (default): one row per device and bin, ordered by time (a chart tool pivots it);
   * `wide`: one row per device whose measure column is a TIMESERIES (`CREATE_TIME_SERIES`).
   */
  form?: 'long' | 'wide';
}

/** Long form: the measure's column carries the bin's average. */
export type MeasureSeriesRow = { device_id: string; location: string; bin_time: TimestampValue } & Record<string, number>;
/** Wide form: the measure's column carries the device's series of bin averages. */
export type MeasureSeriesWideRow = { device_id: string; location: string } & Record<string, TimeSeriesPoint[]>;

/** One measure per device, averaged per `bin(time, interval)` over the window. */
export function measureSeries(options: MeasureSeriesOptions & { form: 'wide' }): BuiltQuery<MeasureSeriesWideRow>;
export function measureSeries(options?: MeasureSeriesOptions & { form?: 'long' }): BuiltQuery<MeasureSeriesRow>;
export function measureSeries(options: MeasureSeriesOptions = {}): BuiltQuery<MeasureSeriesRow | MeasureSeriesWideRow> {
  const m = measureColumn(options.measure ?? 'temperature', options.catalogue);
  const interval = isTemplateToken(options.interval) ? options.interval.text : durationLiteral(duration(options.interval ?? '1m', 'interval'));
  const window = timeWindow(options.window ?? '1h', 'window');
  const bin = `bin(time, ${interval})`;
  const source = [readingsSource(options, window), `  AND ${m} IS NOT NULL`];
  if (options.form === 'wide') {
    const sql = [
      'WITH binned AS (',
      `SELECT device_id, location, ${bin} AS bin_time, avg(${m}) AS avg_value`,
      ...source,
      `GROUP BY device_id, location, ${bin}`,
      ')',
      `SELECT device_id, location, CREATE_TIME_SERIES(bin_time, avg_value) AS ${m}`,
      'FROM binned',
      'GROUP BY device_id, location',
      'ORDER BY device_id, location',
    ].join('\n');
    return built('measure-series', sql);
  }
  const sql = [
    `SELECT device_id, location, ${bin} AS bin_time, avg(${m}) AS ${m}`,
    ...source,
    `GROUP BY device_id, location, ${bin}`,
    'ORDER BY bin_time, device_id, location',
  ].join('\n');
  return built('measure-series', sql);
}
