import { groupingExprs, type Expr, type OrderItem, type Select, type SelectItem } from '../ast';
import { positioned } from '../errors';
import { groupByClause, groupingKeys } from './group-by';
import { translateOrderItems } from './order-by';
import type { QueryContext } from './query-context';
import { translateRelation } from './relations';
import type { Scope, ScopeColumn, ScopeRelation } from './scope';
import { quoteIdent } from './sql-text';
import type { TranslatedQuery } from './translated';

/** A translated SELECT, with its ORDER BY (resolved against its output and input columns) kept apart. */
export type TranslatedSelect = TranslatedQuery & { orderSql?: string; tiesApplied?: boolean };

/** FETCH FIRST `count` ROWS WITH TIES after `offset` rows, for the SELECT to apply when it can (see withTiesFilter). */
export interface TiesLimit {
  count: string;
  offset?: string;
}

/** `SELECT ... FROM ... WHERE ... GROUP BY ... HAVING ...`, and the query's ORDER BY items when it has them. */
export function translateSelect(ctx: QueryContext, select: Select, outer: Scope | undefined, orderBy: OrderItem[], ties?: TiesLimit, answer = false): TranslatedSelect {
  const scope: Scope = { relations: [], parent: outer, calls: new Map() };
  const fromSql = select.from.map((relation) => translateRelation(ctx, relation, scope));
  if (select.groupBy.length > 0) scope.groupingKeys = groupingKeys(ctx, select, scope);
  const items: string[] = [];
  const columns: ScopeColumn[] = [];
  const exact: string[] = [];
  const keepsNanos = answer && groupsByColumnsOnly(select);
  for (const item of select.items) {
    if (item.kind === 'star') {
      expandStar(item, scope, items, columns);
      continue;
    }
    const translated = ctx.expr(item.expr, scope);
    const name = item.alias ?? implicitName(item.expr) ?? `_col${columns.length}`;
    items.push(`${translated.sql} AS ${quoteIdent(name)}`);
    const column: ScopeColumn = { name, type: translated.type, aliased: item.alias !== undefined };
    if (keepsNanos && translated.nanos && translated.type.kind === 'intervalDayToSecond') {
      column.exactNanos = `__ns${columns.length}`;
      exact.push(`${translated.nanos} AS ${quoteIdent(column.exactNanos)}`);
    }
    columns.push(column);
  }
  const values = items.map((item) => item.replace(/ AS "(?:[^"]|"")*"$/, ''));
  let sql = `SELECT ${select.distinct ? 'DISTINCT ' : ''}${[...items, ...exact].join(', ')}`;
  if (fromSql.length > 0) sql += ` FROM ${fromSql.join(', ')}`;
  if (select.where) sql += ` WHERE ${ctx.expr(select.where, scope).sql}`;
  const groupBy = groupByClause(ctx, select, scope, columns.length);
  if (groupBy) sql += ` GROUP BY ${groupBy}`;
  if (select.having) sql += ` HAVING ${ctx.expr(select.having, scope).sql}`;
  let orderSql: string | undefined;
  let tiesApplied: boolean | undefined;
  if (orderBy.length > 0) {
    // ORDER BY sees the output names first, then the input columns.
    const orderScope: Scope = { relations: [{ columns }], parent: scope };
    const keys = translateOrderItems(ctx, orderBy, orderScope, columns.length);
    orderSql = keys.join(', ');
    if (ties && withTiesFilter(select, scope, columns)) {
      // inside OVER a position is a constant: the item's expression stands for it (and the answer's exact columns are not there)
      const windowKeys = translateOrderItems(ctx, orderBy, orderScope, columns.length, false).map((key, k) => {
        const e = orderBy[k].expr;
        return e.kind === 'number' && e.isInteger ? `${values[Number(e.text) - 1]}${key.slice(e.text.length)}` : key;
      }).join(', ');
      const skip = ties.offset ?? '0';
      sql += ` QUALIFY row_number() OVER (ORDER BY ${windowKeys}) > ${skip} AND rank() OVER (ORDER BY ${windowKeys}) <= ${skip} + ${ties.count}`;
      tiesApplied = true;
    }
  }
  return { sql, columns, orderSql, tiesApplied };
}

/**
 * Whether FETCH ... WITH TIES can filter this SELECT itself (QUALIFY, which sees its input columns and aggregates):
 * not with DISTINCT (QUALIFY comes before it), nor when an alias names an input column too (inside OVER the input
 * column would win, where ORDER BY means the alias).
 */
function withTiesFilter(select: Select, scope: Scope, columns: ScopeColumn[]): boolean {
  if (select.distinct) return false;
  const inputs = new Set(scope.relations.flatMap((r) => r.columns.map((c) => c.name.toLowerCase())));
  return !columns.some((c) => c.aliased && inputs.has(c.name.toLowerCase()));
}

/**
 * Whether the answer's exact nanoseconds of an item can stand beside it: a GROUP BY of plain columns only (an item
 * valid under it stays valid with its timestamps read as nanoseconds; a position or an expression key would not).
 */
const groupsByColumnsOnly = (select: Select): boolean => select.groupBy.every((e) => groupingExprs(e).every((x) => x.kind === 'column'));

/** `*` or `alias.*`: every column of the FROM relations (or of the one named), appended to `items` and `columns`. */
function expandStar(item: Extract<SelectItem, { kind: 'star' }>, scope: Scope, items: string[], columns: ScopeColumn[]): void {
  const relations = item.qualifier ? scope.relations.filter((r) => qualifies(r, item.qualifier ?? [])) : scope.relations;
  if (item.qualifier && relations.length === 0) throw positioned(item.pos, `Table '${item.qualifier.join('.')}' not found`);
  if (!item.qualifier && relations.length === 0) throw positioned(item.pos, 'SELECT * not allowed in queries without FROM clause');
  for (const r of relations) {
    for (const c of r.columns) {
      if (c.hidden || c.joinedBy) continue;
      items.push(r.alias !== undefined ? `${quoteIdent(r.alias)}.${quoteIdent(c.name)}` : quoteIdent(c.name));
      columns.push(c);
    }
  }
}

/** Whether `alias.*` or `database.table.*` names relation `r`. */
function qualifies(r: ScopeRelation, qualifier: string[]): boolean {
  const same = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase() === b.toLowerCase();
  if (qualifier.length === 1) return same(r.alias, qualifier[0]);
  return qualifier.length === 2 && same(r.database, qualifier[0]) && same(r.alias, qualifier[1]);
}

/** Trino names a plain column reference (or field dereference) after the column; other expressions get `_col<i>`. */
function implicitName(expr: Expr): string | undefined {
  if (expr.kind === 'column') return expr.parts[expr.parts.length - 1];
  if (expr.kind === 'field') return expr.field;
  return undefined;
}
