import type { Expr } from '../ast';
import { positioned } from '../errors';
import { T } from '../static-type';
import type { TranslationContext } from './context';
import { raise, raiseSql } from './sql-text';
import { ARRAY_SUBSET_FORMS } from './array-subsets';
import { BINARY_FORMS } from './binary-functions';
import { NUMBER_TEXT_FORMS } from './number-text';
import { bind } from './time-series';
import type { Translated } from './translated';

type Call = Extract<Expr, { kind: 'call' }>;
type Form = (tr: TranslationContext, call: Call, args: Translated[]) => Translated | undefined;

const arity = (call: Call, args: Translated[], counts: number[], signature: string): void => {
  if (!counts.includes(args.length)) throw positioned(call.pos, `${call.name} takes ${signature}`);
};

/**
 * Trino functions (or Trino forms of them) with no DuckDB function of the same arguments. A form answering
 * undefined leaves the call to the one-to-one mappings.
 */
export const SCALAR_FORMS: Record<string, Form> = {
  ...NUMBER_TEXT_FORMS,
  ...BINARY_FORMS,
  ...ARRAY_SUBSET_FORMS,
  replace: (_tr, _call, args) => (args.length === 2 ? { sql: `replace(${args[0].sql}, ${args[1].sql}, '')`, type: T.varchar } : undefined),
  reverse: (_tr, _call, args) => (args[0]?.type.kind === 'array' ? { sql: `list_reverse(${args[0].sql})`, type: args[0].type } : undefined),
  array_join: (tr, _call, args) => {
    if (args.length !== 3) return undefined;
    const e = tr.freshName('e');
    return { sql: `array_to_string(list_transform(${args[0].sql}, lambda ${e}: coalesce(CAST(${e} AS VARCHAR), ${args[2].sql})), ${args[1].sql})`, type: T.varchar };
  },
  split: (tr, _call, args) => {
    if (args.length !== 3) return undefined;
    // the last entry keeps the rest of the string, delimiters included
    const parts = tr.freshName('parts');
    const sql = bind(`string_split(${args[0].sql}, ${args[1].sql})`, parts,
      `CASE WHEN ${args[2].sql} <= 0 THEN ${raise('Limit must be positive')} WHEN len(${parts}) <= ${args[2].sql} THEN ${parts} `
      + `ELSE list_append(list_slice(${parts}, 1, ${args[2].sql} - 1), array_to_string(list_slice(${parts}, ${args[2].sql}, len(${parts})), ${args[1].sql})) END`);
    return { sql, type: { kind: 'array', element: T.varchar } };
  },
  strpos: (tr, _call, args) => {
    if (args.length !== 3) return undefined;
    // the position of the n-th occurrence: the length of what precedes it, plus one
    const parts = tr.freshName('parts');
    const sql = bind(`string_split(${args[0].sql}, ${args[1].sql})`, parts,
      `CASE WHEN ${args[2].sql} <= 0 THEN ${raise("'instance' must be a positive number.")} WHEN len(${parts}) - 1 < ${args[2].sql} THEN 0 `
      + `ELSE length(array_to_string(list_slice(${parts}, 1, ${args[2].sql}), ${args[1].sql})) + 1 END`);
    return { sql: `CAST(${sql} AS BIGINT)`, type: T.bigint };
  },
  random: (_tr, _call, args) => (args.length === 1 ? { sql: `CAST(floor(random() * ${args[0].sql}) AS BIGINT)`, type: args[0].type.kind === 'integer' ? T.integer : T.bigint } : undefined),
  array_distinct: (tr, call, args) => {
    arity(call, args, [1], '(array)');
    return { sql: distinct(tr, args[0].sql), type: args[0].type };
  },
  array_union: (tr, call, args) => {
    arity(call, args, [2], '(array, array)');
    return { sql: distinct(tr, `list_concat(${args[0].sql}, ${args[1].sql})`), type: args[0].type };
  },
  array_except: (tr, call, args) => {
    arity(call, args, [2], '(array, array)');
    const e = tr.freshName('e');
    return { sql: distinct(tr, `list_filter(${args[0].sql}, lambda ${e}: NOT list_contains(${args[1].sql}, ${e}))`), type: args[0].type };
  },
  array_remove: (tr, call, args) => {
    arity(call, args, [2], '(array, element)');
    const e = tr.freshName('e');
    return { sql: `list_filter(${args[0].sql}, lambda ${e}: ${e} IS DISTINCT FROM ${args[1].sql})`, type: args[0].type };
  },
  repeat: (tr, call, args) => {
    arity(call, args, [2], '(element, count)');
    const i = tr.freshName('i');
    const sql = `CASE WHEN ${args[1].sql} < 0 THEN ${raise('count argument of repeat function must be greater than or equal to 0')} `
      + `WHEN ${args[1].sql} > 10000 THEN ${raise('count argument of repeat function must be less than or equal to 10000')} `
      + `ELSE list_transform(range(${args[1].sql}), lambda ${i}: ${args[0].sql}) END`;
    return { sql, type: { kind: 'array', element: args[0].type } };
  },
  array_position: (_tr, call, args) => {
    arity(call, args, [2], '(array, element)');
    // 0 when the element is not there (DuckDB answers NULL)
    return { sql: `CASE WHEN ${args[0].sql} IS NULL THEN NULL ELSE CAST(coalesce(list_position(${args[0].sql}, ${args[1].sql}), 0) AS BIGINT) END`, type: T.bigint };
  },
  regexp_split: (_tr, call, args) => {
    arity(call, args, [2], '(string, pattern)');
    return { sql: `string_split_regex(${args[0].sql}, ${args[1].sql})`, type: { kind: 'array', element: T.varchar } };
  },
  bitwise_and: (_tr, call, args) => bitwise(call, args, '&'),
  bitwise_or: (_tr, call, args) => bitwise(call, args, '|'),
  bitwise_xor: (_tr, call, args) => {
    arity(call, args, [2], '(bigint, bigint)');
    return { sql: `xor(CAST(${args[0].sql} AS BIGINT), CAST(${args[1].sql} AS BIGINT))`, type: T.bigint };
  },
  bitwise_not: (_tr, call, args) => {
    arity(call, args, [1], '(bigint)');
    return { sql: `(~CAST(${args[0].sql} AS BIGINT))`, type: T.bigint };
  },
  bit_count: (_tr, call, args) => {
    arity(call, args, [2], '(bigint, bits)');
    const [x, bits] = [`CAST(${args[0].sql} AS BIGINT)`, args[1].sql];
    const sql = `CASE WHEN ${bits} < 2 OR ${bits} > 64 THEN ${raiseSql(`'Bits specified in bit_count must be between 2 and 64, got ' || ${bits}`)} `
      + `WHEN ${bits} = 64 THEN bit_count(${x}) `
      + `WHEN ${x} < -(CAST(1 AS BIGINT) << (${bits} - 1)) OR ${x} >= (CAST(1 AS BIGINT) << (${bits} - 1)) THEN ${raise('Number must be representable with the bits specified')} `
      + `ELSE bit_count(${x} & ((CAST(1 AS BIGINT) << ${bits}) - 1)) END`;
    return { sql: `CAST(${sql} AS BIGINT)`, type: T.bigint };
  },
  try: (_tr, call, args) => {
    arity(call, args, [1], '(expression)');
    return { sql: `try(${args[0].sql})`, type: args[0].type };
  },
  zip: (tr, call, args) => {
    if (args.length < 2 || args.length > 5) throw positioned(call.pos, 'zip takes 2 to 5 arrays');
    // one row per position up to the longest array, NULL where an array has ended
    const [names, i] = [args.map(() => tr.freshName('z')), tr.freshName('i')];
    const fields = args.map((a, k) => ({ name: `field${k}`, type: a.type.kind === 'array' ? a.type.element : T.unknown }));
    let sql = `CASE WHEN ${names.map((n) => `${n} IS NULL`).join(' OR ')} THEN NULL ELSE list_transform(range(1, greatest(${names.map((n) => `len(${n})`).join(', ')}) + 1), `
      + `lambda ${i}: struct_pack(${names.map((n, k) => `"field${k}" := ${n}[${i}]`).join(', ')})) END`;
    for (let k = args.length - 1; k >= 0; k--) sql = bind(args[k].sql, names[k], sql);
    return { sql, type: { kind: 'array', element: { kind: 'row', fields } } };
  },
  shuffle: (tr, call, args) => {
    arity(call, args, [1], '(array)');
    const [l, x, p, e] = ['l', 'x', 'p', 'e'].map((n) => tr.freshName(n));
    const order = `list_sort(list_transform(${l}, lambda ${x}, ${p}: struct_pack("r" := random(), "p" := ${p})))`;
    return { sql: bind(args[0].sql, l, `list_transform(${order}, lambda ${e}: ${l}[${e}."p"])`), type: args[0].type };
  },
  timezone_hour: (_tr, call, args) => utcOffset(call, args),
  timezone_minute: (_tr, call, args) => utcOffset(call, args),
};

/** The distinct elements of a list in the order they first appear, one NULL kept (Trino's array_distinct). */
function distinct(tr: TranslationContext, listSql: string): string {
  const [l, x, i] = ['l', 'x', 'i'].map((n) => tr.freshName(n));
  return bind(listSql, l, `list_filter(${l}, lambda ${x}, ${i}: list_position(${l}, ${x}) = ${i})`);
}

function bitwise(call: Call, args: Translated[], op: string): Translated {
  arity(call, args, [2], '(bigint, bigint)');
  return { sql: `(CAST(${args[0].sql} AS BIGINT) ${op} CAST(${args[1].sql} AS BIGINT))`, type: T.bigint };
}

/** Every timestamp of the service is in UTC: its zone offset is 0 hours, 0 minutes. */
function utcOffset(call: Call, args: Translated[]): Translated {
  arity(call, args, [1], '(timestamp)');
  return { sql: `CASE WHEN ${args[0].sql} IS NULL THEN NULL ELSE CAST(0 AS BIGINT) END`, type: T.bigint };
}

