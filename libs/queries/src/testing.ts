import type { ColumnInfo, QueryResponse, Row, ScalarType } from '@aws-sdk/client-timestream-query';

/** A scalar cell as the Query API sends it: text, or null for NullValue. */
export type ScalarCell = string | null;

export interface QueryPageOptions {
  /** Column name -> Timestream scalar type, in result order. */
  columns: Record<string, ScalarType>;
  /** One array of cells per row, in column order. */
  rows: ScalarCell[][];
  nextToken?: string;
  queryId?: string;
}

/**
 * One page of a Query answer in the wire shape (for unit tests that mock the Query API with
 * aws-sdk-client-mock): scalar columns only, NullValue for null cells, QueryStatus filled in.
 */
export function queryPage(options: QueryPageOptions): QueryResponse & { ColumnInfo: ColumnInfo[]; Rows: Row[] } {
  const columnInfo: ColumnInfo[] = Object.entries(options.columns).map(([Name, ScalarType]) => ({ Name, Type: { ScalarType } }));
  return {
    QueryId: options.queryId ?? 'AEBQEANNWTSYL2DP',
    ColumnInfo: columnInfo,
    Rows: options.rows.map((cells) => ({ Data: cells.map((cell) => (cell === null ? { NullValue: true } : { ScalarValue: cell })) })),
    NextToken: options.nextToken,
    QueryStatus: { ProgressPercentage: options.nextToken ? 50 : 100, CumulativeBytesScanned: 100, CumulativeBytesMetered: 10_000_000 },
  };
}
