import type { Expr, OrderItem, Query, QueryBody } from '../ast';
import { positioned } from '../errors';
import { translateOrderItems } from './order-by';
import { recursiveWithQuery } from './recursive-with';
import type { QueryContext } from './query-context';
import type { Scope } from './scope';
import { translateSelect, type TiesLimit, type TranslatedSelect } from './select';
import { quoteIdent } from './sql-text';
import { translateValues } from './values';
import { fetchWithTies } from './with-ties';
import type { TranslatedQuery } from './translated';

/** A query: its WITH queries (visible to what follows them), body, ORDER BY, LIMIT and OFFSET. */
/** A query; `answer` for the statement's own query, whose SELECT adds the exact nanoseconds of its intervals (select.ts). */
export function translateQuery(ctx: QueryContext, query: Query, outer?: Scope, answer = false): TranslatedQuery {
  return ctx.tables.withLevel((defineCte) => {
    const parts: string[] = [];
    for (const cte of query.with) {
      const recursive = query.recursive ? recursiveWithQuery(ctx, cte, outer, defineCte) : undefined;
      if (recursive) {
        parts.push(recursive);
        continue;
      }
      const inner = translateQuery(ctx, cte.query, outer);
      const columns = cte.columns
        ? inner.columns.map((c, i) => ({ name: cte.columns?.[i] ?? c.name, type: c.type }))
        : inner.columns;
      const columnList = cte.columns ? `(${cte.columns.map(quoteIdent).join(', ')})` : '';
      parts.push(`${quoteIdent(cte.name)}${columnList} AS (${inner.sql})`);
      defineCte(cte.name, columns);
    }
    const ties: TiesLimit | undefined = query.withTies && query.limit
      ? { count: limitValue(query.limit), offset: query.offset && limitValue(query.offset) } : undefined;
    const body = translateBody(ctx, query.body, outer, query.orderBy, ties, answer && !query.withTies);
    let sql = parts.length > 0 ? `WITH ${query.recursive ? 'RECURSIVE ' : ''}${parts.join(', ')} ${body.sql}` : body.sql;
    if (query.orderBy.length > 0 && query.body.kind !== 'select') {
      const scope: Scope = { relations: [{ columns: body.columns }], parent: outer };
      sql = `SELECT * FROM (${sql}) ORDER BY ${translateOrderItems(ctx, query.orderBy, scope).join(', ')}`;
    } else if (query.orderBy.length > 0) {
      sql += ` ORDER BY ${body.orderSql}`;
    }
    if (ties && query.withTies) {
      // a SELECT filtered itself; any other body is wrapped
      if (!body.tiesApplied) sql = fetchWithTies(ctx, { sql, body: query.body, orderBy: query.orderBy, columns: body.columns, pos: query.withTies, ...ties }, outer);
      return { sql, columns: body.columns };
    }
    if (query.limit) sql += ` LIMIT ${limitValue(query.limit)}`;
    if (query.offset) sql += ` OFFSET ${limitValue(query.offset)}`;
    return { sql, columns: body.columns };
  });
}

function limitValue(expr: Expr): string {
  if (expr.kind !== 'number' || !expr.isInteger) throw positioned(expr.pos, 'LIMIT and OFFSET take a non-negative integer');
  return expr.text;
}

/** A SELECT, a parenthesised query, or UNION / INTERSECT / EXCEPT of two bodies (their columns must match in number). */
function translateBody(ctx: QueryContext, body: QueryBody, outer: Scope | undefined, orderBy: OrderItem[], ties?: TiesLimit, answer = false): TranslatedSelect {
  if (body.kind === 'select') return translateSelect(ctx, body, outer, orderBy, ties, answer);
  if (body.kind === 'nested') {
    const inner = translateQuery(ctx, body.query, outer);
    return { sql: `(${inner.sql})`, columns: inner.columns };
  }
  if (body.kind === 'values') return translateValues(ctx, body, outer);
  const left = translateBody(ctx, body.left, outer, []);
  const right = translateBody(ctx, body.right, outer, []);
  if (left.columns.length !== right.columns.length) {
    throw positioned(body.pos, `${body.op.toUpperCase()} query has different number of fields: ${left.columns.length}, ${right.columns.length}`);
  }
  const op = `${body.op.toUpperCase()}${body.all ? ' ALL' : ''}`;
  return { sql: `(${left.sql}) ${op} (${right.sql})`, columns: left.columns };
}
