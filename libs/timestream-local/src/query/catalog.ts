/**
 * What the query engine needs from storage. Mirrors `Storage`/`TableMeta` of src/storage/catalog-types.ts
 * (owned by the storage layer) structurally, so the engine can be tested against its own fixture.
 */
export type CatalogScalarType = 'VARCHAR' | 'DOUBLE' | 'BIGINT' | 'BOOLEAN' | 'TIMESTAMP';

export interface CatalogColumn {
  name: string;
  type: CatalogScalarType;
  kind: 'DIMENSION' | 'MEASURE_NAME' | 'TIMESTAMP' | 'MULTI' | 'SINGLE_MEASURE_VALUE';
}

export interface CatalogTable {
  databaseName: string;
  tableName: string;
  columns: CatalogColumn[];
  relationSql: string;
  measures: Array<{ name: string; type: CatalogScalarType | 'MULTI'; dimensions: string[] }>;
}

export interface QueryStorage {
  listDatabases(): Promise<string[]>;
  listTables(db: string): Promise<string[]>;
  databaseExists(db: string): Promise<boolean>;
  getTable(db: string, table: string): Promise<CatalogTable | undefined>;
  runQuery(sql: string, signal?: AbortSignal): Promise<{ columns: Array<{ name: string; duckType: string }>; rows: unknown[][] }>;
}
