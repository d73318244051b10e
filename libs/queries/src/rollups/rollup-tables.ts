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

/** How long after its start a scheduled run is taken to have finished (the rollups' runs take seconds). */
export const RUN_GRACE_MINUTES = 2;

/**
 * Until when a rollup's bins are complete, as SQL of `now()`: the bins that had ended when its latest run
 * started, that run counted only once it started more than RUN_GRACE_MINUTES ago (else the one before).
 * Bins from there on are read from the readings. A run that failed leaves its bins as the run before wrote them.
 */
export function rollupCompleteUntil(rollup: Rollup): string {
  return `bin(${rollupLastRun(rollup)}, ${minutesInterval(rollup.binMinutes)})`;
}

/** When a rollup's latest run started, as SQL of `now()`: counted only once it started more than RUN_GRACE_MINUTES ago (else the one before). */
export function rollupLastRun(rollup: Rollup): string {
  const { everyMinutes, offsetMinutes } = rollup.schedule;
  const every = minutesInterval(everyMinutes);
  const lag = minutesInterval(offsetMinutes + RUN_GRACE_MINUTES);
  return offsetMinutes > 0 ? `bin(now() - ${lag}, ${every}) + ${minutesInterval(offsetMinutes)}` : `bin(now() - ${lag}, ${every})`;
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
