import { built, type BuiltQuery } from './built-query';
import { readingsSource, type TimestampValue } from './common';
import { baselineSql, type BaselineOptions } from './baseline';
import { numberLiteral, stringLiteral } from '../sql/escape';
import { timeWindow, type TimeWindow } from '../sql/time-window';
import { measureColumn } from '../sql/filters';
import { QueryParameterError } from '../errors';

/** The |z| the dashboards (the live page, the Grafana dashboard and its alert rules) call an anomaly. */
export const DASHBOARD_Z_THRESHOLD = 3;

export interface AnomaliesOptions extends BaselineOptions {
  /** Measure to examine (default temperature, as the recipe). */
  measure?: string;
  /** Baseline window for mean and standard deviation (default 7d). */
  baseline?: TimeWindow;
  /** Window of readings examined (default 1d). */
  recent?: TimeWindow;
  /** |z| above which a reading is an anomaly (default 2). */
  threshold?: number;
  /** At most this many rows, largest |z| first (default 1000). */
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
  /** Only with `withMeasure`. */
  measure?: string;
}

/**
 * Readings whose z-score against the device's baseline exceeds the threshold. Unlike the recipe,
 * a device with a constant baseline (stddev 0) is skipped instead of dividing by zero, and the
 * z-score keeps its sign (above or below normal). The baseline can come from a measure rollup (`baselineSource`,
 * see baseline.ts): the same mean and standard deviation from hourly bins instead of a week of readings.
 */
export function anomalies(options: AnomaliesOptions = {}): BuiltQuery<AnomalyRow> {
  const m = measureColumn(options.measure ?? 'temperature', options.catalogue);
  const baseline = timeWindow(options.baseline ?? '7d', 'baseline');
  const recent = timeWindow(options.recent ?? '1d', 'recent');
  const threshold = numberLiteral(options.threshold ?? 2, 'threshold');
  const limit = options.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1) throw new QueryParameterError('limit must be a positive whole number');
  const z = `(r.${m} - b.baseline_avg) / b.baseline_stddev`;
  const label = options.withMeasure ? `, ${stringLiteral(options.measure ?? 'temperature', 'measure')} AS measure` : '';
  const sql = [
    'WITH baseline AS (',
    baselineSql(options, options.measure ?? 'temperature', baseline),
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
