import type { Expr, OrderItem, QueryBody } from '../ast';
import { QueryValidationError, positioned, type SourcePosition } from '../errors';
import { translateOrderItems } from './order-by';
import type { QueryContext } from './query-context';
import type { Scope, ScopeColumn } from './scope';
import { quoteIdent } from './sql-text';

export interface WithTies {
  sql: string;
  body: QueryBody;
  orderBy: OrderItem[];
  columns: ScopeColumn[];
  count: string;
  offset?: string;
  /** where FETCH stands */
  pos: SourcePosition;
}

/**
 * `[OFFSET m] FETCH FIRST n ROWS WITH TIES`: the n rows after the first m in ORDER BY order, and every further row
 * that ties with the last of them: the rows whose row_number is above m and whose rank is at most m + n. DuckDB
 * has no WITH TIES; a plain SELECT filters itself (QUALIFY, see select.ts), any other query is wrapped here and
 * numbered by its ORDER BY over the select list's columns (names, aliases, positions, an item's own expression,
 * expressions of them).
 */
export function fetchWithTies(ctx: QueryContext, q: WithTies, outer: Scope | undefined): string {
  if (q.orderBy.length === 0) throw positioned(q.pos, 'FETCH FIRST WITH TIES clause requires ORDER BY');
  const scope: Scope = { relations: [{ columns: q.columns }], parent: outer };
  const items = q.orderBy.map((item): OrderItem => ({ ...item, expr: asColumn(item.expr, q.body, q.columns) }));
  let keys: string;
  try {
    keys = translateOrderItems(ctx, items, scope).join(', ');
  } catch (error) {
    if (!(error instanceof QueryValidationError)) throw error;
    throw new QueryValidationError(`${error.message} (FETCH FIRST ... WITH TIES of a DISTINCT query, a set operation or a query whose alias names an input column orders by the select list's columns: select what ORDER BY names)`, { cause: error });
  }
  const [t, rn, rk] = [ctx.freshName('ties'), ctx.freshName('rn'), ctx.freshName('rk')].map(quoteIdent);
  const numbered = `SELECT *, row_number() OVER (ORDER BY ${keys}) AS ${rn}, rank() OVER (ORDER BY ${keys}) AS ${rk} FROM (${q.sql}) AS ${t}`;
  const skip = q.offset ?? '0';
  return `SELECT * EXCLUDE (${rn}, ${rk}) FROM (${numbered}) WHERE ${rn} > ${skip} AND ${rk} <= ${skip} + ${q.count} ORDER BY ${rn}`;
}

const syntax = (expr: Expr): string => JSON.stringify(expr, (k, v: unknown) => (k === 'pos' ? undefined : v));

/** An ORDER BY position, or an expression that is a select item's own, as that output column. */
function asColumn(expr: Expr, body: QueryBody, columns: ScopeColumn[]): Expr {
  const column = (i: number): Expr => ({ kind: 'column', parts: [columns[i].name], pos: expr.pos });
  if (expr.kind === 'number' && expr.isInteger) {
    const i = Number(expr.text) - 1;
    if (!columns[i]) throw positioned(expr.pos, `ORDER BY position ${expr.text} is not in select list`);
    return column(i);
  }
  if (body.kind !== 'select' || body.items.some((item) => item.kind === 'star')) return expr;
  const key = syntax(expr);
  const i = body.items.findIndex((item) => item.kind === 'expr' && syntax(item.expr) === key);
  return i >= 0 && expr.kind !== 'column' ? column(i) : expr;
}
