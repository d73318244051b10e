import type { Relation } from '../ast';
import { QueryValidationError, positioned } from '../errors';
import { fromCatalogType } from '../static-type';
import type { Scope } from './scope';
import { quoteIdent } from './sql-text';
import type { TableNamespace } from './table-namespace';

/**
 * A table name in FROM: a WITH query (one part) or a catalog table (`database.table`), added to `scope`.
 * Missing names are reported here, in translation order, with the service's wording.
 */
export function translateTable(tables: TableNamespace, relation: Extract<Relation, { kind: 'table' }>, scope: Scope): string {
  const { parts, pos } = relation;
  if (parts.length === 1) {
    const columns = tables.cte(parts[0]);
    if (columns) {
      const alias = relation.alias ?? parts[0];
      scope.relations.push({ alias, columns });
      return `${quoteIdent(parts[0])} AS ${quoteIdent(alias)}`;
    }
    throw positioned(pos, `Schema must be specified when session schema is not set`);
  }
  if (parts.length > 2) throw positioned(pos, `Too many dots in table name: ${parts.join('.')}`);
  const [database, tableName] = parts;
  const resolved = tables.catalogTable(database, tableName);
  if (resolved.kind === 'missing') {
    if (!resolved.databaseExists) {
      throw new QueryValidationError(`Requested database '${database}' not found for identifier '${parts.join('.')}' at line ${pos.line}:${pos.column}`);
    }
    throw positioned(pos, `Table '${parts.join('.')}' does not exist`);
  }
  const { table } = resolved;
  tables.recordRead(database, tableName, table);
  const alias = relation.alias ?? tableName;
  scope.relations.push({ alias, columns: table.columns.map((c) => ({ name: c.name, type: fromCatalogType(c.type) })) });
  return `${table.relationSql} AS ${quoteIdent(alias)}`;
}
