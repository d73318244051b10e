import type { Expr } from '../ast';
import { positioned } from '../errors';
import { T, type StaticType } from '../static-type';
import type { TranslationContext } from './context';
import { raiseSql } from './sql-text';
import { bind } from './time-series';
import type { Translated } from './translated';
import { fromUtf8 } from './utf8-repair';
import { DIGEST_FORMS } from './binary-digests';

type Call = Extract<Expr, { kind: 'call' }>;
type Form = (tr: TranslationContext, call: Call, args: Translated[]) => Translated | undefined;

const isBinary = (t: StaticType): boolean => t.kind === 'varbinary';

function one(call: Call, args: Translated[], kind: 'varbinary' | 'varchar'): Translated {
  const arg = args[0];
  if (args.length !== 1 || (arg.type.kind !== kind && arg.type.kind !== 'unknown')) {
    throw positioned(call.pos, `Unexpected parameters (${args.map((a) => a.type.kind).join(', ')}) for function ${call.name}. Expected: ${call.name}(${kind})`);
  }
  return arg;
}

/** A hash of VARBINARY as VARBINARY (DuckDB answers the digest as hex text). */
const digest = (fn: string): Form => (_tr, call, args) => {
  if (!args[0] || (!isBinary(args[0].type) && fn !== 'sha1' && fn !== 'sha256')) return undefined;
  return { sql: `unhex(${fn}(${one(call, args, 'varbinary').sql}))`, type: T.varbinary };
};

/**
 * VARBINARY and the functions over it (Trino's binary functions): UTF-8, base64, hex and digests. VARBINARY values
 * live inside a query; a result column of that type is refused by the engine (the answer has no such ScalarType).
 * `md5`, `to_hex` and `length` of other types keep their other forms.
 */
export const BINARY_FORMS: Record<string, Form> = {
  ...DIGEST_FORMS,
  to_utf8: (_tr, call, args) => ({ sql: `encode(${one(call, args, 'varchar').sql})`, type: T.varbinary }),
  from_utf8: (tr, call, args) => {
    one(call, args.slice(0, 1), 'varbinary');
    return fromUtf8(tr, call, args);
  },
  to_base64: (_tr, call, args) => ({ sql: `to_base64(${one(call, args, 'varbinary').sql})`, type: T.varchar }),
  from_base64: (tr, call, args) => {
    const s = tr.freshName('s');
    return { sql: bind(one(call, args, 'varchar').sql, s, `CASE WHEN ${s} IS NOT NULL AND try(from_base64(${s})) IS NULL THEN ${raiseSql(`'Invalid base64 text: ' || ${s}`)} ELSE from_base64(${s}) END`), type: T.varbinary };
  },
  to_base64url: (_tr, call, args) => ({ sql: `replace(replace(to_base64(${one(call, args, 'varbinary').sql}), '+', '-'), '/', '_')`, type: T.varchar }),
  from_base64url: (tr, call, args) => {
    const s = tr.freshName('s');
    const standard = `replace(replace(${s}, '-', '+'), '_', '/')`;
    return { sql: bind(one(call, args, 'varchar').sql, s, `CASE WHEN ${s} IS NOT NULL AND try(from_base64(${standard})) IS NULL THEN ${raiseSql(`'Invalid base64 text: ' || ${s}`)} ELSE from_base64(${standard}) END`), type: T.varbinary };
  },
  to_hex: (_tr, call, args) => (args[0] && isBinary(args[0].type) ? { sql: `hex(${one(call, args, 'varbinary').sql})`, type: T.varchar } : undefined),
  from_hex: (tr, call, args) => {
    const s = tr.freshName('s');
    const sql = `CASE WHEN length(${s}) % 2 = 1 THEN ${raiseSql(`'invalid input length ' || length(${s})`)} `
      + `WHEN NOT regexp_full_match(${s}, '[0-9a-fA-F]*') THEN ${raiseSql(`'invalid hex character: ' || regexp_extract(${s}, '[^0-9a-fA-F]')`)} ELSE unhex(${s}) END`;
    return { sql: bind(one(call, args, 'varchar').sql, s, sql), type: T.varbinary };
  },
  md5: digest('md5'),
  sha1: digest('sha1'),
  sha256: digest('sha256'),
  length: (_tr, _call, args) => (args.length === 1 && isBinary(args[0].type) ? { sql: `octet_length(${args[0].sql})`, type: T.bigint } : undefined),
};
