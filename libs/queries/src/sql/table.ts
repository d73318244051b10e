import { timestreamSettings } from '@iot-timeseries/schema';
import { quoteIdentifier } from './escape';
import { isTemplateToken, type TemplateToken } from './template';

/**
 * Which Timestream table a query reads (defaults from libs/schema's settings). A name may be a
 * template token (`$__database`, `$__table`) that the front end replaces with a quoted name.
 */
export interface TableTarget {
  database?: string | TemplateToken;
  table?: string | TemplateToken;
  /** The MeasureName of the multi-measure records (default `timestreamSettings.multiMeasureName`). */
  measureName?: string;
}

export function tableRef(target: TableTarget = {}): string {
  const name = (value: string | TemplateToken, parameter: string) => (isTemplateToken(value) ? value.text : quoteIdentifier(value, parameter));
  return `${name(target.database ?? timestreamSettings.databaseName, 'database')}.${name(target.table ?? timestreamSettings.tableName, 'table')}`;
}

export function multiMeasureName(target: TableTarget = {}): string {
  return target.measureName ?? timestreamSettings.multiMeasureName;
}
