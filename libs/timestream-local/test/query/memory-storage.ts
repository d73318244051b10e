import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { CatalogColumn, CatalogTable, QueryStorage } from '../../src/query/catalog';
import { registerEngineFunctions } from '../../src/storage/registered-functions';

/** A test double of the storage layer: tables in an in-memory DuckDB, values returned through getRowsJS. */
export interface MemoryStorage extends QueryStorage {
  addDatabase(db: string): void;
  addTable(db: string, table: string, columns: CatalogColumn[], rows: Array<Record<string, unknown>>, measures?: CatalogTable['measures']): Promise<void>;
  close(): void;
  queries: string[];
}

const duckType = (c: CatalogColumn): string => (c.type === 'TIMESTAMP' ? 'TIMESTAMP_NS' : c.type);
const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;

export async function createMemoryStorage(): Promise<MemoryStorage> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection: DuckDBConnection = await instance.connect();
  registerEngineFunctions(connection);
  const databases = new Map<string, Map<string, CatalogTable>>();
  const queries: string[] = [];
  let counter = 0;
  const addDatabase = (db: string): void => {
    if (!databases.has(db)) databases.set(db, new Map());
  };
  return {
    queries,
    addDatabase,
    async addTable(db, table, columns, rows, measures = []) {
      addDatabase(db);
      const name = `t${counter++}`;
      await connection.run(`CREATE TABLE ${name} (${columns.map((c) => `${q(c.name)} ${duckType(c)}`).join(', ')})`);
      if (rows.length > 0) {
        const literal = (c: CatalogColumn, v: unknown): string => {
          if (v === null || v === undefined) return 'NULL';
          if (c.type === 'TIMESTAMP') return typeof v === 'number' ? `make_timestamp_ns(${BigInt(v) * 1000000n})` : `CAST('${String(v)}' AS TIMESTAMP_NS)`;
          if (c.type === 'VARCHAR') return `'${String(v).replace(/'/g, "''")}'`;
          if (c.type === 'DOUBLE') return `CAST('${String(v)}' AS DOUBLE)`;
          return String(v);
        };
        const values = rows.map((r) => `(${columns.map((c) => literal(c, r[c.name])).join(', ')})`);
        await connection.run(`INSERT INTO ${name} VALUES ${values.join(', ')}`);
      }
      databases.get(db)?.set(table, { databaseName: db, tableName: table, arn: `arn:aws:timestream:us-east-1:000000000000:database/${db}/table/${table}`, columns, relationSql: name, measures });
    },
    async listDatabases() {
      return [...databases.keys()];
    },
    async listTables(db) {
      return [...(databases.get(db)?.keys() ?? [])];
    },
    async databaseExists(db) {
      return databases.has(db);
    },
    async getTable(db, table) {
      return databases.get(db)?.get(table);
    },
    async runQuery(sql) {
      queries.push(sql);
      const reader = await connection.runAndReadAll(sql);
      return {
        columns: reader.columnNames().map((name, i) => ({ name, duckType: reader.columnTypes()[i].toString() })),
        rows: reader.getRowsJS() as unknown[][],
      };
    },
    close() {
      connection.closeSync();
    },
  };
}
