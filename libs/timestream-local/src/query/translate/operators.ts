import type { Expr } from '../ast';
import { positioned } from '../errors';
import { T, isIntegral, isInterval, numericResult } from '../static-type';
import type { TranslationContext } from './context';
import type { Scope } from './scope';
import type { Translated } from './translated';

/** `time > '2020-01-01 00:00:00'`: a string literal compared with a timestamp is read as a timestamp. */
function comparable(side: Translated, other: Translated): string {
  if (side.type.kind === 'varchar' && other.type.kind === 'timestamp' && side.sql.startsWith("'")) return `CAST(${side.sql} AS TIMESTAMP_NS)`;
  return side.sql;
}

/** A binary operator: AND / OR, comparisons, `||` (strings or arrays), and arithmetic with Trino's result types. */
export function translateBinary(ctx: TranslationContext, expr: Extract<Expr, { kind: 'binary' }>, scope: Scope): Translated {
  const left = ctx.expr(expr.left, scope);
  const right = ctx.expr(expr.right, scope);
  switch (expr.op) {
    case 'and':
    case 'or':
      return { sql: `(${left.sql} ${expr.op.toUpperCase()} ${right.sql})`, type: T.boolean };
    case '=': case '<>': case '<': case '<=': case '>': case '>=':
      return { sql: `(${comparable(left, right)} ${expr.op} ${comparable(right, left)})`, type: T.boolean };
    case '||':
      // Trino: array || array, array || element and element || array
      if (left.type.kind === 'array' && right.type.kind !== 'array' && right.type.kind !== 'unknown') return { sql: `list_append(${left.sql}, ${right.sql})`, type: left.type };
      if (right.type.kind === 'array' && left.type.kind !== 'array' && left.type.kind !== 'unknown') return { sql: `list_prepend(${left.sql}, ${right.sql})`, type: right.type };
      if (left.type.kind === 'array' || right.type.kind === 'array') return { sql: `list_concat(${left.sql}, ${right.sql})`, type: left.type.kind === 'array' ? left.type : right.type };
      return { sql: `(${left.sql} || ${right.sql})`, type: left.type.kind === 'varbinary' && right.type.kind === 'varbinary' ? T.varbinary : T.varchar };
    case '/':
      if (isIntegral(left.type) && isIntegral(right.type)) {
        return { sql: `(${left.sql} // ${right.sql})`, type: numericResult(left.type, right.type) };
      }
      if (isInterval(left.type)) return { sql: `(${left.sql} / ${right.sql})`, type: left.type };
      return { sql: `(${left.sql} / ${right.sql})`, type: numericResult(left.type, right.type).kind === 'unknown' ? T.unknown : T.double };
    case '+': case '-': case '*': case '%': {
      let type = numericResult(left.type, right.type);
      if (left.type.kind === 'timestamp' || right.type.kind === 'timestamp') type = expr.op === '-' && left.type.kind === right.type.kind ? T.dayToSecond : T.timestamp;
      else if (left.type.kind === 'date' && isInterval(right.type)) type = T.date;
      else if (isInterval(left.type)) type = left.type;
      else if (isInterval(right.type)) type = right.type;
      // DuckDB widens DATE ± INTERVAL to TIMESTAMP; Trino keeps DATE
      if (type.kind === 'date') return { sql: `CAST((${left.sql} ${expr.op} ${right.sql}) AS DATE)`, type };
      return { sql: `(${left.sql} ${expr.op} ${right.sql})`, type };
    }
    default:
      throw positioned(expr.pos, `Operator ${expr.op} is not supported`);
  }
}
