import type { Relation } from '../ast';
import { QueryValidationError, positioned } from '../errors';
import { fromCatalogType } from '../static-type';
import type { Scope, ScopeColumn } from './scope';
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
      scope.relations.push({ alias, columns: renamed(relation, alias, columns) });
      return `${quoteIdent(parts[0])} AS ${quoteIdent(alias)}${columnList(relation)}`;
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
  const columns = table.columns.map((c) => ({ name: c.name, type: fromCatalogType(c.type) }));
  // unaliased, the table keeps its qualified name: "db"."table".column resolves
  scope.relations.push({ alias, database: relation.alias === undefined ? database : undefined, columns: renamed(relation, alias, columns) });
  return `${table.relationSql} AS ${quoteIdent(alias)}${columnList(relation)}`;
}

/** `t AS x (a, b)`: the columns under their aliases, which must be as many as the columns. */
function renamed(relation: Extract<Relation, { kind: 'table' }>, alias: string, columns: ScopeColumn[]): ScopeColumn[] {
  const aliases = relation.columnAliases;
  if (!aliases) return columns;
  const visible = columns.filter((c) => !c.hidden);
  if (aliases.length !== visible.length) {
    throw positioned(relation.pos, `Column alias list has ${aliases.length} entries but '${alias}' has ${visible.length} columns available`);
  }
  // hidden columns come last and keep their names
  return [...visible.map((c, i) => ({ name: aliases[i], type: c.type })), ...columns.filter((c) => c.hidden)];
}

const columnList = (relation: Extract<Relation, { kind: 'table' }>): string =>
  relation.columnAliases ? `(${relation.columnAliases.map(quoteIdent).join(', ')})` : '';
