import type { CatalogTable } from '../catalog';
import type { ResolvedTable, ResolvedTables } from './resolved-tables';
import { tableKey } from './table-references';
import type { ScopeColumn } from './scope';

/**
 * The tables a query can name while it is translated: the WITH queries of the enclosing query levels and the
 * catalog snapshot resolved beforehand. Remembers the catalog tables the translation read.
 */
export class TableNamespace {
  private readonly levels: Array<Map<string, ScopeColumn[]>> = [];
  private readonly read = new Map<string, CatalogTable>();

  constructor(private readonly catalog: ResolvedTables) {}

  /** Runs `translate` with one more level of WITH names, which it defines as it goes; the level ends with it. */
  withLevel<T>(translate: (define: (name: string, columns: ScopeColumn[]) => void) => T): T {
    const level = new Map<string, ScopeColumn[]>();
    this.levels.push(level);
    try {
      return translate((name, columns) => level.set(name.toLowerCase(), columns));
    } finally {
      this.levels.pop();
    }
  }

  /** The columns of the innermost WITH query called `name` (case-insensitive), if there is one. */
  cte(name: string): ScopeColumn[] | undefined {
    for (let i = this.levels.length - 1; i >= 0; i--) {
      const columns = this.levels[i].get(name.toLowerCase());
      if (columns) return columns;
    }
    return undefined;
  }

  /** What the catalog held for `database.table` when the query's tables were resolved. */
  catalogTable(database: string, table: string): ResolvedTable {
    const entry = this.catalog.get(tableKey(database, table));
    if (!entry) throw new Error(`Table '${database}.${table}' was not resolved before translation`);
    return entry;
  }

  /** Notes that the query reads `table`, named `database.tableName`. */
  recordRead(database: string, tableName: string, table: CatalogTable): void {
    this.read.set(`${database}.${tableName}`, table);
  }

  /** The catalog tables read so far, each once, in the order first read. */
  get tablesRead(): CatalogTable[] {
    return [...this.read.values()];
  }
}
