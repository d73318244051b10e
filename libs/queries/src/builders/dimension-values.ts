import { DIMENSION_NAMES, type DimensionName } from '@iot-timeseries/schema';
import { built, type BuiltQuery } from './built-query';
import { readingsSource, type AnalyticOptions } from './common';
import { quoteIdentifier } from '../sql/escape';
import { timeWindow, type TimeWindow } from '../sql/time-window';
import { QueryParameterError } from '../errors';

export interface DimensionValuesOptions extends AnalyticOptions {
  /** Which dimension (default location). */
  dimension?: DimensionName;
  /** Default 1d, or a front end's time range. */
  window?: TimeWindow;
}

export type DimensionValueRow = Record<DimensionName, string>;

/**
 * The distinct values of one dimension in the window, sorted, in the first and only column (what a
 * dashboard's variable query needs); filters narrow it (the devices of the chosen locations).
 */
export function dimensionValues(options: DimensionValuesOptions = {}): BuiltQuery<Partial<DimensionValueRow>> {
  const dimension = options.dimension ?? 'location';
  if (!DIMENSION_NAMES.includes(dimension)) throw new QueryParameterError(`dimension must be one of ${DIMENSION_NAMES.join(', ')}, got ${JSON.stringify(dimension)}`);
  const column = quoteIdentifier(dimension, 'dimension');
  const sql = [`SELECT DISTINCT ${column}`, readingsSource(options, timeWindow(options.window ?? '1d', 'window')), `ORDER BY ${column}`].join('\n');
  return built('dimension-values', sql);
}
