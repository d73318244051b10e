import { built, type BuiltQuery } from './built-query';
import { readingsSource, type AnalyticOptions, type TimestampValue } from './common';
import { duration, durationLiteral, type Duration } from '../sql/duration';
import { stringLiteral } from '../sql/escape';
import { measureColumn, measureList } from '../sql/filters';

export interface TrendsOptions extends AnalyticOptions {
  /** Bin width (default 10m, as the recipe). */
  interval?: string | Duration;
  /** How far back (default 1d). */
  window?: string | Duration;
  measures?: readonly string[];
}

export interface TrendRow {
  device_id: string;
  location: string;
  measure: string;
  bin_time: TimestampValue;
  avg_value: number;
  min_value: number;
  max_value: number;
  readings: bigint;
}

/** avg/min/max/count per device, measure and `bin(time, interval)`. Reads the table once. */
export function trends(options: TrendsOptions = {}): BuiltQuery<TrendRow> {
  const bin = durationLiteral(duration(options.interval ?? '10m', 'interval'));
  const window = duration(options.window ?? '1d', 'window');
  const measures = measureList(options.measures, options.catalogue);
  const columns = measures.map((m) => measureColumn(m, options.catalogue));
  const branches = measures.map((m, i) => {
    const c = columns[i];
    return [
      `SELECT device_id, location, ${stringLiteral(m)} AS measure, bin(time, ${bin}) AS bin_time,`,
      `  avg(${c}) AS avg_value, min(${c}) AS min_value, max(${c}) AS max_value, count(${c}) AS readings`,
      `FROM readings WHERE ${c} IS NOT NULL`,
      `GROUP BY device_id, location, bin(time, ${bin})`,
    ].join('\n');
  });
  const sql = [
    `WITH readings AS (`,
    `SELECT device_id, location, time, ${columns.join(', ')}`,
    readingsSource(options, window),
    `)`,
    branches.join('\nUNION ALL\n'),
    'ORDER BY device_id, location, measure, bin_time',
  ].join('\n');
  return built('trends', sql);
}
