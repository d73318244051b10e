import type { Datum, Row } from '@aws-sdk/client-timestream-query';
import { renderDayToSecond, renderDouble, renderNanosDayToSecond, renderYearToMonth, type IntervalParts } from './render';
import type { ResultType } from './result-types';

const NULL_DATUM: Datum = { NullValue: true };

/** Items of a list value, whether the storage returned JS arrays or DuckDB value objects. */
function listItems(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  const items = (value as { items?: unknown[] }).items;
  return Array.isArray(items) ? items : [];
}

function structField(value: unknown, name: string): unknown {
  const entries = (value as { entries?: Record<string, unknown> }).entries;
  if (entries && typeof entries === 'object') return entries[name];
  return (value as Record<string, unknown>)[name];
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return String(value);
}

/** Encodes one value of a canonicalised result column as a Timestream Datum. */
export function encodeDatum(value: unknown, type: ResultType): Datum {
  if (value === null || value === undefined) return NULL_DATUM;
  switch (type.kind) {
    case 'array':
      return { ArrayValue: listItems(value).map((item) => encodeDatum(item, type.element)) };
    case 'row':
      return { RowValue: { Data: type.fields.map((f) => encodeDatum(structField(value, f.name), f.type)) } };
    case 'timeseries':
      return {
        TimeSeriesValue: listItems(value).map((point) => ({
          Time: scalarText(structField(point, 'time')),
          Value: encodeDatum(structField(point, 'value'), type.value),
        })),
      };
    case 'scalar':
      switch (type.scalar) {
        case 'DOUBLE':
          return { ScalarValue: renderDouble(Number(value)) };
        case 'BOOLEAN':
          return { ScalarValue: value === true || value === 'true' ? 'true' : 'false' };
        case 'INTERVAL_DAY_TO_SECOND':
          // exact nanoseconds (as text) where the query kept them, else DuckDB's INTERVAL
          return { ScalarValue: typeof value === 'string' ? renderNanosDayToSecond(BigInt(value)) : renderDayToSecond(value as IntervalParts) };
        case 'INTERVAL_YEAR_TO_MONTH':
          return { ScalarValue: renderYearToMonth(value as IntervalParts) };
        case 'UNKNOWN':
          return NULL_DATUM;
        default:
          return { ScalarValue: scalarText(value) };
      }
  }
}

export function encodeRow(values: unknown[], types: ResultType[]): Row {
  return { Data: values.map((v, i) => encodeDatum(v, types[i])) };
}

/** Characters JSON.stringify escapes in a string (control characters among them), and surrogates. */
// eslint-disable-next-line no-control-regex -- JSON escapes U+0000 to U+001F: the pattern must name them
const ESCAPED = /["\\\u0000-\u001f\u2028\u2029]|[\ud800-\udfff]/;
const SCALAR_KEY = '{"ScalarValue":}'.length;

/**
 * `JSON.stringify(row).length`, without serialising rows of scalars and nulls (every row of most results): the sizes
 * the pages are cut by, for results of thousands of rows.
 */
export function encodedRowLength(row: Row): number {
  const data = row.Data ?? [];
  let length = '{"Data":[]}'.length + Math.max(0, data.length - 1);
  for (const datum of data) {
    const text = datum.ScalarValue;
    if (typeof text === 'string' && Object.keys(datum).length === 1) length += SCALAR_KEY + (ESCAPED.test(text) ? JSON.stringify(text).length : text.length + 2);
    else length += JSON.stringify(datum).length;
  }
  return length;
}
