import type { Expr } from '../ast';
import { T, type StaticType } from '../static-type';
import { resolveName, type Scope } from './scope';
import { quoteIdent } from './sql-text';
import type { Translated } from './translated';

/** The type of `field` in a row type; unknown for anything else. */
export function fieldType(type: StaticType, field: string): StaticType {
  if (type.kind === 'row') return type.fields.find((f) => f.name.toLowerCase() === field.toLowerCase())?.type ?? T.unknown;
  return T.unknown;
}

/** A column, lambda parameter or field reference (`x`, `t.x`, `t.x.f`), resolved in `scope`. */
export function translateColumn(expr: Extract<Expr, { kind: 'column' }>, scope: Scope): Translated {
  const resolved = resolveName(scope, expr.parts, expr.pos);
  let sql: string;
  let type: StaticType;
  if (resolved.kind === 'lambda') {
    sql = quoteIdent(resolved.name);
    type = resolved.type;
  } else {
    sql = resolved.qualified && resolved.relationAlias !== undefined
      ? `${quoteIdent(resolved.relationAlias)}.${quoteIdent(resolved.column.name)}`
      : quoteIdent(resolved.column.name);
    type = resolved.column.type;
  }
  for (const field of resolved.fields) {
    sql = `(${sql}).${quoteIdent(field)}`;
    type = fieldType(type, field);
  }
  return { sql, type };
}
