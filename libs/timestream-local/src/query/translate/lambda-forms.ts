import { capturingGroups } from '../../duckdb-functions/capturing-groups';
import { engineFunctionName } from '../../duckdb-functions/names';
import type { Expr } from '../ast';
import { positioned } from '../errors';
import { T, type StaticType } from '../static-type';
import type { TranslationContext } from './context';
import type { Scope } from './scope';
import { quoteIdent, raise } from './sql-text';
import { bind } from './time-series';
import type { Translated } from './translated';

type Call = Extract<Expr, { kind: 'call' }>;
type Lambda = Extract<Expr, { kind: 'lambda' }>;
type LambdaForm = (tr: TranslationContext, call: Call, scope: Scope) => Translated;

/** Functions that take a lambda beside the ones every array function shares (filter, transform, reduce, *_match). */
export const LAMBDA_FORMS: Record<string, LambdaForm> = {
  zip_with: zipWith,
  array_sort: arraySortWithComparator,
  reduce_agg: reduceAgg,
  regexp_replace: regexpReplaceWithFunction,
};

const elementOf = (t: StaticType): StaticType => (t.kind === 'array' ? t.element : T.unknown);

/** The lambda at argument `index`, with `types.length` parameters, translated with those parameter types. */
function lambdaAt(tr: TranslationContext, call: Call, index: number, types: StaticType[], scope: Scope): { lambda: Lambda; body: Translated } {
  const expr = call.args[index];
  if (expr?.kind !== 'lambda') throw positioned(expr?.pos ?? call.pos, `Function ${call.name} expects a lambda expression as argument ${index + 1}`);
  if (expr.params.length !== types.length) throw positioned(expr.pos, `Lambda for ${call.name} takes ${types.length} parameter(s)`);
  const inner: Scope = { relations: [], parent: scope, lambdaParams: new Map(expr.params.map((p, i) => [p, types[i]])) };
  return { lambda: expr, body: tr.expr(expr.body, inner) };
}

/** The body of `lambda` with its parameters bound to the SQL values given (nested one-element list_transforms). */
function applied(lambda: Lambda, body: Translated, values: string[]): string {
  return lambda.params.reduceRight((inner, param, i) => bind(values[i], quoteIdent(param), inner), body.sql);
}

/** The non-lambda argument at `index`. */
function valueAt(tr: TranslationContext, call: Call, index: number, scope: Scope): Translated {
  const expr = call.args[index];
  if (!expr) throw positioned(call.pos, `Function ${call.name} needs ${index + 1} arguments`);
  if (expr.kind === 'lambda') throw positioned(expr.pos, `Function ${call.name} does not accept a lambda expression as argument ${index + 1}`);
  return tr.expr(expr, scope);
}

/** `zip_with(a, b, (x, y) -> f)`: f of the elements at each position, the shorter array padded with NULLs. */
function zipWith(tr: TranslationContext, call: Call, scope: Scope): Translated {
  if (call.args.length !== 3) throw positioned(call.pos, 'zip_with takes (array, array, function)');
  const [a, b] = [valueAt(tr, call, 0, scope), valueAt(tr, call, 1, scope)];
  const { lambda, body } = lambdaAt(tr, call, 2, [elementOf(a.type), elementOf(b.type)], scope);
  const [la, lb, i] = ['a', 'b', 'i'].map((n) => tr.freshName(n));
  const each = `list_transform(range(1, greatest(len(${la}), len(${lb})) + 1), lambda ${i}: ${applied(lambda, body, [`${la}[${i}]`, `${lb}[${i}]`])})`;
  const sql = bind(a.sql, la, bind(b.sql, lb, `CASE WHEN ${la} IS NULL OR ${lb} IS NULL THEN NULL ELSE ${each} END`));
  return { sql, type: { kind: 'array', element: body.type } };
}

/**
 * `array_sort(a, (x, y) -> c)`: an insertion sort by the comparator (negative: x first), stable, folded with
 * list_reduce: each element goes before the first sorted one it compares below. A comparator answering NULL is refused.
 */
function arraySortWithComparator(tr: TranslationContext, call: Call, scope: Scope): Translated {
  if (call.args.length !== 2) throw positioned(call.pos, 'array_sort takes (array[, function])');
  const array = valueAt(tr, call, 0, scope);
  const element = elementOf(array.type);
  const { lambda, body } = lambdaAt(tr, call, 1, [element, element], scope);
  const [l, st, e, y, c, at, x] = ['l', 'st', 'e', 'y', 'c', 'at', 'x'].map((n) => tr.freshName(n));
  const before = bind(applied(lambda, body, [`${e}."x"`, y]), c,
    `CASE WHEN ${c} IS NULL THEN ${raise('Lambda comparator must return either -1, 0, or 1')} ELSE ${c} < 0 END`);
  const sorted = `${st}."acc"`;
  const place = `coalesce(list_position(list_transform(${sorted}, lambda ${y}: ${before}), true), 0)`;
  const inserted = bind(`CASE WHEN ${place} = 0 THEN len(${sorted}) + 1 ELSE ${place} END`, at,
    `list_concat(list_slice(${sorted}, 1, ${at} - 1), [${e}."x"], list_slice(${sorted}, ${at}, len(${sorted})))`);
  const step = `lambda ${st}, ${e}: struct_pack("acc" := ${inserted}, "x" := ${e}."x")`;
  // the fold's state is a list of the array's own type: an empty slice of it to start from
  const pairs = `list_prepend(struct_pack("acc" := list_slice(${l}, 1, 0), "x" := NULL), list_transform(${l}, lambda ${x}: struct_pack("acc" := NULL, "x" := ${x})))`;
  return { sql: bind(array.sql, l, `CASE WHEN ${l} IS NULL THEN NULL ELSE list_reduce(${pairs}, ${step})."acc" END`), type: array.type };
}

