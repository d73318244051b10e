import type { Expr } from '../ast';
import { positioned } from '../errors';
import { T } from '../static-type';
import type { QueryContext } from './query-context';
import type { Scope } from './scope';
import type { Translated } from './translated';

/** The boolean-valued forms besides comparisons: BETWEEN, IN, LIKE, IS [NOT] NULL, IS [NOT] DISTINCT FROM, EXISTS. */
export type Predicate = Extract<Expr, { kind: 'between' | 'inList' | 'inQuery' | 'quantified' | 'like' | 'isNull' | 'isDistinct' | 'exists' }>;

/** A predicate as DuckDB SQL (always BOOLEAN). */
export function translatePredicate(ctx: QueryContext, expr: Predicate, scope: Scope): Translated {
  const not = 'not' in expr && expr.not ? 'NOT ' : '';
  switch (expr.kind) {
    case 'between': {
      const [v, lo, hi] = [ctx.expr(expr.value, scope), ctx.expr(expr.low, scope), ctx.expr(expr.high, scope)];
      return { sql: `(${v.sql} ${not}BETWEEN ${lo.sql} AND ${hi.sql})`, type: T.boolean };
    }
    case 'inList': {
      const v = ctx.expr(expr.value, scope);
      const list = expr.list.map((item) => ctx.expr(item, scope).sql);
      return { sql: `(${v.sql} ${not}IN (${list.join(', ')}))`, type: T.boolean };
    }
    case 'inQuery': {
      const v = ctx.expr(expr.value, scope);
      const q = ctx.query(expr.query, scope);
      if (q.columns.length !== 1) throw positioned(expr.pos, 'Multiple columns returned by subquery are not yet supported');
      return { sql: `(${v.sql} ${not}IN (${q.sql}))`, type: T.boolean };
    }
    case 'quantified': {
      const v = ctx.expr(expr.value, scope);
      const q = ctx.query(expr.query, scope);
      if (q.columns.length !== 1) throw positioned(expr.pos, 'Multiple columns returned by subquery are not yet supported');
      return { sql: `(${v.sql} ${expr.op} ${expr.quantifier.toUpperCase()} (${q.sql}))`, type: T.boolean };
    }
    case 'like': {
      const [v, p] = [ctx.expr(expr.value, scope), ctx.expr(expr.pattern, scope)];
      const escape = expr.escape ? ` ESCAPE ${ctx.expr(expr.escape, scope).sql}` : '';
      return { sql: `(${v.sql} ${not}LIKE ${p.sql}${escape})`, type: T.boolean };
    }
    case 'isNull':
      return { sql: `(${ctx.expr(expr.value, scope).sql} IS ${not}NULL)`, type: T.boolean };
    case 'isDistinct': {
      const [l, r] = [ctx.expr(expr.left, scope), ctx.expr(expr.right, scope)];
      return { sql: `(${l.sql} IS ${not}DISTINCT FROM ${r.sql})`, type: T.boolean };
    }
    case 'exists':
      return { sql: `(EXISTS (${ctx.query(expr.query, scope).sql}))`, type: T.boolean };
  }
}
