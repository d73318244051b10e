import { SchemaError } from '../errors';
import { DEFAULT_CATALOGUE, type MeasureCatalogue } from '../measures';
import { baselineSourceRollup, rollupSettings, type BaselineRollup, type RollupSettings } from './rollup-settings';
import { ROLLUP_TIME_COLUMN, rollupBin, rollupColumn } from './rollup-sql';
import { minutesInterval, sqlIdentifier, sqlLiteral, sqlTable } from './sql-text';

/** The baseline rollup's column of the epoch ms its row was pooled until (the source's bins before it). */
export const BASELINE_POOLED_UNTIL_COLUMN = 'pooled_until_ms';

/** The statistics a baseline row keeps of each measure: enough to merge it with more bins and readings exactly. */
export const BASELINE_STATISTICS = ['count', 'avg', 'm2'] as const;

/** Where the baseline's scheduled query reads and writes: the rollup settings (database, the source rollup's table) and the catalogue. */
export interface BaselineSqlOptions {
  readonly settings?: RollupSettings;
  readonly catalogue?: MeasureCatalogue;
}

/**
 * Until when a baseline row written by a run at `time` (SQL) pools the source's bins: `bin(time, bin) - <the
 * source's overlap>`, the bins the source's later runs no longer re-compute.
 */
export function baselinePooledUntil(baseline: BaselineRollup, time: string, settings: RollupSettings = rollupSettings): string {
  return `bin(${time}, ${rollupBin(baseline)}) - ${minutesInterval(baselineSourceRollup(settings, baseline).overlapMinutes)}`;
}

/**
 * The baseline's scheduled query: per device and location, for the windows starting at `bin(@scheduled_runtime, bin)
 * - window` and the next bin (`overlapMinutes` of starts), each measure's count, mean and m2 pooled from the source
 * rollup's bins from the window's start to `baselinePooledUntil` (n = Σnᵢ, mean = Σnᵢ·meanᵢ / n,
 * M2 = ΣM2ᵢ + Σnᵢ·(meanᵢ − mean)², over the bins holding the measure), stamped with the window's start. A device
 * with bins only after that (new this week) gets a row of count 0, so that readers tell "nothing yet" from "not
 * computed". A bin without m2 leaves the measure's m2 unknown (NULL), as the readers do.
 */
export function baselineRollupSql(baseline: BaselineRollup, options: BaselineSqlOptions = {}): string {
  const settings = options.settings ?? rollupSettings;
  const source = baselineSourceRollup(settings, baseline);
  if (source.binMinutes !== baseline.binMinutes) throw new SchemaError(`rollup ${baseline.id}: binMinutes must be its source's (${source.id}: ${source.binMinutes}), got ${baseline.binMinutes}`);
  if (baseline.windowMinutes % baseline.binMinutes !== 0 || baseline.windowMinutes <= source.overlapMinutes) {
    throw new SchemaError(`rollup ${baseline.id}: windowMinutes must be a whole number of bins longer than ${source.id}'s overlap (${source.overlapMinutes}), got ${baseline.windowMinutes}`);
  }
  const bin = rollupBin(baseline);
  const hour = `bin(@scheduled_runtime, ${bin})`;
  const starts = Array.from({ length: baseline.overlapMinutes / baseline.binMinutes + 1 }, (_, i) => `${hour} - ${minutesInterval(baseline.windowMinutes - i * baseline.binMinutes)}`);
  const until = baselinePooledUntil(baseline, '@scheduled_runtime', settings);
  const measures = Object.keys(options.catalogue ?? DEFAULT_CATALOGUE).map((measure) => ({
    col: (s: (typeof BASELINE_STATISTICS)[number]) => sqlIdentifier(rollupColumn(measure, s)),
    part: (s: 'n' | 'mean' | 'm2') => sqlIdentifier(`${measure}__${s}`),
  }));
  const list = (f: (m: (typeof measures)[number]) => string, separator = ', ') => measures.map(f).join(separator);
  const pooled = `b.time < ${until}`;
  return [
    'WITH starts AS (',
    `SELECT window_start FROM UNNEST(ARRAY[${starts.join(', ')}]) AS t (window_start)`,
    '), bins AS (',
    `SELECT b.device_id, b.location, s.window_start,`,
    `  ${list(({ col, part }) => `if(${pooled}, b.${col('count')}, 0) AS ${part('n')}, if(${pooled}, b.${col('avg')}) AS ${part('mean')}, if(${pooled}, b.${col('m2')}) AS ${part('m2')}`, ',\n  ')}`,
    `FROM ${sqlTable(settings.databaseName, source.table.tableName)} b CROSS JOIN starts s`,
    `WHERE b.measure_name = ${sqlLiteral(settings.measureName)}`,
    `  AND b.time >= ${starts[0]} AND b.time <= @scheduled_runtime AND b.time >= s.window_start`,
    '), totals AS (',
    `SELECT device_id, location, window_start, ${list(({ part }) => `sum(${part('n')}) AS ${part('n')}, sum(${part('mean')} * ${part('n')}) / nullif(sum(${part('n')}), 0) AS ${part('mean')}`)}`,
    'FROM bins GROUP BY device_id, location, window_start',
    ')',
    `SELECT b.device_id, b.location, b.window_start AS ${ROLLUP_TIME_COLUMN},`,
    list(({ col, part }) => {
      const held = `b.${part('n')} > 0`;
      const spread = `(b.${part('mean')} - t.${part('mean')})`;
      return (
        `  t.${part('n')} AS ${col('count')}, t.${part('mean')} AS ${col('avg')},\n` +
        `  if(count_if(${held} AND b.${part('m2')} IS NULL) = 0, sum(if(${held}, b.${part('m2')})) + sum(if(${held}, b.${part('n')} * ${spread} * ${spread}))) AS ${col('m2')}`
      );
    }, ',\n') + ',',
    `  to_milliseconds(${until}) AS ${BASELINE_POOLED_UNTIL_COLUMN}`,
    'FROM bins b JOIN totals t ON b.device_id = t.device_id AND b.location = t.location AND b.window_start = t.window_start',
    `GROUP BY b.device_id, b.location, b.window_start, ${list(({ part }) => `t.${part('n')}, t.${part('mean')}`)}`,
  ].join('\n');
}
