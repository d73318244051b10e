import { QueryParameterError } from '../errors';
import { numberLiteral, stringLiteral } from '../sql/escape';
import { deviceFilterSql } from '../sql/filters';
import { multiMeasureName, tableRef } from '../sql/table';
import { timeCondition, type TimeWindow } from '../sql/time-window';
import type { AnalyticOptions } from './common';

/** Either the last `window` up to now, or an absolute range of epoch ms (`from` inclusive, `before` exclusive). */
export type AnalyticsTableRange = { window: TimeWindow } | { from: number; before: number };

/**
 * `FROM <analytics table> WHERE measure_name = ... AND <time> <device filters>` for the window
 * function's tables (libs/schema `analyticsTables`; the readings table's settings do not apply).
 */
export function analyticsTableSource(options: AnalyticOptions, table: { tableName: string; measureName: string }, range: AnalyticsTableRange): string {
  const target = { ...options, table: options.table ?? table.tableName, measureName: options.measureName ?? table.measureName };
  const time = 'window' in range ? timeCondition(range.window, 'window') : `time >= from_milliseconds(${whole(range.from, 'from')}) AND time < from_milliseconds(${whole(range.before, 'before')})`;
  return `FROM ${tableRef(target)}\nWHERE measure_name = ${stringLiteral(multiMeasureName(target), 'measureName')}\n  AND ${time}${deviceFilterSql(options)}`;
}

export function whole(value: number, parameter: string): string {
  if (!Number.isInteger(value) || value < 0) throw new QueryParameterError(`${parameter} must be a whole number of epoch milliseconds, got ${value}`);
  return numberLiteral(value, parameter);
}

export function limitSql(limit: number | undefined): string {
  if (limit === undefined) return '';
  if (!Number.isInteger(limit) || limit < 1) throw new QueryParameterError(`limit must be a positive whole number, got ${limit}`);
  return `LIMIT ${limit}`;
}

export function valueList(values: readonly string[] | undefined, column: string, parameter: string): string {
  if (!values || values.length === 0) return '';
  return ` AND ${column} IN (${values.map((v) => stringLiteral(v, parameter)).join(', ')})`;
}
