import { DATA_QUALITY_COLUMNS, dataQualitySql, minutesInterval, rollupSettings, timestreamSettings } from '@iot-timeseries/schema';
import { built, type BuiltQuery } from './built-query';
import type { AnalyticOptions } from './common';
import { rollupCompleteUntil, rollupTableRef, windowStart, type RollupReadOptions } from '../rollups/rollup-tables';
import { duration, durationMs, type Duration } from '../sql/duration';
import { numberLiteral, stringLiteral } from '../sql/escape';
import { deviceFilterSql } from '../sql/filters';
import { multiMeasureName, tableRef } from '../sql/table';
import { isTemplateToken, type TemplateToken } from '../sql/template';
import { timeWindow, windowEnd, type TimeWindow } from '../sql/time-window';
import { QueryParameterError } from '../errors';

export interface DataQualityOptions extends AnalyticOptions, RollupReadOptions {
  /** Default 1d, or a front end's time range: every hour that overlaps it counts. */
  window?: TimeWindow;
  /** How often a device is expected to report (default 30s), or a front end's variable of milliseconds. */
  expectedEvery?: string | Duration | TemplateToken;
  /** `auto` (default): the data-quality rollup, and the readings for the hours its runs have not completed; `raw`: only the readings. */
  source?: 'auto' | 'raw';
}

export interface DataQualityRow {
  device_id: string;
  location: string;
  /** Readings received. */
  readings: bigint;
  /** Minutes that had ended, in the hours the device was tracked in (from its first reading or marker). */
  minutes: bigint;
  minutes_with_readings: bigint;
  /** Stretches of minutes without a reading (one that crosses an hour counts in both). */
  gaps: bigint;
  put_aside_invalid: bigint;
  put_aside_rejected: bigint;
  /** Readings expected over those minutes at one every `expectedEvery`. */
  expected: number;
  /** readings / expected, at most 1. */
  completeness: number;
}

const c = DATA_QUALITY_COLUMNS;
const SUMS = [c.readings, c.minutes, c.minutesWithReadings, c.gaps, c.putAsideInvalid, c.putAsideRejected];

/**
 * Per device over the window: readings received against expected, minutes without a reading, gaps and
 * readings put aside. From the hourly data-quality rollup for the hours its runs have completed, and computed
 * from the readings (with the rollup's own SQL, libs/schema's `dataQualitySql`) for the hours since, so the
 * two agree; `source: 'raw'` computes every hour from the readings.
 */
export function dataQuality(options: DataQualityOptions = {}): BuiltQuery<DataQualityRow> {
  const window = timeWindow(options.window ?? '1d', 'window');
  const everyMs = isTemplateToken(options.expectedEvery) ? options.expectedEvery.text : numberLiteral(durationMs(duration(options.expectedEvery ?? '30s', 'expectedEvery')), 'expectedEvery');
  if (options.source !== undefined && options.source !== 'auto' && options.source !== 'raw') throw new QueryParameterError(`source must be auto or raw, got ${JSON.stringify(options.source)}`);
  const settings = options.rollups ?? rollupSettings;
  const rollup = settings.dataQuality;
  const hourOfStart = `bin(${windowStart(window, 'window')}, 1h)`;
  const end = windowEnd(window, 'window');
  const until = rollupCompleteUntil(rollup);
  const table = rollupTableRef(rollup, options);
  // who the rollup saw in the hours its runs completed (a bin with readings or markers), so that the readings
  // are looked through for devices only from there on, not over the whole overlap
  const seenInRollup = [
    `SELECT device_id, nullif(location, 'unknown') AS location, time FROM ${table}`,
    `WHERE measure_name = ${stringLiteral(settings.dataQualityMeasureName)} AND (${c.readings} > 0 OR ${c.putAsideInvalid} > 0 OR ${c.putAsideRejected} > 0)`,
  ].join('\n');
  // as the rollup's runs do: devices seen in the overlap before the hours get them (the hour in progress too, here)
  const fromReadings = (from: string, seenBefore?: { sql: string; until: string }) =>
    dataQualitySql(
      rollup,
      { from, to: end, devicesSince: `${from} - ${minutesInterval(rollup.overlapMinutes)}`, seenBefore },
      { source: { ...timestreamSettings, multiMeasureName: multiMeasureName(options) }, sourceTableSql: tableRef(options), catalogue: options.catalogue },
    );
  const hours =
    options.source === 'raw'
      ? fromReadings(hourOfStart)
      : [
          `SELECT device_id, location, time AS bin_time, ${SUMS.join(', ')}`,
          `FROM ${table}`,
          `WHERE measure_name = ${stringLiteral(settings.dataQualityMeasureName)}`,
          `  AND time >= ${hourOfStart} AND time < ${until} AND time < ${end}`,
          'UNION ALL',
          'SELECT * FROM (',
          fromReadings(`greatest(${until}, ${hourOfStart})`, { sql: seenInRollup, until }),
          ')',
        ].join('\n');
  const minutes = `sum(${c.minutes})`;
  const expected = `CAST(${minutes} AS double) * 60000 / ${everyMs}`;
  const sql = [
    'WITH hours AS (',
    hours,
    ')',
    'SELECT device_id, max(location) AS location,',
    `  ${SUMS.map((s) => `sum(${s}) AS ${s}`).join(', ')},`,
    `  ${expected} AS expected,`,
    `  least(CAST(1 AS double), CAST(sum(${c.readings}) AS double) / nullif(${expected}, 0)) AS completeness`,
    `FROM hours WHERE TRUE${deviceFilterSql(options)}`,
    'GROUP BY device_id',
    'ORDER BY device_id',
  ].join('\n');
  return built('data-quality', sql);
}
