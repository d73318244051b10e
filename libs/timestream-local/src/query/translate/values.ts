import type { Expr, Values } from '../ast';
import { positioned } from '../errors';
import { T } from '../static-type';
import type { TranslationContext } from './context';
import type { Scope, ScopeColumn } from './scope';
import { quoteIdent } from './sql-text';
import type { TranslatedQuery } from './translated';

/** The cells of one VALUES row: a row constructor `(a, b)` spreads into its items, anything else is one cell. */
const cells = (row: Expr): Expr[] => (row.kind === 'row' ? row.items : [row]);

/**
 * `VALUES 1, 2` / `VALUES (1, 'a'), (2, 'b')` as a DuckDB VALUES list named `_col0`, `_col1`, ... like Trino's; every
 * row must have as many cells as the first. A column takes the type of its first cell of known type.
 */
export function translateValues(ctx: TranslationContext, values: Values, outer: Scope | undefined): TranslatedQuery {
  const scope: Scope = { relations: [], parent: outer };
  const width = cells(values.rows[0]).length;
  const columns: ScopeColumn[] = Array.from({ length: width }, (_, i) => ({ name: `_col${i}`, type: T.unknown }));
  const rows = values.rows.map((row) => {
    const items = cells(row).map((cell) => ctx.expr(cell, scope));
    if (items.length !== width) throw positioned(row.pos, `VALUES rows must all have ${width} column(s); this one has ${items.length}`);
    items.forEach((item, i) => {
      if (columns[i].type.kind === 'unknown') columns[i].type = item.type;
    });
    return `(${items.map((item) => item.sql).join(', ')})`;
  });
  const alias = ctx.freshName('values');
  return { sql: `SELECT * FROM (VALUES ${rows.join(', ')}) AS ${quoteIdent(alias)}(${columns.map((c) => quoteIdent(c.name)).join(', ')})`, columns };
}
