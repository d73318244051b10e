import type { Expr } from '../ast';
import { positioned } from '../errors';
import { T, isIntegral, isInterval, numericResult } from '../static-type';
import type { TranslationContext } from './context';
import type { Scope } from './scope';
import { bind } from './time-series';
import type { Translated } from './translated';

/** `time > '2020-01-01 00:00:00'`: a string literal compared with a timestamp is read as a timestamp. */
function comparable(side: Translated, other: Translated): string {
  if (side.type.kind === 'varchar' && other.type.kind === 'timestamp' && side.sql.startsWith("'")) return `CAST(${side.sql} AS TIMESTAMP_NS)`;
  return side.sql;
}

/**
 * timestamp ± interval (and interval + timestamp) to the nanosecond: DuckDB adds an INTERVAL, which counts
 * microseconds, to a TIMESTAMP, so the shift is made on the timestamp cut to the microsecond and the nanoseconds
 * below it are added back.
 */
function shifted(ctx: TranslationContext, op: string, left: Translated, right: Translated): Pick<Translated, 'sql' | 'microseconds'> | undefined {
  const [ts, iv] = left.type.kind === 'timestamp' && isInterval(right.type) ? [left, right]
    : op === '+' && right.type.kind === 'timestamp' && isInterval(left.type) ? [right, left] : [undefined, undefined];
  if (!ts || !iv) return undefined;
  if (iv.nanos) return { sql: `make_timestamp_ns(epoch_ns(${ts.sql}) ${op} ${iv.nanos})` };
  // nothing below the microsecond to keep (the query's now, ago(), bin()): DuckDB's shift, which the planner folds cheaply
  if (ts.microseconds) return { sql: `(CAST(${ts.sql} AS TIMESTAMP) ${op} ${iv.sql})`, microseconds: true };
  const shift = (t: string): string => `make_timestamp_ns(epoch_ns(CAST(${t} AS TIMESTAMP) ${op} ${iv.sql}) + (epoch_ns(${t}) - epoch_ns(CAST(${t} AS TIMESTAMP))))`;
  // a column or a constant is written out (DuckDB folds a constant, so a filter on it still prunes); a longer expression is bound once
  if (ts.sql.length <= 160) return { sql: shift(ts.sql) };
  const t = ctx.freshName('t');
  return { sql: bind(ts.sql, t, shift(t)) };
}

/**
 * The exact nanoseconds of a day-to-second result: timestamp − timestamp (DuckDB's INTERVAL would cut them to the
 * microsecond), and the sum or difference of two such intervals.
 */
function exactNanos(op: string, left: Translated, right: Translated): string | undefined {
  if (op === '-' && left.type.kind === 'timestamp' && right.type.kind === 'timestamp') return `(epoch_ns(${left.sql}) - epoch_ns(${right.sql}))`;
  if ((op === '+' || op === '-') && left.nanos && right.nanos) return `(${left.nanos} ${op} ${right.nanos})`;
  return undefined;
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
      // two exact differences of timestamps compare to the nanosecond
      if (left.nanos && right.nanos) return { sql: `(${left.nanos} ${expr.op} ${right.nanos})`, type: T.boolean };
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
      const exact = type.kind === 'timestamp' ? shifted(ctx, expr.op, left, right) : undefined;
      if (exact) return { ...exact, type };
      return { sql: `(${left.sql} ${expr.op} ${right.sql})`, type, nanos: exactNanos(expr.op, left, right) };
    }
    default:
      throw positioned(expr.pos, `Operator ${expr.op} is not supported`);
  }
}
