import { built, type BuiltQuery } from './built-query';
import { readingsSource, type AnalyticOptions, type TimestampValue } from './common';
import { timeWindow, type TimeWindow } from '../sql/time-window';
import { measureColumn, measureList } from '../sql/filters';

export interface LatestReadingsOptions extends AnalyticOptions {
  /** How far back to look for a device's latest reading (default 1h), or a front end's time range. */
  lookback?: TimeWindow;
  /** Measures to return (default: the whole catalogue). */
  measures?: readonly string[];
}

export type LatestReadingRow = { device_id: string; location: string; time: TimestampValue } & Record<string, number | null>;

/**
 * The latest reading per device, and per measure: each measure's value is the most recent
 * non-null one (a reading may carry only some measures), `time` the device's last reading.
 */
export function latestReadings(options: LatestReadingsOptions = {}): BuiltQuery<LatestReadingRow> {
  const window = timeWindow(options.lookback ?? '1h', 'lookback');
  const measures = measureList(options.measures, options.catalogue).map((m) => measureColumn(m, options.catalogue));
  const values = measures.map((m) => `  max_by(${m}, if(${m} IS NOT NULL, time)) AS ${m}`);
  const sql = [
    'SELECT device_id, location, max(time) AS time,',
    values.join(',\n'),
    readingsSource(options, window, '', '', 'lookback'),
    'GROUP BY device_id, location',
    'ORDER BY device_id, location',
  ].join('\n');
  return built('latest-readings', sql);
}
