import { minutesInterval, rollupColumn, rollupSettings, type MeasureRollup } from '@iot-timeseries/schema';
import type { AnalyticOptions } from './common';
import { readingsSource } from './common';
import { rollupCompleteUntil, rollupTableRef, windowStart, type RollupReadOptions } from '../rollups/rollup-tables';
import { duration, durationLiteral, durationMs, type Duration } from '../sql/duration';
import { quoteIdentifier, stringLiteral } from '../sql/escape';
import { deviceFilterSql, measureColumn } from '../sql/filters';
import { multiMeasureName, tableRef } from '../sql/table';
import { isTimeRangeTemplate, type TimeWindow } from '../sql/time-window';
import { QueryParameterError } from '../errors';

export interface BaselineOptions extends AnalyticOptions, RollupReadOptions {
  /**
   * Where a baseline's mean and standard deviation come from: `raw` (default) or a measure rollup's id
   * (`rollup-1h`): its bins' counts, means and m2 pooled, and the readings since its last complete run.
   */
  baselineSource?: 'raw' | string;
  /**
   * The baseline starts at the start of this bin (whole bins), from the raw readings as from a rollup; from a rollup
   * it is the rollup's bin unless given (a whole number of them). Without it a raw baseline starts exactly `baseline` ago.
   */
  baselineBin?: string | Duration;
}

/** The measure rollup a baseline source names, or undefined for the raw readings; fails naming the parameter. */
function baselineRollup(options: BaselineOptions): MeasureRollup | undefined {
  const source = options.baselineSource ?? 'raw';
  if (source === 'raw') return undefined;
  const settings = options.rollups ?? rollupSettings;
  const rollup = [settings.perMinute, settings.perHour].find((r) => r.id === source);
  if (!rollup) throw new QueryParameterError(`baselineSource must be raw, ${settings.perMinute.id} or ${settings.perHour.id}, got ${JSON.stringify(source)}`);
  return rollup;
}

/**
 * `SELECT device_id, location, baseline_avg, baseline_stddev ...`: per device over the baseline window, the mean
 * and the sample standard deviation of measure `m`, as `avg` and `stddev` over the readings give them. From a
 * rollup the bins merge exactly: n = Σnᵢ, mean = Σnᵢ·meanᵢ / n, M2 = ΣM2ᵢ + Σnᵢ·(meanᵢ − mean)², stddev =
 * √(M2 / (n − 1)); the readings since the rollup's last complete run are one more part. A rollup column that does
 * not exist yet fails the query (`isMissingColumnError`: the caller reads the readings instead).
 */
export function baselineSql(options: BaselineOptions, measure: string, baseline: TimeWindow): string {
  const m = measureColumn(measure, options.catalogue);
  const rollup = baselineRollup(options);
  const binOption = options.baselineBin === undefined ? undefined : duration(options.baselineBin, 'baselineBin');
  const bin = binOption ?? (rollup ? duration(minutesInterval(rollup.binMinutes), 'baselineBin') : undefined);
  if (rollup && bin && durationMs(bin) % (rollup.binMinutes * 60_000) !== 0) throw new QueryParameterError(`baselineBin must be a whole number of ${rollup.id}'s ${rollup.binMinutes}-minute bins`);
  if (bin && isTimeRangeTemplate(baseline)) throw new QueryParameterError("baseline must be a duration when it is read in whole bins or from a rollup (a front end's range is its own)");
  const start = bin ? `bin(${windowStart(baseline, 'baseline')}, ${durationLiteral(bin)})` : undefined;
  if (!rollup) {
    const where = start
      ? `FROM ${tableRef(options)}\nWHERE measure_name = ${stringLiteral(multiMeasureName(options), 'measureName')}\n  AND time >= ${start}${deviceFilterSql(options)}`
      : readingsSource(options, baseline, '', '', 'baseline');
    return [`SELECT device_id, location, avg(${m}) AS baseline_avg, stddev(${m}) AS baseline_stddev`, where, `  AND ${m} IS NOT NULL`, 'GROUP BY device_id, location'].join('\n');
  }
  const settings = options.rollups ?? rollupSettings;
  const q = (s: 'avg' | 'count' | 'm2') => quoteIdentifier(rollupColumn(measure, s), 'measure');
  const until = rollupCompleteUntil(rollup);
  return [
    'WITH parts AS (',
    `SELECT device_id, location, ${q('count')} AS n, ${q('avg')} AS mean, ${q('m2')} AS m2`,
    `FROM ${rollupTableRef(rollup, options)}`,
    `WHERE measure_name = ${stringLiteral(settings.measureName)}`,
    `  AND time >= ${start} AND time < ${until} AND ${q('count')} > 0${deviceFilterSql(options)}`,
    'UNION ALL',
    `SELECT device_id, location, count(${m}) AS n, avg(${m}) AS mean, var_pop(${m}) * count(${m}) AS m2`,
    `FROM ${tableRef(options)}`,
    `WHERE measure_name = ${stringLiteral(multiMeasureName(options), 'measureName')}`,
    `  AND time >= ${until} AND time >= ${start} AND ${m} IS NOT NULL${deviceFilterSql(options)}`,
    'GROUP BY device_id, location',
    '), totals AS (',
    'SELECT device_id, location, sum(n) AS n, sum(mean * n) / sum(n) AS mean FROM parts GROUP BY device_id, location',
    ')',
    // a bin without m2 (written before the rollups kept it) leaves the deviation unknown: no anomalies rather than wrong ones
    'SELECT p.device_id, p.location, t.mean AS baseline_avg,',
    '  if(count(p.m2) = count(*), sqrt((sum(p.m2) + sum(p.n * (p.mean - t.mean) * (p.mean - t.mean))) / nullif(t.n - 1, 0))) AS baseline_stddev',
    'FROM parts p JOIN totals t ON p.device_id = t.device_id AND p.location = t.location',
    'GROUP BY p.device_id, p.location, t.mean, t.n',
  ].join('\n');
}
