import { minutesInterval, rollupSettings, type Rollup, type RollupSettings } from '@iot-timeseries/schema';
import { stringLiteral } from '../sql/escape';
import { deviceFilterSql, type DeviceFilter } from '../sql/filters';
import { tableRef, type TableTarget } from '../sql/table';
import { isTimeRangeTemplate, timeCondition, type TimeWindow } from '../sql/time-window';
import { duration, durationLiteral } from '../sql/duration';

/** What a rollup reader reads: the readings' table (for the part no run has covered yet) and the rollup settings. */
export interface RollupReadOptions extends TableTarget, DeviceFilter {
  /** The rollups (names, bins, schedules); libs/schema's by default. */
  rollups?: RollupSettings;
}

/** `"database"."<rollup table>"`: beside the readings (the database the options name, else the settings'). */
export function rollupTableRef(rollup: Rollup, options: RollupReadOptions): string {
  const settings = options.rollups ?? rollupSettings;
  return tableRef({ database: options.database ?? settings.databaseName, table: rollup.table.tableName });
}

/**
 * Until when a rollup's bins are complete, as SQL of `now()`: the bins before the one in progress at the run
 * before the latest one (the latest may still be running). Bins from there on are read from the readings.
 */
export function rollupCompleteUntil(rollup: Rollup): string {
  const { everyMinutes, offsetMinutes } = rollup.schedule;
  const every = minutesInterval(everyMinutes);
  const lastRun = offsetMinutes > 0 ? `bin(now() - ${minutesInterval(offsetMinutes)}, ${every}) + ${minutesInterval(offsetMinutes)}` : `bin(now(), ${every})`;
  return `bin(${lastRun} - ${every}, ${minutesInterval(rollup.binMinutes)})`;
}

/** The window's first instant as SQL: `ago(7d)`, or the front end's `from_milliseconds($__timeFrom)`. */
export function windowStart(window: TimeWindow, parameter: string): string {
  if (isTimeRangeTemplate(window)) return `from_milliseconds(${window.fromMs.text})`;
  return `ago(${durationLiteral(duration(window, parameter))})`;
}

/** `WHERE measure_name = '<name>' AND <window> [AND <extra>]<device filters>` for an unaliased table. */
export function rollupWhere(measureName: string, window: TimeWindow, parameter: string, filter: DeviceFilter, extra?: string): string {
  return `WHERE measure_name = ${stringLiteral(measureName)}\n  AND ${timeCondition(window, parameter)}${extra ? ` AND ${extra}` : ''}${deviceFilterSql(filter)}`;
}
