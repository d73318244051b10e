import type { Expr } from '../ast';
import { positioned } from '../errors';
import { T, type StaticType } from '../static-type';
import type { Scope } from './scope';
import { quoteIdent, quoteString, raise } from './sql-text';
import { SCALAR_FORMS } from './scalar-forms';
import { approxPercentile } from './approx-percentile';
import { groupingCall } from './group-by';
import { LAMBDA_FORMS } from './lambda-forms';
import { interpolate } from './time-series';
import type { TranslationContext } from './context';
import type { Translated } from './translated';
import { dateFunction, DATE_FUNCTIONS } from './date-functions';
import { seriesAnalytics, SERIES_ANALYTICS } from './series-analytics';
import { parseDuration } from './parse-duration';

type Call = Extract<Expr, { kind: 'call' }>;

/** Functions whose DuckDB counterpart takes the same arguments: Timestream name -> [DuckDB name, result type or 'arg0']. */
const SAME_ARGS: Record<string, [string, StaticType | 'arg0']> = {
  abs: ['abs', 'arg0'], ceil: ['ceil', 'arg0'], ceiling: ['ceil', 'arg0'], floor: ['floor', 'arg0'], round: ['round', 'arg0'],
  sqrt: ['sqrt', T.double], cbrt: ['cbrt', T.double], exp: ['exp', T.double], ln: ['ln', T.double], log2: ['log2', T.double],
  log10: ['log10', T.double], power: ['pow', T.double], pow: ['pow', T.double], sign: ['sign', 'arg0'], mod: ['mod', 'arg0'],
  degrees: ['degrees', T.double], radians: ['radians', T.double], sin: ['sin', T.double], cos: ['cos', T.double], tan: ['tan', T.double],
  asin: ['asin', T.double], acos: ['acos', T.double], atan: ['atan', T.double], atan2: ['atan2', T.double], cosh: ['cosh', T.double],
  tanh: ['tanh', T.double], truncate: ['trunc', T.double], is_nan: ['isnan', T.boolean], is_finite: ['isfinite', T.boolean],
  is_infinite: ['isinf', T.boolean], random: ['random', T.double], rand: ['random', T.double], greatest: ['greatest', 'arg0'],
  least: ['least', 'arg0'], coalesce: ['coalesce', 'arg0'], nullif: ['nullif', 'arg0'],
  length: ['length', T.bigint], lower: ['lower', T.varchar], upper: ['upper', T.varchar], trim: ['trim', T.varchar],
  ltrim: ['ltrim', T.varchar], rtrim: ['rtrim', T.varchar], replace: ['replace', T.varchar], reverse: ['reverse', T.varchar],
  lpad: ['lpad', T.varchar], rpad: ['rpad', T.varchar], strpos: ['strpos', T.bigint], substr: ['substring', T.varchar],
  substring: ['substring', T.varchar], split_part: ['split_part', T.varchar], starts_with: ['starts_with', T.boolean],
  chr: ['chr', T.varchar], codepoint: ['unicode', T.integer], to_hex: ['to_hex', T.varchar], md5: ['md5', T.varchar],
  regexp_like: ['regexp_matches', T.boolean], levenshtein_distance: ['levenshtein', T.bigint],
  cardinality: ['len', T.bigint], contains: ['list_contains', T.boolean],
  array_max: ['list_max', 'arg0'], array_min: ['list_min', 'arg0'], array_join: ['array_to_string', T.varchar],
  array_sort: ['list_sort', 'arg0'], array_distinct: ['list_distinct', 'arg0'], flatten: ['flatten', 'arg0'],
  typeof: ['typeof', T.varchar], concat_ws: ['concat_ws', T.varchar], hamming_distance: ['hamming', T.bigint],
  array_intersect: ['list_intersect', 'arg0'], arrays_overlap: ['list_has_any', T.boolean],
};

