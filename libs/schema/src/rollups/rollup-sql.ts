import { DEFAULT_CATALOGUE, type MeasureCatalogue } from '../measures';
import type { TimestreamSettings } from '../settings/timestream';
import { timestreamSettings } from '../settings/timestream';
import { ROLLUP_PERCENTILE, ROLLUP_STATISTICS, type DataQualityRollup, type MeasureRollup, type Rollup, type RollupStatistic } from './rollup-settings';
import { PUT_ASIDE_RECORDS } from './source-records';
import { minutesInterval, sqlIdentifier, sqlLiteral, sqlTable } from './sql-text';

/** The time column of every rollup query's result (the target's TimeColumn). */
export const ROLLUP_TIME_COLUMN = 'bin_time';

/** The range a rollup query aggregates, as two SQL expressions of the query's time (`@scheduled_runtime` or `now()`). */
export interface RollupWindow {
  readonly from: string;
  readonly to: string;
}

/** What the query reads: the readings' table (libs/schema's settings by default) and the measure catalogue. */
export interface RollupSourceOptions {
  readonly source?: Pick<TimestreamSettings, 'databaseName' | 'tableName' | 'multiMeasureName'>;
  /** The readings' table as SQL, when it is not a plain name (a front end's `$__database.$__table`); wins over `source`'s names. */
  readonly sourceTableSql?: string;
  readonly catalogue?: MeasureCatalogue;
}

/** `<measure>_<statistic>`: the rollup column of one statistic of one measure. */
export function rollupColumn(measure: string, statistic: RollupStatistic): string {
  return `${measure}_${statistic}`;
}

/** The readings counted in a measure rollup's bin (every reading, whichever measures it carries). */
export const ROLLUP_READINGS_COLUMN = 'readings';

/** The data-quality rollup's columns. */
export const DATA_QUALITY_COLUMNS = {
  /** Readings received in the bin. */
  readings: 'readings',
  /** Minutes of the bin that had ended when it was computed (60 for a past hour), from the minute of the device's first reading in the bin it was first seen in. */
  minutes: 'minutes',
  /** Of those, the minutes with at least one reading. */
  minutesWithReadings: 'minutes_with_readings',
  /** Stretches of minutes without a reading (one that runs across the bin's start or end counts in each bin it touches). */
  gaps: 'gaps',
  putAsideInvalid: PUT_ASIDE_RECORDS.invalidColumn,
  putAsideRejected: PUT_ASIDE_RECORDS.rejectedColumn,
} as const;

/** Bin width, as the rollup's SQL writes it. */
export const rollupBin = (rollup: Rollup): string => minutesInterval(rollup.binMinutes);

/** What a scheduled run recomputes: `bin(@scheduled_runtime, <bin>) - <overlap>` to `@scheduled_runtime`. */
export function scheduledWindow(rollup: Rollup): RollupWindow {
  return { from: `bin(@scheduled_runtime, ${rollupBin(rollup)}) - ${minutesInterval(rollup.overlapMinutes)}`, to: '@scheduled_runtime' };
}

const sourceOf = (options: RollupSourceOptions) => options.source ?? timestreamSettings;
const tableOf = (options: RollupSourceOptions) => {
  const source = sourceOf(options);
  return options.sourceTableSql ?? sqlTable(source.databaseName, source.tableName);
};

/**
 * avg/min/max/count/p95/m2 of every catalogue measure per device, location and bin, over the window
 * (`time BETWEEN from AND to`: the bin in progress is written as it is so far, and replaced by a later run).
 */
