import type { Expr } from '../ast';
import { positioned } from '../errors';
import type { StaticType } from '../static-type';
import type { TranslationContext } from './context';
import { raise, raiseSql } from './sql-text';
import { bind } from './time-series';
import type { Translated } from './translated';

type Call = Extract<Expr, { kind: 'call' }>;

/** Trino's bounds: at most 5 elements a combination, at most 100,000 elements in all the combinations. */
const MAX_COMBINATION_LENGTH = 5;
const MAX_RESULT_ELEMENTS = 100_000;

const arrayOfArrays = (call: Call, args: Translated[], signature: string): StaticType => {
  if (args.length !== 2) throw positioned(call.pos, `${call.name} takes ${signature}`);
  const type = args[0].type;
  if (type.kind !== 'array' && type.kind !== 'unknown') throw positioned(call.pos, `${call.name} takes ${signature}: its first argument is not an array`);
  return { kind: 'array', element: type.kind === 'array' ? type : { kind: 'array', element: type } };
};

/**
 * The k-element subsets of a list in Trino's order (colexicographic: by the last index, then the one before, ...),
 * each keeping the elements' order: one nested list_transform per element, the outermost the last index.
 */
function subsets(tr: TranslationContext, list: string, k: number): string {
  const idx = Array.from({ length: k }, () => tr.freshName('j'));
  let body = `[${idx.map((j) => `${list}[${j}]`).join(', ')}]`;
  for (let m = 0; m < k; m++) {
    const range = m === 0 ? `range(1, ${idx[1] ?? `len(${list}) + 1`})` : `range(${m + 1}, ${idx[m + 1] ?? `len(${list}) + 1`})`;
    body = m === 0 ? `list_transform(${range}, lambda ${idx[0]}: ${body})` : `flatten(list_transform(${range}, lambda ${idx[m]}: ${body}))`;
  }
  return body;
}

/** C(n, k) as a double, for k of 0 to 5. */
const choose = (n: string, k: number): string => {
  let sql = '1.0';
  for (let i = 0; i < k; i++) sql += ` * (${n} - ${i}) / ${i + 1}`;
  return sql;
};

export const ARRAY_SUBSET_FORMS: Record<string, (tr: TranslationContext, call: Call, args: Translated[]) => Translated> = {
  /** combinations(array(T), n): the n-element subsets (Trino's ArrayCombinationsFunction) */
  combinations: (tr, call, args) => {
    const type = arrayOfArrays(call, args, '(array, integer)');
    const [l, n] = [tr.freshName('l'), tr.freshName('n')];
    const len = `len(${l})`;
    const cases = Array.from({ length: MAX_COMBINATION_LENGTH }, (_, i) => `WHEN ${n} = ${i + 1} THEN ${subsets(tr, l, i + 1)}`).join(' ');
    const limits = Array.from({ length: MAX_COMBINATION_LENGTH }, (_, i) => `(${n} = ${i + 1} AND ${choose(len, i + 1)} * ${i + 1} > ${MAX_RESULT_ELEMENTS})`).join(' OR ');
    const body = `CASE WHEN ${l} IS NULL OR ${n} IS NULL THEN NULL `
      + `WHEN ${n} < 0 THEN ${raiseSql(`'combination size must not be negative: ' || ${n}`)} `
      + `WHEN ${n} > ${MAX_COMBINATION_LENGTH} THEN ${raiseSql(`'combination size must not exceed ${MAX_COMBINATION_LENGTH}: ' || ${n}`)} `
      + `WHEN ${n} > ${len} THEN list_slice([list_slice(${l}, 1, 0)], 1, 0) `
      + `WHEN ${limits} THEN ${raise('combinations exceed max size')} `
      + `WHEN ${n} = 0 THEN [list_slice(${l}, 1, 0)] ${cases} END`;
    return { sql: bind(args[0].sql, l, bind(`CAST(${args[1].sql} AS BIGINT)`, n, body)), type };
  },
  /** ngrams(array(T), n): the runs of n adjacent elements, the whole array when it is shorter (Trino's ArrayNgramsFunction) */
  ngrams: (tr, call, args) => {
    const type = arrayOfArrays(call, args, '(array, integer)');
    const [l, n, i] = [tr.freshName('l'), tr.freshName('n'), tr.freshName('i')];
    const per = `least(len(${l}), ${n})`;
    const body = `CASE WHEN ${l} IS NULL OR ${n} IS NULL THEN NULL WHEN ${n} <= 0 THEN ${raise('N must be positive')} `
      + `ELSE list_transform(range(1, len(${l}) - ${per} + 2), lambda ${i}: list_slice(${l}, ${i}, ${i} + ${per} - 1)) END`;
    return { sql: bind(args[0].sql, l, bind(`CAST(${args[1].sql} AS BIGINT)`, n, body)), type };
  },
};
