import { groupingExprs, type Expr, type FrameBound, type OrderItem, type Query, type QueryBody, type Relation, type WindowSpec } from '../ast';

/** A two-part table name as a query writes it. */
export interface TableReference {
  database: string;
  table: string;
}

/** The key of `database.table` in lookups (unambiguous even when the names contain dots). */
export const tableKey = (database: string, table: string): string => JSON.stringify([database, table]);

type Found = Map<string, TableReference>;

/**
 * Every `database.table` a query names — in FROM clauses, joins, derived tables, WITH queries and subqueries
 * anywhere in expressions — each once, first mention first. One-part names (WITH names) and names of more than
 * two parts (refused by the translator) are not table references.
 */
export function tableReferences(query: Query): TableReference[] {
  const found: Found = new Map();
  inQuery(query, found);
  return [...found.values()];
}

function inQuery(query: Query, found: Found): void {
  for (const cte of query.with) inQuery(cte.query, found);
  inBody(query.body, found);
  inOrderItems(query.orderBy, found);
  if (query.limit) inExpr(query.limit, found);
  if (query.offset) inExpr(query.offset, found);
}

function inBody(body: QueryBody, found: Found): void {
  switch (body.kind) {
    case 'select':
      for (const item of body.items) if (item.kind === 'expr') inExpr(item.expr, found);
      for (const relation of body.from) inRelation(relation, found);
      inExprs([...(body.where ? [body.where] : []), ...body.groupBy.flatMap(groupingExprs), ...(body.having ? [body.having] : [])], found);
      return;
    case 'setop':
      inBody(body.left, found);
      inBody(body.right, found);
      return;
    case 'nested':
      inQuery(body.query, found);
      return;
    case 'values':
      inExprs(body.rows, found);
      return;
  }
}

function inRelation(relation: Relation, found: Found): void {
  switch (relation.kind) {
    case 'table':
      if (relation.parts.length === 2) {
        const [database, table] = relation.parts;
        const key = tableKey(database, table);
        if (!found.has(key)) found.set(key, { database, table });
      }
      return;
    case 'derived':
      inQuery(relation.query, found);
      return;
    case 'unnest':
      inExprs(relation.args, found);
      return;
    case 'join':
      inRelation(relation.left, found);
      inRelation(relation.right, found);
      if (relation.on) inExpr(relation.on, found);
      return;
  }
}

function inExprs(exprs: Expr[], found: Found): void {
  for (const expr of exprs) inExpr(expr, found);
}

function inOrderItems(items: OrderItem[], found: Found): void {
  for (const item of items) inExpr(item.expr, found);
}

function inWindow(spec: WindowSpec, found: Found): void {
  inExprs(spec.partitionBy, found);
  inOrderItems(spec.orderBy, found);
  if (spec.frame) {
    inFrameBound(spec.frame.start, found);
    if (spec.frame.end) inFrameBound(spec.frame.end, found);
  }
}

function inFrameBound(bound: FrameBound, found: Found): void {
  if (bound.kind === 'preceding' || bound.kind === 'following') inExpr(bound.offset, found);
}

function inExpr(expr: Expr, found: Found): void {
  switch (expr.kind) {
    case 'number': case 'string': case 'boolean': case 'null': case 'typedLiteral': case 'interval': case 'duration':
    case 'column': case 'param':
      return;
    case 'unary':
      return inExpr(expr.operand, found);
    case 'binary': case 'isDistinct':
      return inExprs([expr.left, expr.right], found);
    case 'between':
      return inExprs([expr.value, expr.low, expr.high], found);
    case 'inList':
      return inExprs([expr.value, ...expr.list], found);
    case 'inQuery': case 'quantified':
      inExpr(expr.value, found);
      return inQuery(expr.query, found);
    case 'like':
      return inExprs([expr.value, expr.pattern, ...(expr.escape ? [expr.escape] : [])], found);
    case 'isNull': case 'field': case 'extract':
      return inExpr(expr.value, found);
    case 'atTimeZone':
      return inExprs([expr.value, expr.zone], found);
    case 'exists': case 'subquery':
      return inQuery(expr.query, found);
    case 'case':
      if (expr.operand) inExpr(expr.operand, found);
      for (const w of expr.whens) inExprs([w.when, w.then], found);
      if (expr.else) inExpr(expr.else, found);
      return;
    case 'cast':
      return inExpr(expr.expr, found);
    case 'call':
      inExprs(expr.args, found);
      if (expr.orderBy) inOrderItems(expr.orderBy, found);
      if (expr.filter) inExpr(expr.filter, found);
      if (expr.over) inWindow(expr.over, found);
      return;
    case 'lambda':
      return inExpr(expr.body, found);
    case 'array': case 'row':
      return inExprs(expr.items, found);
    case 'subscript':
      return inExprs([expr.value, expr.index], found);
    default: {
      const unhandled: never = expr;
      return unhandled;
    }
  }
}