export function measureRollupSql(rollup: MeasureRollup, window: RollupWindow, options: RollupSourceOptions = {}): string {
  const source = sourceOf(options);
  const bin = `bin(time, ${rollupBin(rollup)})`;
  const stats = Object.keys(options.catalogue ?? DEFAULT_CATALOGUE).flatMap((measure) => {
    const m = sqlIdentifier(measure);
    const as = (s: RollupStatistic) => sqlIdentifier(rollupColumn(measure, s));
    const expressions: Record<RollupStatistic, string> = {
      avg: `avg(${m})`,
      min: `min(${m})`,
      max: `max(${m})`,
      count: `count(${m})`,
      p95: `approx_percentile(${m}, ${ROLLUP_PERCENTILE})`,
      m2: `var_pop(${m}) * count(${m})`,
    };
    return [`  ${ROLLUP_STATISTICS.map((s) => `${expressions[s]} AS ${as(s)}`).join(', ')}`];
  });
  return [
    `SELECT device_id, location, ${bin} AS ${ROLLUP_TIME_COLUMN},`,
    `${stats.join(',\n')},`,
    `  count(*) AS ${ROLLUP_READINGS_COLUMN}`,
    `FROM ${tableOf(options)}`,
    `WHERE measure_name = ${sqlLiteral(source.multiMeasureName)}`,
    `  AND time BETWEEN ${window.from} AND ${window.to}`,
    `GROUP BY device_id, location, ${bin}`,
  ].join('\n');
}

/** What a data-quality query covers: its window, where it looks for devices, which bins it writes. */
export interface DataQualityWindow extends RollupWindow {
  /** Devices seen from here on (before `from` too) get the window's bins, so one silent through the window gets its 0-reading bins. */
  readonly devicesSince: string;
  /** Only bins that start before this are written: whole bins for the scheduled runs; by default the one in progress too (for readers). */
  readonly binsBefore?: string;
  /**
   * For readers: who was seen before `until` comes from this relation of `(device_id, location, time)` rows (one
   * per device and time it was seen, such as the data-quality rollup's bins with readings or markers) instead of
   * from the readings; the readings are looked through for devices only from `until` on.
   */
  readonly seenBefore?: { readonly sql: string; readonly until: string };
}

/**
 * A run of the data-quality rollup: the whole bins of the overlap before `@scheduled_runtime` (the bin in
 * progress is left to the next run), for the devices seen in twice the overlap.
 */
export function scheduledDataQualityWindow(rollup: DataQualityRollup): DataQualityWindow {
  const start = `bin(@scheduled_runtime, ${rollupBin(rollup)})`;
  return { ...scheduledWindow(rollup), devicesSince: `${start} - ${minutesInterval(2 * rollup.overlapMinutes)}`, binsBefore: start };
}

/**
 * Per device and bin (an hour): readings received, the minutes that had ended, how many of them had a
 * reading, the stretches of minutes without one (gaps), and the readings put aside (from the ingest
 * function's markers). Every device seen since `devicesSince` (a reading or a marker) gets every bin of the
 * window from the one it was first seen in, with 0 readings where it sent none: a device that falls silent
 * keeps getting such bins from the scheduled runs for about twice the overlap (12 h), then none. Only ended
 * minutes count (`time < bin(to, 1m)`), and in the bin a device was first seen in only those from the minute it was. A device's location is its latest (`unknown` when only markers
 * without one were seen).
 */
