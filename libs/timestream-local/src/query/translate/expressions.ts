import type { Expr } from '../ast';
import { positioned } from '../errors';
import { T, type StaticType } from '../static-type';
import { atTimeZone } from './at-time-zone';
import { translateCast } from './casts';
import { fieldType, translateColumn } from './columns';
import { translateCall } from './functions';
import { translateLiteral } from './literals';
import { translateBinary } from './operators';
import { translatePredicate } from './predicates';
import type { QueryContext } from './query-context';
import type { Scope } from './scope';
import { quoteIdent } from './sql-text';
import type { Translated } from './translated';

/** An expression as DuckDB SQL with its static type, names resolved in `scope`. */
export function translateExpr(ctx: QueryContext, expr: Expr, scope: Scope): Translated {
  switch (expr.kind) {
    case 'number': case 'string': case 'boolean': case 'null': case 'typedLiteral': case 'interval': case 'duration':
      return translateLiteral(expr);
    case 'column':
      return translateColumn(expr, scope);
    case 'unary': {
      const operand = ctx.expr(expr.operand, scope);
      if (expr.op === 'not') return { sql: `(NOT ${operand.sql})`, type: T.boolean };
      return { sql: `(${expr.op}${operand.sql})`, type: operand.type };
    }
    case 'binary':
      return translateBinary(ctx, expr, scope);
    case 'between': case 'inList': case 'inQuery': case 'quantified': case 'like': case 'isNull': case 'isDistinct': case 'exists':
      return translatePredicate(ctx, expr, scope);
    case 'subquery': {
      const q = ctx.query(expr.query, scope);
      if (q.columns.length !== 1) throw positioned(expr.pos, 'Multiple columns returned by subquery are not yet supported');
      return { sql: `(${q.sql})`, type: q.columns[0].type };
    }
    case 'case':
      return translateCase(ctx, expr, scope);
    case 'cast':
      return translateCast(ctx, expr, scope);
    case 'call': {
      if (!scope.calls) return translateCall(ctx, expr, scope);
      const key = JSON.stringify(expr, (k, v: unknown) => (k === 'pos' ? undefined : v));
      const known = scope.calls.get(key);
      if (known) return known;
      const translated = translateCall(ctx, expr, scope);
      scope.calls.set(key, translated);
      return translated;
    }
    case 'lambda':
      throw positioned(expr.pos, 'Lambda expressions are only allowed as function arguments');
    case 'array': {
      const items = expr.items.map((item) => ctx.expr(item, scope));
      return { sql: `[${items.map((i) => i.sql).join(', ')}]`, type: { kind: 'array', element: items[0]?.type ?? T.unknown } };
    }
    case 'row': {
      const items = expr.items.map((item) => ctx.expr(item, scope));
      const fields = items.map((item, i) => ({ name: `field${i}`, type: item.type }));
      return { sql: `struct_pack(${items.map((item, i) => `${quoteIdent(fields[i].name)} := ${item.sql}`).join(', ')})`, type: { kind: 'row', fields } };
    }
    case 'subscript': {
      const [v, i] = [ctx.expr(expr.value, scope), ctx.expr(expr.index, scope)];
      const element = v.type.kind === 'array' ? v.type.element : T.unknown;
      return { sql: `${v.sql}[${i.sql}]`, type: element };
    }
    case 'field': {
      const v = ctx.expr(expr.value, scope);
      return { sql: `(${v.sql}).${quoteIdent(expr.field)}`, type: fieldType(v.type, expr.field) };
    }
    case 'extract':
      return translateCall(ctx, { kind: 'call', name: expr.field, args: [expr.value], distinct: false, star: false, pos: expr.pos }, scope);
    case 'atTimeZone':
      return atTimeZone(expr, ctx.expr(expr.value, scope), ctx.expr(expr.zone, scope));
    case 'param':
      if (expr.name.toLowerCase() === 'scheduled_runtime') return { sql: ctx.nowSql, type: T.timestamp, microseconds: true };
      throw positioned(expr.pos, `Query parameter '${expr.name}' has no value; parameters are only accepted by PrepareQuery`);
  }
}

/** `CASE [operand] WHEN ... THEN ... [ELSE ...] END`, typed after its first THEN (or ELSE) of known type. */
function translateCase(ctx: QueryContext, expr: Extract<Expr, { kind: 'case' }>, scope: Scope): Translated {
  let sql = 'CASE';
  if (expr.operand) sql += ` ${ctx.expr(expr.operand, scope).sql}`;
  let type: StaticType = T.unknown;
  for (const w of expr.whens) {
    const then = ctx.expr(w.then, scope);
    if (type.kind === 'unknown') type = then.type;
    sql += ` WHEN ${ctx.expr(w.when, scope).sql} THEN ${then.sql}`;
  }
  if (expr.else) {
    const otherwise = ctx.expr(expr.else, scope);
    if (type.kind === 'unknown') type = otherwise.type;
    sql += ` ELSE ${otherwise.sql}`;
  }
  return { sql: `${sql} END`, type };
}
