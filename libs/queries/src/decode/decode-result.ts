import type { ColumnInfo, Datum, Row, Type } from '@aws-sdk/client-timestream-query';
import { ResultDecodeError } from '../errors';
import { parseBigint, parseBoolean, parseDayToSecond, parseDouble, parseTimestampText, parseYearToMonth } from './scalars';
import type { DecodedRow, DecodedValue, TimeSeriesPoint } from './values';

/** Decodes one Datum according to its column Type. */
export function decodeDatum(type: Type, datum: Datum): DecodedValue {
  if (datum.NullValue) return null;
  if (type.ScalarType) {
    if (datum.ScalarValue === undefined || datum.ScalarValue === null) throw new ResultDecodeError(`expected a ${type.ScalarType} ScalarValue`);
    return decodeScalar(type.ScalarType, datum.ScalarValue);
  }
  if (type.ArrayColumnInfo) {
    const element = requireType(type.ArrayColumnInfo.Type, 'ArrayColumnInfo');
    return (datum.ArrayValue ?? []).map((d) => decodeDatum(element, d));
  }
  if (type.RowColumnInfo) {
    const fields = type.RowColumnInfo;
    const values = datum.RowValue?.Data ?? [];
    return Object.fromEntries(fields.map((f, i) => [f.Name ?? `_col${i}`, values[i] ? decodeDatum(requireType(f.Type, 'RowColumnInfo'), values[i]) : null]));
  }
  if (type.TimeSeriesMeasureValueColumnInfo) {
    const valueType = requireType(type.TimeSeriesMeasureValueColumnInfo.Type, 'TimeSeriesMeasureValueColumnInfo');
    return (datum.TimeSeriesValue ?? []).map(
      (p): TimeSeriesPoint => ({ time: parseTimestampText(p.Time ?? ''), value: p.Value ? decodeDatum(valueType, p.Value) : null }),
    );
  }
  throw new ResultDecodeError('a column Type with no ScalarType, ArrayColumnInfo, RowColumnInfo or TimeSeriesMeasureValueColumnInfo');
}

function decodeScalar(type: string, text: string): DecodedValue {
  switch (type) {
    case 'DOUBLE':
    case 'INTEGER':
      return parseDouble(text);
    case 'BIGINT':
      return parseBigint(text);
    case 'BOOLEAN':
      return parseBoolean(text);
    case 'TIMESTAMP':
      return parseTimestampText(text);
    case 'INTERVAL_DAY_TO_SECOND':
      return parseDayToSecond(text);
    case 'INTERVAL_YEAR_TO_MONTH':
      return parseYearToMonth(text);
    default: // VARCHAR, DATE, TIME, UNKNOWN
      return text;
  }
}

function requireType(type: Type | undefined, where: string): Type {
  if (!type) throw new ResultDecodeError(`${where} without a Type`);
  return type;
}

/** Decodes rows into objects keyed by column name. */
export function decodeRows(columns: readonly ColumnInfo[], rows: readonly Row[]): DecodedRow[] {
  const names = columns.map((c, i) => c.Name ?? `_col${i}`);
  const types = columns.map((c, i) => requireType(c.Type, `column ${names[i]}`));
  return rows.map((row) => {
    const data = row.Data ?? [];
    if (data.length !== columns.length) throw new ResultDecodeError(`a row has ${data.length} values for ${columns.length} columns`);
    return Object.fromEntries(data.map((d, i) => [names[i], decodeDatum(types[i], d)]));
  });
}