export function dataQualitySql(rollup: DataQualityRollup, window: DataQualityWindow, options: RollupSourceOptions = {}): string {
  const source = sourceOf(options);
  const bin = rollupBin(rollup);
  const end = `bin(${window.to}, 1m)`;
  const binEnd = `least(h.${ROLLUP_TIME_COLUMN} + ${bin}, ${end})`;
  // a device is tracked from the minute of its first reading or marker: in the bin it was first seen in, only the
  // minutes from then on are expected (a device that joins at :50 is not 17 % complete for its first hour)
  const binStart = `greatest(h.${ROLLUP_TIME_COLUMN}, bin(d.first_seen, 1m))`;
  const c = DATA_QUALITY_COLUMNS;
  const readings = sqlLiteral(source.multiMeasureName);
  const marker = sqlLiteral(PUT_ASIDE_RECORDS.measureName);
  const kinds = `measure_name IN (${readings}, ${marker})`;
  return [
    'WITH scope AS (',
    `SELECT device_id, measure_name, time, ${c.putAsideInvalid}, ${c.putAsideRejected}`,
    `FROM ${tableOf(options)}`,
    `WHERE ${kinds}`,
    `  AND time >= ${window.from} AND time < ${end}`,
    '), devices AS (',
    "SELECT device_id, coalesce(max_by(location, if(location IS NOT NULL, time)), 'unknown') AS location, min(time) AS first_seen",
    ...(window.seenBefore
      ? [
          'FROM (',
          `SELECT device_id, location, time FROM ${tableOf(options)}`,
          `WHERE ${kinds}`,
          `  AND time >= greatest(${window.devicesSince}, ${window.seenBefore.until}) AND time < ${end}`,
          'UNION ALL',
          `SELECT device_id, location, time FROM (${window.seenBefore.sql})`,
          `WHERE time >= ${window.devicesSince} AND time < ${window.seenBefore.until}`,
          ')',
        ]
      : [`FROM ${tableOf(options)}`, `WHERE ${kinds}`, `  AND time >= ${window.devicesSince} AND time < ${end}`]),
    'GROUP BY device_id',
    '), bins AS (',
    `SELECT b AS ${ROLLUP_TIME_COLUMN} FROM UNNEST(SEQUENCE(bin(${window.from}, ${bin}), bin(${window.to}, ${bin}), ${bin})) AS t (b)`,
    '), minutes AS (',
    `SELECT device_id, bin(time, ${bin}) AS ${ROLLUP_TIME_COLUMN}, bin(time, 1m) AS minute, count(*) AS readings`,
    `FROM scope WHERE measure_name = ${readings}`,
    `GROUP BY device_id, bin(time, ${bin}), bin(time, 1m)`,
    '), stretches AS (',
    `SELECT device_id, ${ROLLUP_TIME_COLUMN}, minute, readings, lag(minute) OVER (PARTITION BY device_id, ${ROLLUP_TIME_COLUMN} ORDER BY minute) AS previous_minute`,
    'FROM minutes',
    '), received AS (',
    `SELECT device_id, ${ROLLUP_TIME_COLUMN}, sum(readings) AS readings, count(*) AS minutes_with_readings, min(minute) AS first_minute, max(minute) AS last_minute,`,
    "  count_if(date_diff('minute', previous_minute, minute) > 1) AS inner_gaps",
    `FROM stretches GROUP BY device_id, ${ROLLUP_TIME_COLUMN}`,
    '), put_aside AS (',
    `SELECT device_id, bin(time, ${bin}) AS ${ROLLUP_TIME_COLUMN}, sum(${c.putAsideInvalid}) AS invalid, sum(${c.putAsideRejected}) AS rejected`,
    `FROM scope WHERE measure_name = ${marker}`,
    `GROUP BY device_id, bin(time, ${bin})`,
    ')',
    `SELECT d.device_id, d.location, h.${ROLLUP_TIME_COLUMN},`,
    `  coalesce(r.readings, 0) AS ${c.readings},`,
    `  date_diff('minute', ${binStart}, ${binEnd}) AS ${c.minutes},`,
    `  coalesce(r.minutes_with_readings, 0) AS ${c.minutesWithReadings},`,
    `  CASE WHEN r.readings IS NULL THEN 1 ELSE r.inner_gaps + if(r.first_minute > ${binStart}, 1, 0) + if(r.last_minute < ${binEnd} - 1m, 1, 0) END AS ${c.gaps},`,
    `  coalesce(p.invalid, 0) AS ${c.putAsideInvalid},`,
    `  coalesce(p.rejected, 0) AS ${c.putAsideRejected}`,
    'FROM devices d CROSS JOIN bins h',
    `LEFT JOIN received r ON r.device_id = d.device_id AND r.${ROLLUP_TIME_COLUMN} = h.${ROLLUP_TIME_COLUMN}`,
    `LEFT JOIN put_aside p ON p.device_id = d.device_id AND p.${ROLLUP_TIME_COLUMN} = h.${ROLLUP_TIME_COLUMN}`,
    `WHERE ${window.binsBefore ? `h.${ROLLUP_TIME_COLUMN} < ${window.binsBefore} AND ` : ''}h.${ROLLUP_TIME_COLUMN} < ${end} AND h.${ROLLUP_TIME_COLUMN} >= bin(d.first_seen, ${bin})`,
  ].join('\n');
}

/** The query a measure or data-quality rollup's scheduled query runs (its scheduled window; the baseline's is `baselineRollupSql`). */
export function rollupQuerySql(rollup: MeasureRollup | DataQualityRollup, options: RollupSourceOptions = {}): string {
  return rollup.kind === 'measures' ? measureRollupSql(rollup, scheduledWindow(rollup), options) : dataQualitySql(rollup, scheduledDataQualityWindow(rollup), options);
}
