import type { Expr } from '../ast';
import { positioned } from '../errors';
import { T, type StaticType } from '../static-type';
import type { TranslationContext } from './context';
import { raise, raiseSql } from './sql-text';
import { bind } from './time-series';
import type { Translated } from './translated';

type Call = Extract<Expr, { kind: 'call' }>;
type Form = (tr: TranslationContext, call: Call, args: Translated[]) => Translated;

const DIGITS = "'0123456789abcdefghijklmnopqrstuvwxyz'";
const NUMERIC = new Set<StaticType['kind']>(['integer', 'bigint', 'double', 'unknown']);
const TEXT = new Set<StaticType['kind']>(['varchar', 'unknown']);

/** Trino's check of a call's argument types, in its words. */
function signature(call: Call, args: Translated[], expected: Array<Set<StaticType['kind']>>, text: string): void {
  if (args.length !== expected.length || args.some((a, i) => !expected[i].has(a.type.kind))) {
    throw positioned(call.pos, `Unexpected parameters (${args.map((a) => a.type.kind).join(', ')}) for function ${call.name}. Expected: ${call.name}(${text})`);
  }
}

const radixCheck = (radix: string, then: string): string =>
  `CASE WHEN ${radix} < 2 OR ${radix} > 36 THEN ${raise('Radix must be between 2 and 36')} ELSE ${then} END`;

/**
 * Numbers as text, as Trino (Java) writes and reads them: `from_base`, `to_base` (radix 2 to 36, lower-case digits,
 * a leading `-`) and `human_readable_seconds`.
 */
export const NUMBER_TEXT_FORMS: Record<string, Form> = {
  from_base: (tr, call, args) => {
    signature(call, args, [TEXT, NUMERIC], 'varchar(x), bigint');
    const [s, r, body, digits, d, a, n] = ['s', 'r', 'body', 'digits', 'd', 'a', 'n'].map((n) => tr.freshName(n));
    const invalid = raiseSql(`'Not a valid base-' || ${r} || ' number: ' || ${s}`);
    // Long.parseLong: an optional sign, then at least one digit of the radix; out of the BIGINT range is invalid too.
    // The value is summed in HUGEINT after a length check ((significant digits - 1) * log2(radix) < 64) keeps it in range.
    const value = `list_reduce(list_prepend(CAST(0 AS HUGEINT), list_transform(${digits}, lambda ${d}: CAST(${d} AS HUGEINT))), lambda ${a}, ${d}: ${a} * ${r} + ${d})`;
    const signed = `(CASE WHEN starts_with(${s}, '-') THEN -1 ELSE 1 END) * ${value}`;
    const inRange = bind(signed, n, `CASE WHEN ${n} BETWEEN -9223372036854775808 AND 9223372036854775807 THEN CAST(${n} AS BIGINT) ELSE ${invalid} END`);
    const wellFormed = `length(${body}) > 0 AND list_bool_and(list_transform(${digits}, lambda ${d}: ${d} >= 0 AND ${d} < ${r})) `
      + `AND (length(ltrim(${body}, '0')) - 1) * log2(${r}) < 64`;
    const parsed = bind(`CASE WHEN starts_with(${s}, '-') OR starts_with(${s}, '+') THEN ${s}[2:] ELSE ${s} END`, body,
      bind(`list_transform(string_split(lower(${body}), ''), lambda ${d}: strpos(${DIGITS}, ${d}) - 1)`, digits,
        `CASE WHEN ${wellFormed} THEN ${inRange} ELSE ${invalid} END`));
    return { sql: bind(args[0].sql, s, bind(`CAST(${args[1].sql} AS BIGINT)`, r, radixCheck(r, parsed))), type: T.bigint };
  },
  to_base: (tr, call, args) => {
    signature(call, args, [NUMERIC, NUMERIC], 'bigint, bigint');
    const [x, r] = [tr.freshName('x'), tr.freshName('r')];
    // |x| = r * |x / r| + |x % r| (truncating division), so the lowest BIGINT needs no absolute value of its own
    const [q, m] = [`abs(${x} // ${r})`, `abs(${x} % ${r})`];
    const digits = `lower(CASE WHEN ${q} = 0 THEN '' ELSE to_base(${q}, CAST(${r} AS INTEGER)) END || to_base(${m}, CAST(${r} AS INTEGER)))`;
    const text = `CASE WHEN ${x} < 0 THEN '-' ELSE '' END || ${digits}`;
    return { sql: bind(`CAST(${args[0].sql} AS BIGINT)`, x, bind(`CAST(${args[1].sql} AS BIGINT)`, r, radixCheck(r, text))), type: T.varchar };
  },
  human_readable_seconds: (tr, call, args) => {
    signature(call, args, [NUMERIC], 'double');
    const [x, s, p] = [tr.freshName('x'), tr.freshName('s'), tr.freshName('p')];
    const units: Array<[string, string]> = [
      [`${s} // 604800`, 'week'], [`${s} % 604800 // 86400`, 'day'], [`${s} % 86400 // 3600`, 'hour'], [`${s} % 3600 // 60`, 'minute'], [`${s} % 60`, 'second'],
    ];
    const parts = `[${units.map(([v, u]) => `struct_pack(v := ${v}, u := '${u}')`).join(', ')}]`;
    const text = `array_to_string(list_transform(list_filter(${parts}, lambda ${p}: ${p}.v > 0), lambda ${p}: ${p}.v || ' ' || ${p}.u || CASE WHEN ${p}.v = 1 THEN '' ELSE 's' END), ', ')`;
    // Math.round(Math.abs(x)): half up, saturating at the largest BIGINT
    const seconds = `CASE WHEN abs(${x}) >= 9.223372036854775807E18 THEN CAST(9223372036854775807 AS BIGINT) ELSE CAST(floor(abs(${x}) + 0.5) AS BIGINT) END`;
    const sql = bind(`CAST(${args[0].sql} AS DOUBLE)`, x,
      `CASE WHEN ${x} IS NULL THEN NULL WHEN isnan(${x}) OR isinf(${x}) THEN ${raiseSql(`'Invalid argument found: ' || CASE WHEN isnan(${x}) THEN 'NaN' WHEN ${x} > 0 THEN 'Infinity' ELSE '-Infinity' END`)} `
      + `ELSE ${bind(seconds, s, `coalesce(nullif(${text}, ''), '0 seconds')`)} END`);
    return { sql, type: T.varchar };
  },
};
