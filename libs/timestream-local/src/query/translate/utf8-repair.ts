import type { Expr } from '../ast';
import { positioned } from '../errors';
import { T } from '../static-type';
import type { TranslationContext } from './context';
import { raise } from './sql-text';
import { bind } from './time-series';
import type { Translated } from './translated';

type Call = Extract<Expr, { kind: 'call' }>;

/** A continuation byte, as two hex digits. */
const C = '[89AB][0-9A-F]';
/** The well-formed UTF-8 sequences (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF), in hex. */
const VALID = [
  '[0-7][0-9A-F]',
  `(?:C[2-9A-F]|D[0-9A-F])${C}`,
  `E0[AB][0-9A-F]${C}`, `(?:E[1-9A-C]|E[EF])${C}${C}`, `ED[89][0-9A-F]${C}`,
  `F0[9AB][0-9A-F]${C}${C}`, `F[1-3]${C}${C}${C}`, `F48[0-9A-F]${C}${C}`,
].join('|');
/**
 * What Trino (airlift's SliceUtf8.tryGetCodePointAt) takes as one invalid sequence, once no valid one starts there:
 * a lead byte with all its continuation bytes (an overlong form, a surrogate, above U+10FFFF, 5 and 6 byte forms),
 * a lead byte with the continuation bytes it has before a byte that is not one, or any other single byte.
 */
const INVALID = [
  `C[01]${C}`, `E[0-9A-F]${C}${C}`, `F[0-7]${C}${C}${C}`, `F[89AB]${C}${C}${C}${C}`, `F[CD]${C}${C}${C}${C}${C}`,
  `E[0-9A-F](?:${C})?`, `F[0-7](?:${C}){0,2}`, `F[89AB](?:${C}){0,3}`, `F[CD](?:${C}){0,4}`, '[0-9A-F]{2}',
].join('|');

/**
 * The bytes as text, each invalid sequence replaced by `replacement` (SQL text; '' drops it), as Trino's from_utf8:
 * the bytes' hex cut into sequences, the first alternative that fits at each place winning (RE2 is leftmost-first).
 */
function repaired(tr: TranslationContext, bytes: string, replacement: string): string {
  const [b, s] = [tr.freshName('b'), tr.freshName('s')];
  const pieces = `regexp_extract_all(hex(${b}), '${VALID}|${INVALID}')`;
  const text = `array_to_string(list_transform(${pieces}, lambda ${s}: CASE WHEN regexp_full_match(${s}, '${VALID}') THEN decode(unhex(${s})) ELSE ${replacement} END), '')`;
  // valid bytes (the common case) are decoded directly
  return bind(bytes, b, `CASE WHEN ${b} IS NULL THEN NULL WHEN try(decode(${b})) IS NOT NULL THEN decode(${b}) ELSE ${text} END`);
}

/** The replacement of from_utf8(x, replace), checked once a row as Trino checks it: a string of at most one character, or a code point. */
function replacementOf(call: Call, arg: Translated, r: string): string {
  if (arg.type.kind === 'varchar' || arg.type.kind === 'unknown') {
    return `CASE WHEN length(${r}) > 1 THEN ${raise('Replacement character string must empty or a single character')} ELSE ${r} END`;
  }
  if (arg.type.kind === 'bigint' || arg.type.kind === 'integer') {
    return `CASE WHEN ${r} < 0 OR ${r} > 1114111 OR ${r} BETWEEN 55296 AND 57343 THEN ${raise('Invalid replacement character')} ELSE chr(CAST(${r} AS INTEGER)) END`;
  }
  throw positioned(call.pos, `Unexpected parameters (varbinary, ${arg.type.kind}) for function from_utf8. Expected: from_utf8(varbinary), from_utf8(varbinary, varchar), from_utf8(varbinary, bigint)`);
}

/** from_utf8(x[, replace]): invalid UTF-8 sequences become U+FFFD, or `replace` ('' drops them; NULL answers NULL). */
export function fromUtf8(tr: TranslationContext, call: Call, args: Translated[]): Translated {
  if (args.length === 0 || args.length > 2) throw positioned(call.pos, 'from_utf8 takes (varbinary[, replace])');
  if (args.length === 1) return { sql: repaired(tr, args[0].sql, `'\uFFFD'`), type: T.varchar };
  const [r, c] = [tr.freshName('r'), tr.freshName('c')];
  const sql = bind(args[1].sql, r, bind(replacementOf(call, args[1], r), c, `CASE WHEN ${c} IS NULL THEN NULL ELSE ${repaired(tr, args[0].sql, c)} END`));
  return { sql, type: T.varchar };
}