/** Aggregate functions: Timestream name -> [DuckDB name, result type or 'arg0']. */
const AGGREGATES: Record<string, [string, StaticType | 'arg0']> = {
  count: ['count', T.bigint], sum: ['sum', 'arg0'], avg: ['avg', T.double], min: ['min', 'arg0'], max: ['max', 'arg0'],
  stddev: ['stddev_samp', T.double], stddev_samp: ['stddev_samp', T.double], stddev_pop: ['stddev_pop', T.double],
  variance: ['var_samp', T.double], var_samp: ['var_samp', T.double], var_pop: ['var_pop', T.double],
  min_by: ['arg_min', 'arg0'], max_by: ['arg_max', 'arg0'], arbitrary: ['any_value', 'arg0'], any_value: ['any_value', 'arg0'],
  approx_distinct: ['approx_count_distinct', T.bigint], count_if: ['count_if', T.bigint], bool_and: ['bool_and', T.boolean],
  bool_or: ['bool_or', T.boolean], every: ['bool_and', T.boolean], geometric_mean: ['geomean', T.double], corr: ['corr', T.double],
  covar_pop: ['covar_pop', T.double], covar_samp: ['covar_samp', T.double], regr_slope: ['regr_slope', T.double],
  regr_intercept: ['regr_intercept', T.double], array_agg: ['list', 'arg0'], kurtosis: ['kurtosis', T.double],
  skewness: ['skewness', T.double], bitwise_and_agg: ['bit_and', T.bigint], bitwise_or_agg: ['bit_or', T.bigint],
};

/** Window-only functions. */
const WINDOW_ONLY: Record<string, [string, StaticType | 'arg0']> = {
  row_number: ['row_number', T.bigint], rank: ['rank', T.bigint], dense_rank: ['dense_rank', T.bigint],
  percent_rank: ['percent_rank', T.double], cume_dist: ['cume_dist', T.double], ntile: ['ntile', T.bigint],
  lag: ['lag', 'arg0'], lead: ['lead', 'arg0'], first_value: ['first_value', 'arg0'], last_value: ['last_value', 'arg0'],
  nth_value: ['nth_value', 'arg0'],
};

const TIMESERIES_ROW = (value: StaticType): StaticType => ({ kind: 'row', fields: [{ name: 'time', type: T.timestamp }, { name: 'value', type: value }] });

