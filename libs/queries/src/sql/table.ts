import { timestreamSettings } from '@iot-timeseries/schema';
import { quoteIdentifier } from './escape';

/** Which Timestream table a query reads (defaults from libs/schema's settings). */
export interface TableTarget {
  database?: string;
  table?: string;
  /** The MeasureName of the multi-measure records (default `timestreamSettings.multiMeasureName`). */
  measureName?: string;
}

export function tableRef(target: TableTarget = {}): string {
  return `${quoteIdentifier(target.database ?? timestreamSettings.databaseName, 'database')}.${quoteIdentifier(target.table ?? timestreamSettings.tableName, 'table')}`;
}

export function multiMeasureName(target: TableTarget = {}): string {
  return target.measureName ?? timestreamSettings.multiMeasureName;
}
