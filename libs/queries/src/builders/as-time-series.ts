import { built, type BuiltQuery } from './built-query';
import type { TimeSeriesPoint } from '../decode/values';
import { quoteIdentifier } from '../sql/escape';
import { QueryParameterError } from '../errors';

export interface AsTimeSeriesOptions<Row> {
  /** Columns of the query that identify a series (they become the series' labels). */
  labels: ReadonlyArray<keyof Row & string>;
  /** The TIMESTAMP column of each point. */
  time: keyof Row & string;
  /** The numeric column of each point. */
  value: keyof Row & string;
  /** Name of the TIMESERIES column (default the value column's name). */
  name?: string;
}

export type TimeSeriesRow = Record<string, string | TimeSeriesPoint[]>;

/**
 * Any analytic in the wide form that alerting tools need: one row per label combination with one
 * TIMESERIES column, `CREATE_TIME_SERIES(time, value)` over the analytic's rows.
 */
export function asTimeSeries<Row>(query: BuiltQuery<Row>, options: AsTimeSeriesOptions<Row>): BuiltQuery<TimeSeriesRow> {
  if (options.labels.length === 0) throw new QueryParameterError('labels must name at least one column');
  const labels = options.labels.map((l) => `s.${quoteIdentifier(l, 'labels')}`).join(', ');
  const sql = [
    `SELECT ${labels}, CREATE_TIME_SERIES(s.${quoteIdentifier(options.time, 'time')}, s.${quoteIdentifier(options.value, 'value')}) AS ${quoteIdentifier(options.name ?? options.value, 'name')}`,
    'FROM (',
    query.sql,
    ') s',
    `GROUP BY ${labels}`,
    `ORDER BY ${labels}`,
  ].join('\n');
  return built(`${query.name}-series`, sql);
}