/** Translates one function call (scalar, aggregate, window, lambda-taking or time-series). */
export function translateCall(tr: TranslationContext, call: Call, scope: Scope): Translated {
  const name = call.name;
  const args: Translated[] = [];
  const needsLambdas = ['filter', 'transform', 'reduce', 'any_match', 'all_match', 'none_match'].includes(name);
  const lambdaForm = LAMBDA_FORMS[name];
  if (lambdaForm && (name === 'zip_with' || name === 'reduce_agg' || call.args.some((a) => a.kind === 'lambda'))) return lambdaForm(tr, call, scope);
  if (!needsLambdas) for (const arg of call.args) {
    if (arg.kind === 'lambda') throw positioned(arg.pos, `Function ${name} does not accept a lambda expression`);
    args.push(tr.expr(arg, scope));
  }
  const argType = args[0]?.type ?? T.unknown;
  const typeOf = (t: StaticType | 'arg0'): StaticType => (t === 'arg0' ? (name === 'array_agg' ? { kind: 'array', element: argType } : argType) : t);
  const list = args.map((a) => a.sql).join(', ');
  const distinct = call.distinct ? 'DISTINCT ' : '';
  const suffix = (): string => {
    let s = '';
    if (call.filter) s += ` FILTER (WHERE ${(tr.expr(call.filter, scope)).sql})`;
    if (call.over) s += ` ${tr.window(call.over, scope)}`;
    return s;
  };
  const order = call.orderBy ? ` ORDER BY ${tr.orderBySql(call.orderBy, scope)}` : '';

  if (name === 'count' && call.star) return { sql: `count(*)${suffix()}`, type: T.bigint };
  if (call.star) throw positioned(call.pos, `Function ${name} does not accept *`);
  if (name === 'grouping') return groupingCall(call, args, scope);
  if (name === 'approx_percentile') return approxPercentile(tr, call, args, suffix());
  if (name === 'approx_distinct' && args.length === 2) return { sql: `approx_count_distinct(${args[0].sql})${suffix()}`, type: T.bigint };
  if (name === 'create_time_series') {
    if (args.length !== 2) throw positioned(call.pos, 'create_time_series takes (time, value)');
    const [time, value] = args;
    return {
      sql: `list(struct_pack("time" := ${time.sql}, "value" := ${value.sql}) ORDER BY ${time.sql}) FILTER (WHERE ${value.sql} IS NOT NULL)${call.over ? ` ${tr.window(call.over, scope)}` : ''}`,
      type: { kind: 'timeseries', value: value.type },
    };
  }
  const aggregate = AGGREGATES[name];
  if (aggregate) {
    if (name === 'sum' && (argType.kind === 'integer' || argType.kind === 'bigint')) {
      return { sql: `CAST(sum(${distinct}${list})${suffix()} AS BIGINT)`, type: T.bigint };
    }
    if (name.startsWith('bitwise_')) return { sql: `CAST(${aggregate[0]}(CAST(${list} AS BIGINT))${suffix()} AS BIGINT)`, type: T.bigint };
    return { sql: `${aggregate[0]}(${distinct}${list}${order})${suffix()}`, type: typeOf(aggregate[1]) };
  }
  const windowFn = WINDOW_ONLY[name];
  if (windowFn) {
    if (!call.over) throw positioned(call.pos, `Window function ${name} requires an OVER clause`);
    return { sql: `${windowFn[0]}(${list})${suffix()}`, type: typeOf(windowFn[1]) };
  }
  if (call.over) throw positioned(call.pos, `${name} is not a window function`);
  if (call.distinct || call.filter || call.orderBy) throw positioned(call.pos, `${name} is not an aggregate function`);

  if (DATE_FUNCTIONS.has(name)) return dateFunction(tr, call, args);
  if (name.startsWith('interpolate_')) return interpolate(tr, call, args);
  if (SERIES_ANALYTICS.has(name)) return seriesAnalytics(tr, call, args);
  const form = SCALAR_FORMS[name]?.(tr, call, args);
  if (form) return form;
  const same = SAME_ARGS[name];
  if (same) {
    if (name === 'round' && args.length === 1 && (argType.kind === 'double')) return { sql: `round(${list})`, type: T.double };
    if (name === 'regexp_like') return { sql: `regexp_matches(${list})`, type: T.boolean };
    if (name === 'sign' && argType.kind === 'double') return { sql: `CAST(sign(${list}) AS DOUBLE)`, type: T.double };
    return { sql: `${same[0]}(${list})`, type: typeOf(same[1]) };
  }
  switch (name) {
    case 'if':
      if (args.length < 2 || args.length > 3) throw positioned(call.pos, 'IF takes (condition, true_value[, false_value])');
      return { sql: `CASE WHEN ${args[0].sql} THEN ${args[1].sql}${args[2] ? ` ELSE ${args[2].sql}` : ''} END`, type: args[1].type };
    case 'concat':
      if (argType.kind === 'array') return { sql: `list_concat(${list})`, type: argType };
      return { sql: `concat(${list})`, type: T.varchar };
    case 'split':
      return { sql: `string_split(${list})`, type: { kind: 'array', element: T.varchar } };
    case 'regexp_replace':
      return { sql: `regexp_replace(${args[0].sql}, ${args[1].sql}, ${replacement(call.args[2], args[2])}, 'g')`, type: T.varchar };
    case 'regexp_extract':
      return { sql: `CASE WHEN regexp_matches(${args[0].sql}, ${args[1].sql}) THEN regexp_extract(${list}) END`, type: T.varchar };
    case 'regexp_extract_all':
      return { sql: `regexp_extract_all(${list})`, type: { kind: 'array', element: T.varchar } };
    case 'pi':
      return { sql: 'pi()', type: T.double };
    case 'current_timezone':
      return { sql: "'UTC'", type: T.varchar };
    case 'e':
      return { sql: 'exp(1)', type: T.double };
    case 'nan':
      return { sql: "CAST('NaN' AS DOUBLE)", type: T.double };
    case 'infinity':
      return { sql: "CAST('Infinity' AS DOUBLE)", type: T.double };
    case 'log':
      return { sql: `log(${list})`, type: T.double };
    case 'element_at':
      return { sql: `${args[0].sql}[${args[1].sql}]`, type: argType.kind === 'array' ? argType.element : T.unknown };
    case 'slice':
      return { sql: `list_slice(${args[0].sql}, ${args[1].sql}, ${args[1].sql} + ${args[2].sql} - 1)`, type: argType };
    case 'array_sum':
      return { sql: `list_sum(${list})`, type: argType.kind === 'array' ? argType.element : T.unknown };
    case 'array_average':
      return { sql: `list_avg(${list})`, type: T.double };
    case 'sequence':
      return sequence(call, args);
    case 'parse_duration':
      return parseDuration(tr, call, args);
    case 'filter':
    case 'transform':
    case 'reduce':
    case 'any_match':
    case 'all_match':
    case 'none_match':
      return lambdaFunction(tr, call, scope);
    default:
      throw positioned(call.pos, `Function ${name} not registered`);
  }
}

