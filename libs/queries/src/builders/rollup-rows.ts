import { ROLLUP_READINGS_COLUMN, ROLLUP_STATISTICS, rollupColumn, rollupSettings } from '@iot-timeseries/schema';
import { built, type BuiltQuery } from './built-query';
import type { AnalyticOptions, TimestampValue } from './common';
import { rollupTableRef, rollupWhere, type RollupReadOptions } from '../rollups/rollup-tables';
import { quoteIdentifier } from '../sql/escape';
import { measureList } from '../sql/filters';
import { timeWindow, type TimeWindow } from '../sql/time-window';
import { QueryParameterError } from '../errors';

export interface RollupRowsOptions extends AnalyticOptions, RollupReadOptions {
  /** Which measure rollup: `rollup-1m` or `rollup-1h` (default). */
  rollup?: string;
  /** Default 1d, or a front end's time range. */
  window?: TimeWindow;
  /** Measures (default: the whole catalogue). */
  measures?: readonly string[];
}

/** A measure rollup's row: per device, location and bin, every statistic (`<measure>_avg`, `_min`, `_max`, `_count`, `_p95`) and `readings`. */
export type RollupRow = { device_id: string; location: string; bin_time: TimestampValue; readings: bigint } & Record<string, number | bigint | null>;

/** A measure rollup's rows as its scheduled query wrote them (p95 included, which no coarser bin can recombine). */
export function rollupRows(options: RollupRowsOptions = {}): BuiltQuery<RollupRow> {
  const settings = options.rollups ?? rollupSettings;
  const id = options.rollup ?? settings.perHour.id;
  const rollup = [settings.perMinute, settings.perHour].find((r) => r.id === id);
  if (!rollup) throw new QueryParameterError(`rollup must be ${settings.perMinute.id} or ${settings.perHour.id}, got ${JSON.stringify(id)}`);
  const window = timeWindow(options.window ?? '1d', 'window');
  const columns = measureList(options.measures, options.catalogue).flatMap((m) => ROLLUP_STATISTICS.map((s) => quoteIdentifier(rollupColumn(m, s), 'measure')));
  const sql = [
    `SELECT device_id, location, time AS bin_time, ${columns.join(', ')}, ${ROLLUP_READINGS_COLUMN}`,
    `FROM ${rollupTableRef(rollup, options)}`,
    rollupWhere(settings.measureName, window, 'window', options),
    'ORDER BY bin_time, device_id, location',
  ].join('\n');
  return built('rollups', sql);
}
