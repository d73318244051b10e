import { BASELINE_POOLED_UNTIL_COLUMN, baselinePooledUntil, baselineSourceRollup, rollupColumn, rollupSettings, type BaselineRollup, type MeasureRollup } from '@iot-timeseries/schema';
import { rollupCompleteUntil, rollupLastRun, rollupTableRef, type RollupReadOptions } from '../rollups/rollup-tables';
import { quoteIdentifier, stringLiteral } from '../sql/escape';
import { deviceFilterSql } from '../sql/filters';
import { multiMeasureName, tableRef } from '../sql/table';

/** A measure the baseline pools: its name and its (quoted) readings column. */
export interface PooledMeasure {
  readonly measure: string;
  readonly m: string;
}

/** `"<measure>__n"`, `__mean`, `__m2`: a part's count, mean and sum of squared deviations of a measure. */
export const partColumn = (measure: string, s: 'n' | 'mean' | 'm2'): string => quoteIdentifier(`${measure}__${s}`, 'measure');

const rollupCol = (measure: string, s: 'avg' | 'count' | 'm2') => quoteIdentifier(rollupColumn(measure, s), 'measure');
const list = (ms: readonly PooledMeasure[], f: (x: PooledMeasure) => string) => ms.map(f).join(', ');

/** A measure rollup's bins in `range` (of its time column) as parts, one per bin; with `join` (aliasing the table `b`) only the devices it joins. */
function binParts(rollup: MeasureRollup, options: RollupReadOptions, ms: readonly PooledMeasure[], range: (time: string) => string, join?: string): string {
  const settings = options.rollups ?? rollupSettings;
  const b = join ? 'b.' : '';
  const only = ms.length === 1 ? ` AND ${b}${rollupCol(ms[0].measure, 'count')} > 0` : '';
  return [
    `SELECT ${b}device_id, ${b}location, ${list(ms, ({ measure }) => `${b}${rollupCol(measure, 'count')} AS ${partColumn(measure, 'n')}, ${b}${rollupCol(measure, 'avg')} AS ${partColumn(measure, 'mean')}, ${b}${rollupCol(measure, 'm2')} AS ${partColumn(measure, 'm2')}`)}`,
    `FROM ${rollupTableRef(rollup, options)}${join ? ` b\n${join}` : ''}`,
    `WHERE ${b}measure_name = ${stringLiteral(settings.measureName)}`,
    `  AND ${range(`${b}time`)}${only}${deviceFilterSql(options, join ? 'b' : '')}`,
  ].join('\n');
}

/** The readings from `since` on as one part per device. */
function readingParts(options: RollupReadOptions, ms: readonly PooledMeasure[], since: string): string {
  const holding = ms.length === 1 ? ` AND ${ms[0].m} IS NOT NULL` : '';
  return [
    `SELECT device_id, location, ${list(ms, ({ measure, m }) => `count(${m}) AS ${partColumn(measure, 'n')}, avg(${m}) AS ${partColumn(measure, 'mean')}, var_pop(${m}) * count(${m}) AS ${partColumn(measure, 'm2')}`)}`,
    `FROM ${tableRef(options)}`,
    `WHERE measure_name = ${stringLiteral(multiMeasureName(options), 'measureName')}`,
    `  AND ${since}${holding}${deviceFilterSql(options)}`,
    'GROUP BY device_id, location',
  ].join('\n');
}

/** `parts AS (…` (left open): a measure rollup's complete bins from `start`, and the readings since its last complete run. */
export function measureRollupParts(rollup: MeasureRollup, options: RollupReadOptions, ms: readonly PooledMeasure[], start: string): string {
  const until = rollupCompleteUntil(rollup);
  return ['parts AS (', binParts(rollup, options, ms, (time) => `${time} >= ${start} AND ${time} < ${until}`), 'UNION ALL', readingParts(options, ms, `time >= ${until} AND time >= ${start}`)].join('\n');
}

/**
 * `…, parts AS (…` (left open): the baseline rollup's row for the window starting at `start` (pooled by its latest
 * run up to `baselinePooledUntil`), its source's bins from there to the source's last complete run, and the readings
 * since. A device without that row (its run has not happened, or failed) takes its source's bins from `start` instead,
 * as a measure rollup's parts: slower, the same answer. Only devices with bins or readings since the row's end get a
 * baseline (the anomalies examine recent readings: every device they need).
 */
export function baselineRollupParts(baseline: BaselineRollup, options: RollupReadOptions, ms: readonly PooledMeasure[], start: string): string {
  const settings = options.rollups ?? rollupSettings;
  const source = baselineSourceRollup(settings, baseline);
  const pooledUntil = baselinePooledUntil(baseline, rollupLastRun(baseline), settings);
  const until = rollupCompleteUntil(source);
  const rowCol = (measure: string, s: 'avg' | 'count' | 'm2') => quoteIdentifier(rollupColumn(measure, s), 'measure');
  return [
    'pooled AS (',
    `SELECT device_id, location, ${list(ms, ({ measure }) => `${rowCol(measure, 'count')} AS ${partColumn(measure, 'n')}, ${rowCol(measure, 'avg')} AS ${partColumn(measure, 'mean')}, ${rowCol(measure, 'm2')} AS ${partColumn(measure, 'm2')}`)}`,
    `FROM ${rollupTableRef(baseline, options)}`,
    `WHERE measure_name = ${stringLiteral(settings.baselineMeasureName)}`,
    `  AND time = ${start} AND ${BASELINE_POOLED_UNTIL_COLUMN} = to_milliseconds(${pooledUntil})${deviceFilterSql(options)}`,
    '), later AS (',
    binParts(source, options, ms, (time) => `${time} >= ${pooledUntil} AND ${time} >= ${start} AND ${time} < ${until}`),
    'UNION ALL',
    readingParts(options, ms, `time >= ${until} AND time >= ${start}`),
    '), unpooled AS (',
    'SELECT DISTINCT l.device_id, l.location FROM later l LEFT JOIN pooled p ON p.device_id = l.device_id AND p.location = l.location',
    'WHERE p.device_id IS NULL',
    '), parts AS (',
    'SELECT * FROM pooled',
    'UNION ALL',
    'SELECT * FROM later',
    'UNION ALL',
    binParts(source, options, ms, (time) => `${time} >= ${start} AND ${time} < ${pooledUntil} AND ${time} < ${until}`, 'JOIN unpooled u ON u.device_id = b.device_id AND u.location = b.location'),
  ].join('\n');
}
