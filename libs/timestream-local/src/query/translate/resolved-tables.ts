import type { Query } from '../ast';
import type { CatalogTable, QueryStorage } from '../catalog';
import { tableKey, tableReferences } from './table-references';

/** What the catalog holds for one `database.table`: the table, or that it is missing (and whether its database is). */
export type ResolvedTable =
  | { kind: 'found'; table: CatalogTable }
  | { kind: 'missing'; databaseExists: boolean };

/** A catalog snapshot for one query: every two-part table name it mentions, by `tableKey(database, table)` (./table-references). */
export type ResolvedTables = ReadonlyMap<string, ResolvedTable>;

/**
 * Looks up, once each, the catalog tables a query names. Never throws for a missing table or database: the
 * translator reports those where it meets them, so a query's first error stays the one reported.
 */
export async function resolveTables(query: Query, storage: QueryStorage): Promise<ResolvedTables> {
  const resolved = new Map<string, ResolvedTable>();
  for (const { database, table } of tableReferences(query)) {
    const found = await storage.getTable(database, table);
    resolved.set(tableKey(database, table), found ? { kind: 'found', table: found } : { kind: 'missing', databaseExists: await storage.databaseExists(database) });
  }
  return resolved;
}
