import { built, type BuiltQuery } from './built-query';
import { readingsSource, type AnalyticOptions } from './common';
import { duration, type Duration } from '../sql/duration';
import { measureColumn } from '../sql/filters';

export interface PercentilesOptions extends AnalyticOptions {
  measure?: string;
  /** Default 1d. */
  window?: string | Duration;
}

export interface PercentileRow {
  device_id: string;
  location: string;
  p50: number;
  p90: number;
  p99: number;
  readings: bigint;
}

/** p50/p90/p99 of a measure per device (`approx_percentile`, as Timestream computes them). */
export function percentiles(options: PercentilesOptions = {}): BuiltQuery<PercentileRow> {
  const m = measureColumn(options.measure ?? 'temperature', options.catalogue);
  const window = duration(options.window ?? '1d', 'window');
  const sql = [
    `SELECT device_id, location, approx_percentile(${m}, 0.5) AS p50, approx_percentile(${m}, 0.9) AS p90,`,
    `  approx_percentile(${m}, 0.99) AS p99, count(${m}) AS readings`,
    readingsSource(options, window),
    `  AND ${m} IS NOT NULL`,
    'GROUP BY device_id, location',
    'ORDER BY device_id, location',
  ].join('\n');
  return built('percentiles', sql);
}