/**
 * A regexp_replace replacement in RE2's spelling: Trino (Java) writes group references `$1` and escapes with `\`,
 * RE2 writes `\1`; a literal is rewritten here, any other expression in the generated SQL.
 */
function replacement(expr: Expr | undefined, arg: Translated | undefined): string {
  if (!arg) return "''";
  if (expr?.kind === 'string') {
    return quoteString(expr.value.replace(/\\(.)|\$(\d+)|\\/g, (_m, escaped: string | undefined, group: string | undefined) =>
      (group !== undefined ? `\\${group}` : escaped === '\\' ? '\\\\' : escaped ?? '\\\\')));
  }
  return `regexp_replace(replace(${arg.sql}, '\\', '\\\\'), '\\$(\\d+)', '\\\\\\1', 'g')`;
}

/** Trino's limit on SEQUENCE results; larger ones are refused rather than exhausting memory. */
export const MAX_SEQUENCE_ENTRIES = 10000;

function sequence(call: Call, args: Translated[]): Translated {
  if (args.length < 2 || args.length > 3) throw positioned(call.pos, 'sequence takes (start, stop[, step])');
  const [start, stop] = args;
  const temporal = start.type.kind === 'timestamp' || start.type.kind === 'date';
  const step = args[2]?.sql ?? (temporal ? 'INTERVAL 1 DAY' : '1');
  const tooLong = (count: string, series: string): string =>
    `CASE WHEN ${count} > ${MAX_SEQUENCE_ENTRIES} THEN ${raise(`Result of sequence function must not have more than ${MAX_SEQUENCE_ENTRIES} entries`)} ELSE ${series} END`;
  if (temporal) {
    const [from, to] = [`CAST(${start.sql} AS TIMESTAMP)`, `CAST(${stop.sql} AS TIMESTAMP)`];
    const count = `abs(epoch(${to}) - epoch(${from})) / nullif(abs(epoch(${step})), 0)`;
    const series = `generate_series(${from}, ${to}, ${step})`;
    if (start.type.kind === 'timestamp') return { sql: tooLong(count, series), type: { kind: 'array', element: T.timestamp } };
    return { sql: tooLong(count, `list_transform(${series}, lambda __d: CAST(__d AS DATE))`), type: { kind: 'array', element: T.date } };
  }
  const count = `abs(${stop.sql} - ${start.sql}) / nullif(abs(${step}), 0)`;
  return { sql: tooLong(count, `generate_series(${start.sql}, ${stop.sql}, ${step})`), type: { kind: 'array', element: T.bigint } };
}

