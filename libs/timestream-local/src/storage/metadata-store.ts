import type { DuckDBConnection } from '@duckdb/node-api';
import type { DatabaseRecord, TableRecord, Tag } from './resource-types';
import type { TableLayout } from './table-layout';

export interface StoredTable {
  table: TableRecord;
  layout: TableLayout;
}

export interface LoadedMetadata {
  databases: Map<string, DatabaseRecord>;
  tables: Map<string, Map<string, StoredTable>>;
  tags: Map<string, Tag[]>;
}

const META_TABLE = '__timestream_meta';

export const metaKey = {
  database: (db: string) => `database/${db}`,
  table: (db: string, table: string) => `table/${db}/${table}`,
  tags: (arn: string) => `tags/${arn}`,
};

const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** SQL upserting one metadata entry (run inside the caller's transaction when it must be atomic with DDL). */
export const putMetaSql = (key: string, value: unknown): string =>
  `INSERT OR REPLACE INTO ${META_TABLE} VALUES (${lit(key)}, ${lit(JSON.stringify(value))})`;

export const deleteMetaSql = (key: string): string => `DELETE FROM ${META_TABLE} WHERE key = ${lit(key)}`;

/** SQL reading the entries whose key starts with `prefix` (documents other parts of the server keep here). */
export const selectMetaByPrefixSql = (prefix: string): string =>
  `SELECT key, value FROM ${META_TABLE} WHERE starts_with(key, ${lit(prefix)}) ORDER BY key`;

export async function loadMetadata(connection: DuckDBConnection): Promise<LoadedMetadata> {
  await connection.run(`CREATE TABLE IF NOT EXISTS ${META_TABLE} (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`);
  const reader = await connection.runAndReadAll(`SELECT key, value FROM ${META_TABLE} ORDER BY key`);
  const result: LoadedMetadata = { databases: new Map(), tables: new Map(), tags: new Map() };
  for (const [key, value] of reader.getRowsJS() as Array<[string, string]>) {
    const parsed = JSON.parse(value);
    if (key.startsWith('database/')) {
      result.databases.set((parsed as DatabaseRecord).name, parsed as DatabaseRecord);
    } else if (key.startsWith('table/')) {
      const stored = parsed as StoredTable;
      const db = stored.table.databaseName;
      if (!result.tables.has(db)) result.tables.set(db, new Map());
      result.tables.get(db)?.set(stored.table.name, stored);
    } else if (key.startsWith('tags/')) {
      result.tags.set(key.slice('tags/'.length), parsed as Tag[]);
    }
  }
  return result;
}
