import type { ColumnMeta, ScalarType, TableMeta } from './catalog-types';

/** How a Timestream table maps onto its DuckDB table. Persisted as JSON with the table's metadata. */
export interface ValueColumn {
  /** name as `SELECT *` shows it: a multi-measure name or `measure_value::<type>` */
  name: string;
  type: ScalarType;
  kind: 'MULTI' | 'SINGLE_MEASURE_VALUE';
  column: string;
}

export interface TableLayout {
  storageName: string;
  dimensions: Array<{ name: string; column: string }>;
  values: ValueColumn[];
  measures: Array<{ name: string; type: ScalarType | 'MULTI'; dimensions: string[] }>;
  /** physical DuckDB column order (system columns first) */
  physicalOrder: string[];
}

export const SYSTEM_COLUMNS = ['__version', 'measure_name', 'time'] as const;

export const DUCK_TYPES: Record<ScalarType, string> = {
  VARCHAR: 'VARCHAR',
  DOUBLE: 'DOUBLE',
  BIGINT: 'BIGINT',
  BOOLEAN: 'BOOLEAN',
  TIMESTAMP: 'TIMESTAMP_NS',
};

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export function emptyLayout(storageName: string): TableLayout {
  return { storageName, dimensions: [], values: [], measures: [], physicalOrder: [...SYSTEM_COLUMNS] };
}

export const singleValueColumnName = (type: ScalarType): string => `measure_value::${type.toLowerCase()}`;

export function columnsOf(layout: TableLayout): ColumnMeta[] {
  return [
    ...layout.dimensions.map((d): ColumnMeta => ({ name: d.name, type: 'VARCHAR', kind: 'DIMENSION' })),
    { name: 'measure_name', type: 'VARCHAR', kind: 'MEASURE_NAME' },
    { name: 'time', type: 'TIMESTAMP', kind: 'TIMESTAMP' },
    ...layout.values.map((v): ColumnMeta => ({ name: v.name, type: v.type, kind: v.kind })),
  ];
}

/** The retention cutoff as relationSql holds it. */
const cutoffSql = (cutoffNs: bigint): string => `make_timestamp_ns(${cutoffNs.toString()})`;

/** `(SELECT ... FROM "main"."t_x" WHERE time >= cutoff)`: visible columns only, rows within retention. */
export function relationSqlOf(layout: TableLayout, cutoffNs: bigint): string {
  const select = [
    ...layout.dimensions.map((d) => `${quoteIdent(d.column)} AS ${quoteIdent(d.name)}`),
    '"measure_name" AS "measure_name"',
    '"time" AS "time"',
    ...layout.values.map((v) => `${quoteIdent(v.column)} AS ${quoteIdent(v.name)}`),
  ];
  return `(SELECT ${select.join(', ')} FROM main.${quoteIdent(layout.storageName)} WHERE "time" >= ${cutoffSql(cutoffNs)})`;
}

export function tableMetaOf(databaseName: string, tableName: string, arn: string, layout: TableLayout, cutoffNs: bigint): TableMeta {
  return {
    databaseName,
    tableName,
    arn,
    columns: columnsOf(layout),
    relationSql: relationSqlOf(layout, cutoffNs),
    retentionCutoffSql: cutoffSql(cutoffNs),
    estimatedRowsSql: `SELECT estimated_size FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = '${layout.storageName.replace(/'/g, "''")}'`,
    measures: layout.measures.map((m) => ({ name: m.name, type: m.type, dimensions: [...m.dimensions] })),
  };
}
