import type { Statement } from './ast';
import type { QueryStorage } from './catalog';
import { QueryValidationError, positioned } from './errors';
import { matchesLike } from './like';
import type { ResultType } from './result-types';

export interface MaterializedResult {
  columns: Array<{ name: string; type: ResultType }>;
  /** values already canonical for encodeDatum */
  rows: unknown[][];
}

const VARCHAR: ResultType = { kind: 'scalar', scalar: 'VARCHAR' };

const ATTRIBUTE: Record<string, string> = {
  DIMENSION: 'DIMENSION', MEASURE_NAME: 'MEASURE_NAME', TIMESTAMP: 'TIMESTAMP', MULTI: 'MULTI', SINGLE_MEASURE_VALUE: 'MEASURE_VALUE',
};

async function requireTable(storage: QueryStorage, database: string, table: string, pos: { line: number; column: number }) {
  const meta = await storage.getTable(database, table);
  if (meta) return meta;
  if (!(await storage.databaseExists(database))) {
    throw new QueryValidationError(`Requested database '${database}' not found for identifier '${database}.${table}' at line ${pos.line}:${pos.column}`);
  }
  throw positioned(pos, `Table '${database}.${table}' does not exist`);
}

/** SHOW DATABASES / SHOW TABLES / SHOW MEASURES / DESCRIBE, answered from the catalog. */
export async function runMetadataStatement(statement: Exclude<Statement, { kind: 'query' }>, storage: QueryStorage): Promise<MaterializedResult> {
  const like = (names: string[], pattern?: string): string[] => (pattern === undefined ? names : names.filter((n) => matchesLike(n, pattern)));
  switch (statement.kind) {
    case 'showDatabases': {
      const names = like([...(await storage.listDatabases())].sort(), statement.like);
      return { columns: [{ name: 'Database', type: VARCHAR }], rows: names.map((n) => [n]) };
    }
    case 'showTables': {
      if (statement.database === undefined) throw positioned(statement.pos, 'Database must be specified: SHOW TABLES FROM <database>');
      if (!(await storage.databaseExists(statement.database))) {
        throw positioned(statement.pos, `Database '${statement.database}' does not exist`);
      }
      const names = like([...(await storage.listTables(statement.database))].sort(), statement.like);
      return { columns: [{ name: 'Table', type: VARCHAR }], rows: names.map((n) => [n]) };
    }
    case 'describe': {
      const table = await requireTable(storage, statement.database, statement.table, statement.pos);
      return {
        columns: [
          { name: 'Column', type: VARCHAR },
          { name: 'Type', type: VARCHAR },
          { name: 'Timestream attribute type', type: VARCHAR },
        ],
        rows: table.columns.map((c) => [c.name, c.type.toLowerCase(), ATTRIBUTE[c.kind] ?? c.kind]),
      };
    }
    case 'showMeasures': {
      const table = await requireTable(storage, statement.database, statement.table, statement.pos);
      const dimensionTypes = new Map(table.columns.map((c) => [c.name, c.type.toLowerCase()]));
      const measures = [...table.measures]
        .filter((m) => statement.like === undefined || matchesLike(m.name, statement.like))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return {
        columns: [
          { name: 'measure_name', type: VARCHAR },
          { name: 'data_type', type: VARCHAR },
          {
            name: 'dimensions',
            type: { kind: 'array', element: { kind: 'row', fields: [{ name: 'dimension_name', type: VARCHAR }, { name: 'data_type', type: VARCHAR }] } },
          },
        ],
        rows: measures.map((m) => [
          m.name,
          m.type.toLowerCase(),
          m.dimensions.map((d) => ({ dimension_name: d, data_type: dimensionTypes.get(d) ?? 'varchar' })),
        ]),
      };
    }
  }
}
