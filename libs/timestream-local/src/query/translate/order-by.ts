import type { OrderItem } from '../ast';
import { positioned } from '../errors';
import type { TranslationContext } from './context';
import type { Scope, ScopeColumn } from './scope';
import { quoteIdent } from './sql-text';

/** The answer's column an item names, by position or by its one-part name, when it keeps exact nanoseconds beside it. */
function exactColumn(item: OrderItem, scope: Scope): ScopeColumn | undefined {
  const columns = scope.relations[0]?.columns ?? [];
  const e = item.expr;
  const column = e.kind === 'number' && e.isInteger ? columns[Number(e.text) - 1] : e.kind === 'column' && e.parts.length === 1 ? columns.find((c) => c.name.toLowerCase() === e.parts[0].toLowerCase()) : undefined;
  return column?.exactNanos ? column : undefined;
}

/**
 * ORDER BY items as DuckDB SQL, one string each. An integer is a select-list position, checked against `width`
 * when given. NULLs sort last in both directions unless the item says otherwise, as in Trino. An answer's difference
 * of timestamps sorts by its exact nanoseconds (DuckDB's INTERVAL would tie differences within a microsecond).
 */
export function translateOrderItems(ctx: TranslationContext, items: OrderItem[], scope: Scope, width?: number, exactNanos = true): string[] {
  return items.map((item) => {
    let sql: string;
    const exact = exactNanos ? exactColumn(item, scope) : undefined;
    if (exact?.exactNanos) sql = quoteIdent(exact.exactNanos);
    else if (item.expr.kind === 'number' && item.expr.isInteger) {
      const ordinal = Number(item.expr.text);
      if (width !== undefined && (ordinal < 1 || ordinal > width)) throw positioned(item.expr.pos, `ORDER BY position ${ordinal} is not in select list`);
      sql = item.expr.text;
    } else sql = ctx.expr(item.expr, scope).sql;
    return `${sql} ${item.descending ? 'DESC' : 'ASC'} NULLS ${(item.nulls ?? 'last').toUpperCase()}`;
  });
}