/**
 * `reduce_agg(value, initial, (state, value) -> state, (state, state) -> state)`: the non-NULL values of the group
 * folded from `initial` by the input function (one process combines nothing: the combine function is only checked).
 * NULL for a group without a non-NULL value.
 */
function reduceAgg(tr: TranslationContext, call: Call, scope: Scope): Translated {
  if (call.args.length !== 4) throw positioned(call.pos, 'reduce_agg takes (value, initialState, inputFunction, combineFunction)');
  if (call.distinct) throw positioned(call.pos, 'DISTINCT is not supported for reduce_agg');
  const [value, initial] = [valueAt(tr, call, 0, scope), valueAt(tr, call, 1, scope)];
  const input = lambdaAt(tr, call, 2, [initial.type, value.type], scope);
  lambdaAt(tr, call, 3, [initial.type, initial.type], scope);
  const filter = call.filter ? ` AND (${tr.expr(call.filter, scope).sql})` : '';
  const order = call.orderBy ? ` ORDER BY ${tr.orderBySql(call.orderBy, scope)}` : '';
  const values = `list(${value.sql}${order}) FILTER (WHERE ${value.sql} IS NOT NULL${filter})${call.over ? ` ${tr.window(call.over, scope)}` : ''}`;
  const [list, state, x] = ['values', 'state', 'x'].map((n) => tr.freshName(n));
  // list_reduce keeps the element type as its state type: fold (state, value) pairs, as reduce() does
  const step = `lambda ${state}, ${x}: struct_pack("acc" := ${applied(input.lambda, input.body, [`${state}."acc"`, `${x}."x"`])}, "x" := ${x}."x")`;
  const pairs = `list_prepend(struct_pack("acc" := ${initial.sql}, "x" := NULL), list_transform(${list}, lambda ${x}: struct_pack("acc" := NULL, "x" := ${x})))`;
  return { sql: bind(values, list, `CASE WHEN ${list} IS NULL THEN NULL ELSE list_reduce(${pairs}, ${step})."acc" END`), type: initial.type };
}

/**
 * `regexp_replace(string, pattern, groups -> replacement)`: each match replaced by the function of its capturing
 * groups (an array, group 1 first). The groups of a literal pattern are counted here; those of another pattern, per
 * row, by the function the storage registers (`duckdb-functions/capturing-groups.ts`).
 */
function regexpReplaceWithFunction(tr: TranslationContext, call: Call, scope: Scope): Translated {
  if (call.args.length !== 3) throw positioned(call.pos, 'regexp_replace takes (string, pattern[, replacement | function])');
  const [text, pattern] = [valueAt(tr, call, 0, scope), valueAt(tr, call, 1, scope)];
  const literal = call.args[1];
  const { lambda, body } = lambdaAt(tr, call, 2, [{ kind: 'array', element: T.varchar }], scope);
  const [s, pieces, i, g] = ['s', 'pieces', 'i', 'g'].map((n) => tr.freshName(n));
  const group = (n: string): string => `regexp_extract_all(${s}, ${pattern.sql}, ${n})[${i}]`;
  const groups = literal.kind === 'string'
    ? `[${Array.from({ length: capturingGroups(literal.value) }, (_x, k) => group(String(k + 1))).join(', ')}]::VARCHAR[]`
    : `list_transform(range(1, ${engineFunctionName('capturing_groups')}(${pattern.sql}) + 1), lambda ${g}: ${group(`CAST(${g} AS INTEGER)`)})::VARCHAR[]`;
  const replaced = `CASE WHEN ${i} < len(${pieces}) THEN coalesce(${applied(lambda, body, [groups])}, '') ELSE '' END`;
  const sql = bind(text.sql, s, bind(`string_split_regex(${s}, ${pattern.sql})`, pieces,
    `array_to_string(list_transform(range(1, len(${pieces}) + 1), lambda ${i}: ${pieces}[${i}] || ${replaced}), '')`));
  return { sql: `CASE WHEN ${text.sql} IS NULL OR ${pattern.sql} IS NULL THEN NULL ELSE ${sql} END`, type: T.varchar };
}
