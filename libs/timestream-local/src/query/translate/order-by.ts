import type { OrderItem } from '../ast';
import { positioned } from '../errors';
import type { TranslationContext } from './context';
import type { Scope } from './scope';

/**
 * ORDER BY items as DuckDB SQL, one string each. An integer is a select-list position, checked against `width`
 * when given. NULLs sort last in both directions unless the item says otherwise, as in Trino.
 */
export function translateOrderItems(ctx: TranslationContext, items: OrderItem[], scope: Scope, width?: number): string[] {
  return items.map((item) => {
    let sql: string;
    if (item.expr.kind === 'number' && item.expr.isInteger) {
      const ordinal = Number(item.expr.text);
      if (width !== undefined && (ordinal < 1 || ordinal > width)) throw positioned(item.expr.pos, `ORDER BY position ${ordinal} is not in select list`);
      sql = item.expr.text;
    } else sql = ctx.expr(item.expr, scope).sql;
    return `${sql} ${item.descending ? 'DESC' : 'ASC'} NULLS ${(item.nulls ?? 'last').toUpperCase()}`;
  });
}
