import type { Expr } from '../ast';
import { positioned } from '../errors';
import type { TranslationContext } from './context';
import type { Scope } from './scope';
import { quoteIdent } from './sql-text';
import type { Translated } from './translated';
import { castType } from './types';

/** CAST / TRY_CAST. ROW to ROW casts go by position, renaming the fields. */
export function translateCast(ctx: TranslationContext, expr: Extract<Expr, { kind: 'cast' }>, scope: Scope): Translated {
  const target = castType(expr.type);
  const value = ctx.expr(expr.expr, scope);
  const cast = expr.safe ? 'TRY_CAST' : 'CAST';
  if (target.type.kind === 'row' && value.type.kind === 'row') {
    const fields = target.type.fields;
    if (fields.length !== value.type.fields.length) throw positioned(expr.pos, `Cannot cast ${value.type.fields.length}-field row to ${fields.length}-field row`);
    const source = value.type.fields;
    const packed = fields.map((f, i) => `${quoteIdent(f.name)} := ${cast}((${value.sql}).${quoteIdent(source[i].name)} AS ${castType(expr.type.args[i]).duck})`);
    return { sql: `struct_pack(${packed.join(', ')})`, type: target.type };
  }
  let sql = value.sql;
  // VARBINARY and VARCHAR convert through UTF-8, as in Trino (DuckDB's casts read and write `\x..` escapes instead)
  if (target.type.kind === 'varbinary' && value.type.kind === 'varchar') return { sql: `encode(${sql})`, type: target.type };
  if (target.type.kind === 'varchar' && value.type.kind === 'varbinary') return { sql: `${cast === 'CAST' ? '' : 'try'}(decode(${sql}))`, type: target.type };
  // Trino renders DOUBLE to VARCHAR in scientific notation only for huge values; DuckDB's text is close enough.
  if (target.duck === 'TIMESTAMP_NS' && value.type.kind === 'varchar') sql = `CAST(${sql} AS TIMESTAMP)`;
  // a timestamp as text has its nine fraction digits, as the service renders it
  if (target.type.kind === 'varchar' && value.type.kind === 'timestamp') {
    return { sql: `${cast === 'CAST' ? '' : 'TRY'}(strftime(CAST(${sql} AS TIMESTAMP_NS), '%Y-%m-%d %H:%M:%S.%n'))`, type: target.type };
  }
  return { sql: `${cast}(${sql} AS ${target.duck})`, type: target.type };
}
