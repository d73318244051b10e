import type { Relation } from '../ast';
import { positioned } from '../errors';
import type { QueryContext } from './query-context';
import type { Scope } from './scope';
import { quoteIdent } from './sql-text';
import { joinUsing } from './join-using';
import { translateTable } from './tables';
import { translateUnnest } from './unnest';

/** One FROM item (table, derived table, UNNEST or join) as DuckDB SQL; its relations are added to `scope`. */
export function translateRelation(ctx: QueryContext, relation: Relation, scope: Scope): string {
  switch (relation.kind) {
    case 'table':
      return translateTable(ctx.tables, relation, scope);
    case 'derived':
      return translateDerived(ctx, relation, scope);
    case 'unnest':
      return translateUnnest(ctx, relation, scope);
    case 'join': {
      const start = scope.relations.length;
      const left = translateRelation(ctx, relation.left, scope);
      const middle = scope.relations.length;
      const right = translateRelation(ctx, relation.right, scope);
      if (relation.type === 'cross') return `${left} CROSS JOIN ${right}`;
      const kind = relation.type.toUpperCase();
      if (relation.using) {
        joinUsing(relation, relation.using, scope, start, middle);
        return `${left} ${kind} JOIN ${right} USING (${relation.using.map(quoteIdent).join(', ')})`;
      }
      if (!relation.on) throw positioned(relation.pos, `${kind} JOIN needs ON or USING`);
      const on = ctx.expr(relation.on, scope);
      return `${left} ${kind} JOIN ${right} ON ${on.sql}`;
    }
  }
}

/** `(query) [AS alias [(columns)]]`; the subquery sees the enclosing query's scope, not its sibling FROM items. */
function translateDerived(ctx: QueryContext, relation: Extract<Relation, { kind: 'derived' }>, scope: Scope): string {
  const inner = ctx.query(relation.query, scope.parent);
  const columns = relation.columnAliases
    ? inner.columns.map((c, i) => ({ name: relation.columnAliases?.[i] ?? c.name, type: c.type }))
    : inner.columns;
  if (relation.columnAliases && relation.columnAliases.length !== inner.columns.length) {
    throw positioned(relation.pos, `Column alias list has ${relation.columnAliases.length} entries but '${relation.alias}' has ${inner.columns.length} columns available`);
  }
  const alias = relation.alias ?? ctx.freshName('derived');
  scope.relations.push({ alias, columns });
  return `(${inner.sql}) AS ${quoteIdent(alias)}${relation.columnAliases ? `(${relation.columnAliases.map(quoteIdent).join(', ')})` : ''}`;
}
