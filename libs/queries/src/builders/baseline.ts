import { minutesInterval, rollupSettings, type BaselineRollup, type MeasureRollup } from '@iot-timeseries/schema';
import type { AnalyticOptions } from './common';
import { readingsSource } from './common';
import { windowStart, type RollupReadOptions } from '../rollups/rollup-tables';
import { baselineRollupParts, measureRollupParts, partColumn as part } from './baseline-parts';
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

/** The rollup a baseline source names (a measure rollup, or the baseline rollup), or undefined for the raw readings; fails naming the parameter. */
function baselineRollup(options: BaselineOptions): MeasureRollup | BaselineRollup | undefined {
  const source = options.baselineSource ?? 'raw';
  if (source === 'raw') return undefined;
  const settings = options.rollups ?? rollupSettings;
  const rollup = [settings.perMinute, settings.perHour, settings.baseline].find((r) => r.id === source);
  if (!rollup) throw new QueryParameterError(`baselineSource must be raw, ${settings.perMinute.id}, ${settings.perHour.id} or ${settings.baseline.id}, got ${JSON.stringify(source)}`);
  return rollup;
}

/** The columns `baselinesSql` gives a measure's baseline in: `<measure>_baseline_avg`, `<measure>_baseline_stddev` (quoted). */
export function baselineColumns(measure: string): { avg: string; stddev: string } {
  return { avg: quoteIdentifier(`${measure}_baseline_avg`, 'measure'), stddev: quoteIdentifier(`${measure}_baseline_stddev`, 'measure') };
}

/**
 * `SELECT device_id, location, <m>_baseline_avg, <m>_baseline_stddev ...` (./baselineColumns, or the names `columns` gives) for each of `measures`
 * in one pass: per device over the baseline window, the mean and the sample standard deviation of each measure, as
 * `avg` and `stddev` over the readings give them. From a rollup the bins merge exactly: n = Σnᵢ, mean = Σnᵢ·meanᵢ / n,
 * M2 = ΣM2ᵢ + Σnᵢ·(meanᵢ − mean)², stddev = √(M2 / (n − 1)), over the bins holding the measure (nᵢ > 0); the readings
 * since the rollup's last complete run are one more part. From the baseline rollup (`baseline-7d`, its 7-day window
 * and 1-hour bin only) its row pooled by the latest run is one part, with the hourly bins and readings since
 * (./baseline-parts.ts). A rollup column that does not exist yet fails the query (`isMissingColumnError`: the caller
 * reads the readings instead).
 */
export function baselinesSql(options: BaselineOptions, measures: readonly string[], baseline: TimeWindow, columns = baselineColumns): string {
  const ms = measures.map((measure) => ({ measure, m: measureColumn(measure, options.catalogue), out: columns(measure) }));
  const rollup = baselineRollup(options);
  const binOption = options.baselineBin === undefined ? undefined : duration(options.baselineBin, 'baselineBin');
  const bin = binOption ?? (rollup ? duration(minutesInterval(rollup.binMinutes), 'baselineBin') : undefined);
  if (rollup && bin && durationMs(bin) % (rollup.binMinutes * 60_000) !== 0) throw new QueryParameterError(`baselineBin must be a whole number of ${rollup.id}'s ${rollup.binMinutes}-minute bins`);
  if (bin && isTimeRangeTemplate(baseline)) throw new QueryParameterError("baseline must be a duration when it is read in whole bins or from a rollup (a front end's range is its own)");
  const start = bin ? `bin(${windowStart(baseline, 'baseline')}, ${durationLiteral(bin)})` : undefined;
  const list = (f: (x: (typeof ms)[number]) => string) => ms.map(f).join(', ');
  // a single measure reads only the readings that hold it; several read them all (each aggregate skips NULLs)
  const holdingLine = ms.length === 1 ? `\n  AND ${ms[0].m} IS NOT NULL` : '';
  if (!rollup) {
    const where = start
      ? `FROM ${tableRef(options)}\nWHERE measure_name = ${stringLiteral(multiMeasureName(options), 'measureName')}\n  AND time >= ${start}${deviceFilterSql(options)}`
      : readingsSource(options, baseline, '', '', 'baseline');
    return [`SELECT device_id, location, ${list(({ m, out }) => `avg(${m}) AS ${out.avg}, stddev(${m}) AS ${out.stddev}`)}`, where + holdingLine, 'GROUP BY device_id, location'].join('\n');
  }
  if (!start || !bin) throw new QueryParameterError('baselineBin is needed to read the baseline from a rollup'); // unreachable: a rollup gives the bin
  if (rollup.kind === 'baseline') {
    // its rows are the windows starting on its bins, this long
    if (isTimeRangeTemplate(baseline) || durationMs(duration(baseline, 'baseline')) !== rollup.windowMinutes * 60_000) {
      throw new QueryParameterError(`baseline must be ${rollup.id}'s window (${minutesInterval(rollup.windowMinutes)}) to read it from ${rollup.id}`);
    }
    if (durationMs(bin) !== rollup.binMinutes * 60_000) throw new QueryParameterError(`baselineBin must be ${rollup.id}'s bin (${minutesInterval(rollup.binMinutes)}) to read it from ${rollup.id}`);
  }
  const held = (x: (typeof ms)[number]) => `p.${part(x.measure, 'n')} > 0`;
  const spread = (x: (typeof ms)[number]) => `(p.${part(x.measure, 'mean')} - t.${part(x.measure, 'mean')})`;
  const parts = rollup.kind === 'baseline' ? baselineRollupParts(rollup, options, ms, start) : measureRollupParts(rollup, options, ms, start);
  return [
    `WITH ${parts}`,
    '), totals AS (',
    `SELECT device_id, location, ${list(({ measure }) => `sum(${part(measure, 'n')}) AS ${part(measure, 'n')}, sum(${part(measure, 'mean')} * ${part(measure, 'n')}) / nullif(sum(${part(measure, 'n')}), 0) AS ${part(measure, 'mean')}`)}`,
    'FROM parts GROUP BY device_id, location',
    ')',
    // a bin without m2 (written before the rollups kept it) leaves the deviation unknown: no anomalies rather than wrong ones
    'SELECT p.device_id, p.location,',
    ms
      .map((x) =>
        `  t.${part(x.measure, 'mean')} AS ${x.out.avg},\n` +
        `  if(count_if(${held(x)} AND p.${part(x.measure, 'm2')} IS NULL) = 0, sqrt((sum(if(${held(x)}, p.${part(x.measure, 'm2')})) + sum(if(${held(x)}, p.${part(x.measure, 'n')} * ${spread(x)} * ${spread(x)}))) / nullif(t.${part(x.measure, 'n')} - 1, 0))) AS ${x.out.stddev}`,
      )
      .join(',\n'),
    'FROM parts p JOIN totals t ON p.device_id = t.device_id AND p.location = t.location',
    `GROUP BY p.device_id, p.location, ${list(({ measure }) => `t.${part(measure, 'mean')}, t.${part(measure, 'n')}`)}`,
  ].join('\n');
}
