import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnInfo, Datum, QueryStatus } from '@aws-sdk/client-timestream-query';

/** The captured live-service responses of the spec folder, with the Go SDK's null members removed. */
export const CAPTURED_DIR = join(__dirname, '../../../../../shared/spec/timestream/captured-responses');

function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, stripNulls(v)]));
  }
  return value;
}

export interface CapturedResponse {
  ColumnInfo: ColumnInfo[];
  Rows: Array<{ Data: Datum[] }>;
  QueryStatus?: QueryStatus;
  NextToken?: string;
}

export function captured(name: string): CapturedResponse {
  return stripNulls(JSON.parse(readFileSync(join(CAPTURED_DIR, `${name}.json`), 'utf8'))) as never;
}

/** A datum's plain value for building a dataset from a captured row. */
export const plain = (d: Datum): string | null => (d.NullValue ? null : (d.ScalarValue ?? null));

/** Rows as sorted JSON texts, to compare results whose order the query leaves open. */
export const asMultiset = (rows: Array<{ Data?: Datum[] }>): string[] => rows.map((r) => JSON.stringify(r.Data)).sort();
