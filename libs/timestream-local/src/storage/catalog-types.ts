/** What the query engine (part 2) reads from storage. */
export type ScalarType = 'VARCHAR' | 'DOUBLE' | 'BIGINT' | 'BOOLEAN' | 'TIMESTAMP';

export interface ColumnMeta {
  name: string;
  type: ScalarType;
  kind: 'DIMENSION' | 'MEASURE_NAME' | 'TIMESTAMP' | 'MULTI' | 'SINGLE_MEASURE_VALUE';
}

export interface TableMeta {
  databaseName: string;
  tableName: string;
  arn: string;
  /** the columns as `SELECT *` shows them, in that order: dimensions (first-seen order), measure_name, time,
   *  then measure_value::<type> columns (single-measure records) and multi-measure columns (first-seen order).
   *  A column exists only once something was written to it. */
  columns: ColumnMeta[];
  /** DuckDB SQL usable in FROM (already quoted), yielding exactly those column names and only the rows within
   *  the table's retention. `time` is TIMESTAMP_NS. */
  relationSql: string;
  /** the part of relationSql that depends on when the table is read (its retention cutoff), if any: a plan cache
   *  keeps relationSql's translation with this part left out and put back for each query */
  retentionCutoffSql?: string;
  /** DuckDB SQL answering how many rows the table holds, from its statistics (no scan; rows past retention the
   *  sweep has not deleted yet count too): what the bytes-scanned estimate counts when given, else relationSql's rows. */
  estimatedRowsSql?: string;
  measures: Array<{ name: string; type: ScalarType | 'MULTI'; dimensions: string[] }>;
}

export interface Storage {
  listDatabases(): Promise<string[]>;
  listTables(db: string): Promise<string[]>;
  databaseExists(db: string): Promise<boolean>;
  getTable(db: string, table: string): Promise<TableMeta | undefined>;
  /** read-only query on the shared DuckDB instance; values as @duckdb/node-api getRowsJS returns them */
  runQuery(sql: string, signal?: AbortSignal): Promise<{ columns: { name: string; duckType: string }[]; rows: unknown[][] }>;
}