function lambdaFunction(tr: TranslationContext, call: Call, scope: Scope): Translated {
  const [first, ...rest] = call.args;
  if (!first) throw positioned(call.pos, `Function ${call.name} needs arguments`);
  const collection = tr.expr(first, scope);
  const isSeries = collection.type.kind === 'timeseries';
  const element = collection.type.kind === 'array' ? collection.type.element : isSeries && collection.type.kind === 'timeseries' ? TIMESERIES_ROW(collection.type.value) : T.unknown;
  const lambda = (expr: Expr | undefined, types: StaticType[]): { sql: string; type: StaticType } => {
    if (expr?.kind !== 'lambda') throw positioned(expr?.pos ?? call.pos, `Function ${call.name} expects a lambda expression here`);
    if (expr.params.length !== types.length) throw positioned(expr.pos, `Lambda for ${call.name} takes ${types.length} parameter(s)`);
    const inner: Scope = { relations: [], parent: scope, lambdaParams: new Map(expr.params.map((p, i) => [p, types[i]])) };
    const body = tr.expr(expr.body, inner);
    return { sql: `lambda ${expr.params.map(quoteIdent).join(', ')}: ${body.sql}`, type: body.type };
  };
  switch (call.name) {
    case 'filter': {
      const f = lambda(rest[0], [element]);
      return { sql: `list_filter(${collection.sql}, ${f.sql})`, type: collection.type };
    }
    case 'transform': {
      const f = lambda(rest[0], [element]);
      if (isSeries) {
        const p = quoteIdent((rest[0] as Extract<Expr, { kind: 'lambda' }>).params[0]);
        const body = f.sql.slice(f.sql.indexOf(': ') + 2);
        return { sql: `list_transform(${collection.sql}, lambda ${p}: struct_pack("time" := ${p}."time", "value" := ${body}))`, type: { kind: 'timeseries', value: f.type } };
      }
      return { sql: `list_transform(${collection.sql}, ${f.sql})`, type: { kind: 'array', element: f.type } };
    }
    case 'reduce': {
      // DuckDB's list_reduce keeps the element type as the state type, so fold over (state, element) pairs instead;
      // the state keeps the type of the initial value, like Trino's reduce.
      const init = tr.expr(rest[0], scope);
      const stepExpr = rest[1];
      if (stepExpr?.kind !== 'lambda' || stepExpr.params.length !== 2) throw positioned(stepExpr?.pos ?? call.pos, 'reduce expects (state, element) -> state as its third argument');
      const inner: Scope = { relations: [], parent: scope, lambdaParams: new Map([[stepExpr.params[0], init.type], [stepExpr.params[1], element]]) };
      const body = tr.expr(stepExpr.body, inner);
      const output = lambda(rest[2], [init.type]);
      const [a, b, x] = [tr.freshName('a'), tr.freshName('b'), tr.freshName('x')];
      const [sParam, xParam] = stepExpr.params.map(quoteIdent);
      const step = `lambda ${a}, ${b}: struct_pack("acc" := list_transform([${a}."acc"], lambda ${sParam}: list_transform([${b}."x"], lambda ${xParam}: ${body.sql})[1])[1], "x" := ${b}."x")`;
      const pairs = `list_prepend(struct_pack("acc" := ${init.sql}, "x" := NULL), list_transform(${collection.sql}, lambda ${x}: struct_pack("acc" := NULL, "x" := ${x})))`;
      const reduced = `list_reduce(${pairs}, ${step})."acc"`;
      return { sql: `CASE WHEN ${collection.sql} IS NULL THEN NULL ELSE list_transform([${reduced}], ${output.sql})[1] END`, type: output.type };
    }
    default: {
      const f = lambda(rest[0], [element]);
      const agg = call.name === 'any_match' ? 'list_bool_or' : 'list_bool_and';
      const body = call.name === 'none_match' ? `NOT (${f.sql.slice(f.sql.indexOf(': ') + 2)})` : undefined;
      const fn = body ? `${f.sql.slice(0, f.sql.indexOf(': ') + 2)}${body}` : f.sql;
      return { sql: `${agg}(list_transform(${collection.sql}, ${fn}))`, type: T.boolean };
    }
  }
}

