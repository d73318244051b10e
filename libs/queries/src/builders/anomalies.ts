import { built, type BuiltQuery } from './built-query';
import { readingsSource, type TimestampValue } from './common';
import { baselineColumns, baselinesSql, type BaselineOptions } from './baseline';
import { numberLiteral, stringLiteral } from '../sql/escape';
import { timeWindow, type TimeWindow } from '../sql/time-window';
import { measureColumn } from '../sql/filters';
import { QueryParameterError } from '../errors';

/** The |z| the dashboards (the live page, the Grafana dashboard and its alert rules) call an anomaly. */
export const DASHBOARD_Z_THRESHOLD = 3;

export interface AnomaliesOptions extends BaselineOptions {
  /** Measure to examine (default temperature, as the recipe). */
  measure?: string;
  /**
   * Several measures examined in one query (one pass over the baseline for all of them) instead of `measure`: the
   * rows carry a `measure` column, and `limit` holds per measure.
   */
  measures?: readonly string[];
  /** Baseline window for mean and standard deviation (default 7d). */
  baseline?: TimeWindow;
  /** Window of readings examined (default 1d). */
  recent?: TimeWindow;
  /** |z| above which a reading is an anomaly (default 2). */
  threshold?: number;
  /** At most this many rows (per measure), largest |z| first (default 1000). */
  limit?: number;
  /** Adds a `measure` column naming the measure (to tell apart the answers of several measures). */
  withMeasure?: boolean;
}

export interface AnomalyRow {
  device_id: string;
  location: string;
  time: TimestampValue;
  value: number;
  baseline_avg: number;
  baseline_stddev: number;
  z_score: number;
  /** Only with `withMeasure` or `measures`. */
  measure?: string;
}

/**
 * Readings whose z-score against the device's baseline exceeds the threshold. Unlike the recipe,
 * a device with a constant baseline (stddev 0) is skipped instead of dividing by zero, and the
 * z-score keeps its sign (above or below normal). The baseline can come from a measure rollup (`baselineSource`,
 * see baseline.ts): the same mean and standard deviation from hourly bins instead of a week of readings.
 */
export function anomalies(options: AnomaliesOptions = {}): BuiltQuery<AnomalyRow> {
  const baseline = timeWindow(options.baseline ?? '7d', 'baseline');
  const recent = timeWindow(options.recent ?? '1d', 'recent');
  const threshold = numberLiteral(options.threshold ?? 2, 'threshold');
  const limit = options.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1) throw new QueryParameterError('limit must be a positive whole number');
  if (options.measures !== undefined) {
    if (options.measure !== undefined) throw new QueryParameterError('give measure or measures, not both');
    if (options.measures.length === 0) throw new QueryParameterError('measures must name at least one measure');
    return built('anomalies', severalMeasures(options, [...new Set(options.measures)], baseline, recent, threshold, limit));
  }
  const measure = options.measure ?? 'temperature';
  const m = measureColumn(measure, options.catalogue);
  const z = `(r.${m} - b.baseline_avg) / b.baseline_stddev`;
  const label = options.withMeasure ? `, ${stringLiteral(measure, 'measure')} AS measure` : '';
  const sql = [
    'WITH baseline AS (',
    baselinesSql(options, [measure], baseline, () => ({ avg: 'baseline_avg', stddev: 'baseline_stddev' })),
    ')',
    `SELECT r.device_id, r.location, r.time, r.${m} AS value, b.baseline_avg, b.baseline_stddev, ${z} AS z_score${label}`,
    readingsSource(options, recent, 'r', 'JOIN baseline b ON r.device_id = b.device_id AND r.location = b.location', 'recent'),
    `  AND r.${m} IS NOT NULL`,
    '  AND b.baseline_stddev > 0',
    `  AND abs(${z}) > ${threshold}`,
    `ORDER BY abs(${z}) DESC, r.device_id, r.time`,
    `LIMIT ${limit}`,
  ].join('\n');
  return built('anomalies', sql);
}

/** Every measure's recent readings scored against its baseline, unnested to one row per reading and measure; the `limit` largest |z| per measure. */
function severalMeasures(options: AnomaliesOptions, measures: string[], baseline: TimeWindow, recent: TimeWindow, threshold: string, limit: number): string {
  const columns = measures.map((measure) => ({ measure, m: measureColumn(measure, options.catalogue), b: baselineColumns(measure) }));
  const array = (f: (c: (typeof columns)[number]) => string) => `ARRAY[${columns.map(f).join(', ')}]`;
  const unnest =
    `CROSS JOIN UNNEST(${array((c) => stringLiteral(c.measure, 'measure'))}, ${array((c) => `r.${c.m}`)}, ${array((c) => `b.${c.b.avg}`)}, ${array((c) => `b.${c.b.stddev}`)}) ` +
    'AS s (measure, value, baseline_avg, baseline_stddev)';
  const z = '(s.value - s.baseline_avg) / s.baseline_stddev';
  return [
    'WITH baseline AS (',
    baselinesSql(options, measures, baseline),
    // the recent readings first, on their own: their time filter reads only the window (a lateral UNNEST beside the
    // table would keep it from the scan)
    '), recent AS (',
    `SELECT device_id, location, time, ${columns.map((c) => c.m).join(', ')}`,
    readingsSource(options, recent, '', '', 'recent'),
    '), scored AS (',
    `SELECT r.device_id, r.location, r.time, s.value, s.baseline_avg, s.baseline_stddev, ${z} AS z_score, s.measure,`,
    `  row_number() OVER (PARTITION BY s.measure ORDER BY abs(${z}) DESC, r.device_id, r.time) AS rank`,
    'FROM recent r',
    'JOIN baseline b ON r.device_id = b.device_id AND r.location = b.location',
    unnest,
    'WHERE s.value IS NOT NULL',
    '  AND s.baseline_stddev > 0',
    `  AND abs(${z}) > ${threshold}`,
    ')',
    'SELECT device_id, location, time, value, baseline_avg, baseline_stddev, z_score, measure',
    'FROM scored',
    `WHERE rank <= ${limit}`,
    'ORDER BY measure, abs(z_score) DESC, device_id, time',
  ].join('\n');
}
