import type { ColumnInfo, Type } from '@aws-sdk/client-timestream-query';
import { isTimestampType, timeSeriesValueType, type DuckType } from './duck-type';
import type { StaticType } from './static-type';

/** How a result value is encoded: the Timestream type plus what the renderer needs to know. */
export type ResultType =
  | { kind: 'scalar'; scalar: ScalarTypeName }
  | { kind: 'array'; element: ResultType }
  | { kind: 'row'; fields: Array<{ name: string; type: ResultType }> }
  | { kind: 'timeseries'; value: ResultType };

export type ScalarTypeName =
  | 'VARCHAR' | 'BOOLEAN' | 'BIGINT' | 'DOUBLE' | 'TIMESTAMP' | 'DATE' | 'TIME' | 'INTERVAL_DAY_TO_SECOND'
  | 'INTERVAL_YEAR_TO_MONTH' | 'UNKNOWN' | 'INTEGER';

const SCALARS: Record<string, ScalarTypeName> = {
  VARCHAR: 'VARCHAR', BOOLEAN: 'BOOLEAN', TINYINT: 'INTEGER', SMALLINT: 'INTEGER', INTEGER: 'INTEGER', UTINYINT: 'INTEGER',
  USMALLINT: 'INTEGER', UINTEGER: 'BIGINT', BIGINT: 'BIGINT', UBIGINT: 'BIGINT', HUGEINT: 'BIGINT', UHUGEINT: 'BIGINT',
  DOUBLE: 'DOUBLE', FLOAT: 'DOUBLE', DECIMAL: 'DOUBLE', DATE: 'DATE', TIME: 'TIME', INTERVAL: 'INTERVAL_DAY_TO_SECOND',
  NULL: 'UNKNOWN',
};

/** Maps a DuckDB result type to the Timestream type, using the static type for what DuckDB cannot tell (interval kinds). */
export function resultType(duck: DuckType, hint?: StaticType): ResultType {
  const seriesValue = timeSeriesValueType(duck);
  if (seriesValue) return { kind: 'timeseries', value: resultType(seriesValue, hint?.kind === 'timeseries' ? hint.value : undefined) };
  if (duck.kind === 'list') return { kind: 'array', element: resultType(duck.element, hint?.kind === 'array' ? hint.element : undefined) };
  if (duck.kind === 'struct') {
    return {
      kind: 'row',
      fields: duck.fields.map((f, i) => ({ name: f.name, type: resultType(f.type, hint?.kind === 'row' ? hint.fields[i]?.type : undefined) })),
    };
  }
  if (isTimestampType(duck)) return { kind: 'scalar', scalar: 'TIMESTAMP' };
  if (duck.kind === 'scalar') {
    if (duck.name === 'INTERVAL' && hint?.kind === 'intervalYearToMonth') return { kind: 'scalar', scalar: 'INTERVAL_YEAR_TO_MONTH' };
    const scalar = SCALARS[duck.name];
    if (scalar) return { kind: 'scalar', scalar };
  }
  return { kind: 'scalar', scalar: 'VARCHAR' };
}

/** The SDK `Type` shape of a result type. */
export function toSdkType(type: ResultType): Type {
  switch (type.kind) {
    case 'scalar':
      return { ScalarType: type.scalar };
    case 'array':
      return { ArrayColumnInfo: { Type: toSdkType(type.element) } };
    case 'row':
      return { RowColumnInfo: type.fields.map((f): ColumnInfo => ({ Name: f.name, Type: toSdkType(f.type) })) };
    case 'timeseries':
      return { TimeSeriesMeasureValueColumnInfo: { Type: toSdkType(type.value) } };
  }
}

/**
 * DuckDB SQL that turns a value of `duck` type into something the JS side renders exactly, whichever way the
 * storage layer converts values (raw or getRowsJS): timestamps become nine-digit text, big integers text, decimals doubles.
 */
export function canonicalSql(value: string, duck: DuckType, depth = 0): string | undefined {
  if (duck.kind === 'list') {
    const x = `__c${depth}`;
    const inner = canonicalSql(x, duck.element, depth + 1);
    return inner === undefined ? undefined : `list_transform(${value}, lambda ${x}: ${inner})`;
  }
  if (duck.kind === 'struct') {
    const fields = duck.fields.map((f) => ({ f, sql: canonicalSql(`(${value})."${f.name.replace(/"/g, '""')}"`, f.type, depth + 1) }));
    if (fields.every((x) => x.sql === undefined)) return undefined;
    const packed = fields.map(({ f, sql }) => `"${f.name.replace(/"/g, '""')}" := ${sql ?? `(${value})."${f.name.replace(/"/g, '""')}"`}`).join(', ');
    return `CASE WHEN ${value} IS NULL THEN NULL ELSE struct_pack(${packed}) END`;
  }
  if (isTimestampType(duck)) return `strftime(CAST(${value} AS TIMESTAMP_NS), '%Y-%m-%d %H:%M:%S.%n')`;
  if (duck.kind === 'other') return `CAST(${value} AS VARCHAR)`;
  switch (duck.name) {
    case 'BIGINT': case 'UBIGINT': case 'HUGEINT': case 'UHUGEINT': case 'UINTEGER':
      return `CAST(${value} AS VARCHAR)`;
    case 'DECIMAL': case 'FLOAT':
      return `CAST(${value} AS DOUBLE)`;
    case 'TIME':
      return `strftime(DATE '1970-01-01' + ${value}, '%H:%M:%S.%n')`;
    case 'DATE':
      return `CAST(${value} AS VARCHAR)`;
    case 'VARCHAR': case 'BOOLEAN': case 'INTEGER': case 'SMALLINT': case 'TINYINT': case 'UTINYINT': case 'USMALLINT':
    case 'DOUBLE': case 'INTERVAL': case 'NULL':
      return undefined;
    default:
      return `CAST(${value} AS VARCHAR)`;
  }
}
