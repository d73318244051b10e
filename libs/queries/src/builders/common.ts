import type { MeasureCatalogue } from '@iot-timeseries/schema';
import type { TimestampValue } from '../decode/values';
import { stringLiteral } from '../sql/escape';
import type { DeviceFilter } from '../sql/filters';
import { deviceFilterSql } from '../sql/filters';
import { multiMeasureName, tableRef, type TableTarget } from '../sql/table';
import { timeCondition, type TimeWindow } from '../sql/time-window';

/** Options every analytic takes: which table, which devices, which catalogue. */
export interface AnalyticOptions extends TableTarget, DeviceFilter {
  catalogue?: MeasureCatalogue;
}

export type { TimestampValue };

/** `FROM <table> [alias] [join] WHERE measure_name = '<multi>' AND time >= ago(<window>)<device filters>` */
export function readingsSource(options: AnalyticOptions, window: TimeWindow, alias = '', join = '', parameter = 'window'): string {
  const col = (c: string) => (alias ? `${alias}.${c}` : c);
  return (
    `FROM ${tableRef(options)}${alias ? ` ${alias}` : ''}\n` +
    (join ? `${join}\n` : '') +
    `WHERE ${col('measure_name')} = ${stringLiteral(multiMeasureName(options), 'measureName')}\n` +
    `  AND ${timeCondition(window, parameter, alias)}${deviceFilterSql(options, alias)}`
  );
}
