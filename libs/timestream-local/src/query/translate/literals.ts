import type { Expr } from '../ast';
import { T } from '../static-type';
import { durationMicros, intervalLiteral, microsInterval, quoteString } from './sql-text';
import type { Translated } from './translated';

/** The literal kinds of expression. */
export type Literal = Extract<Expr, { kind: 'number' | 'string' | 'boolean' | 'null' | 'typedLiteral' | 'interval' | 'duration' }>;

/** A literal as DuckDB SQL: integers that fit 32 bits are INTEGER, larger ones BIGINT, decimals DOUBLE. */
export function translateLiteral(expr: Literal): Translated {
  switch (expr.kind) {
    case 'number':
      if (expr.isInteger) {
        const n = BigInt(expr.text);
        const fits = n >= -2147483648n && n <= 2147483647n;
        return { sql: fits ? expr.text : `CAST(${expr.text} AS BIGINT)`, type: fits ? T.integer : T.bigint };
      }
      return { sql: `CAST(${expr.text} AS DOUBLE)`, type: T.double };
    case 'string':
      return { sql: quoteString(expr.value), type: T.varchar };
    case 'boolean':
      return { sql: expr.value ? 'true' : 'false', type: T.boolean };
    case 'null':
      return { sql: 'NULL', type: T.unknown };
    case 'typedLiteral': {
      const duck = expr.type === 'timestamp' ? 'TIMESTAMP_NS' : expr.type.toUpperCase();
      return { sql: `CAST(${quoteString(expr.value)} AS ${duck})`, type: T[expr.type] };
    }
    case 'interval': {
      const { sql, yearToMonth } = intervalLiteral(expr.value, expr.sign, expr.unit, expr.toUnit, expr.pos);
      return { sql, type: yearToMonth ? T.yearToMonth : T.dayToSecond };
    }
    case 'duration':
      return { sql: microsInterval(durationMicros(expr.amount, expr.unit, expr.pos)), type: T.dayToSecond };
  }
}
