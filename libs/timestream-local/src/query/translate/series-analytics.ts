import type { Expr } from '../ast';
import { positioned } from '../errors';
import { T } from '../static-type';
import type { TranslationContext } from './context';
import { raise } from './sql-text';
import { bind } from './time-series';
import type { Translated } from './translated';

type Call = Extract<Expr, { kind: 'call' }>;

/** Timestream's derivative, integral and correlation functions over time series (DuckDB lists of {time, value}). */
export const SERIES_ANALYTICS = new Set(['derivative_linear', 'non_negative_derivative_linear', 'integral_trapezoidal', 'correlate_pearson', 'correlate_spearman']);

const ns = (time: string): string => `epoch_ns(CAST(${time} AS TIMESTAMP_NS))`;
/** an interval as nanoseconds (DOUBLE) */
const intervalNs = (interval: string): string => `(epoch(${interval}) * 1e9)`;

export function seriesAnalytics(tr: TranslationContext, call: Call, args: Translated[]): Translated {
  const series = (i: number): string => {
    const arg = args[i];
    if (arg?.type.kind !== 'timeseries' && arg?.type.kind !== 'unknown') throw positioned(call.args[i]?.pos ?? call.pos, `${call.name} expects a timeseries as argument ${i + 1}`);
    return arg.sql;
  };
  switch (call.name) {
    case 'derivative_linear':
    case 'non_negative_derivative_linear':
      if (args.length !== 2) throw positioned(call.pos, `${call.name} takes (timeseries, interval)`);
      return derivative(tr, series(0), args[1].sql, call.name.startsWith('non_negative'));
    case 'integral_trapezoidal':
      return integral(tr, call, series(0), args.slice(1));
    default:
      if (args.length !== 2) throw positioned(call.pos, `${call.name} takes (timeseries, timeseries)`);
      return correlate(tr, call.name, series(0), series(1));
  }
}

/**
 * derivative_linear(ts, unit): for each point after the first, (v[i] - v[i-1]) per `unit` of time between them, at
 * time t[i]; the non-negative variant leaves out the points where it is negative.
 */
function derivative(tr: TranslationContext, seriesSql: string, unit: string, nonNegative: boolean): Translated {
  const [s, p, i, d] = ['s', 'p', 'i', 'd'].map((x) => tr.freshName(x));
  const rate = `CAST(${p}."value" - ${s}[${i} - 1]."value" AS DOUBLE) / (CAST(${ns(`${p}."time"`)} - ${ns(`${s}[${i} - 1]."time"`)} AS DOUBLE) / ${intervalNs(unit)})`;
  const points = `list_transform(list_filter(list_transform(${s}, lambda ${p}, ${i}: struct_pack("i" := ${i}, "time" := ${p}."time", "value" := CASE WHEN ${i} > 1 THEN ${rate} END)), lambda ${d}: ${d}."i" > 1${nonNegative ? ` AND ${d}."value" >= 0` : ''}), lambda ${d}: struct_pack("time" := ${d}."time", "value" := ${d}."value"))`;
  return { sql: bind(seriesSql, s, points), type: { kind: 'timeseries', value: T.double } };
}

/**
 * integral_trapezoidal(ts[, unit][, start, end]): the trapezoidal-rule area under the series, time counted in `unit`
 * (default 1s); with start and end, only the points within [start, end].
 */
function integral(tr: TranslationContext, call: Call, seriesSql: string, rest: Translated[]): Translated {
  const unitGiven = rest.length === 1 || rest.length === 3;
  if (rest.length > 3) throw positioned(call.pos, 'integral_trapezoidal takes (timeseries[, interval][, start, end])');
  const unit = unitGiven ? rest[0].sql : 'INTERVAL 1 SECOND';
  const range = rest.length >= 2 ? rest.slice(unitGiven ? 1 : 0) : undefined;
  const [s, w, p, i] = ['s', 'w', 'p', 'i'].map((x) => tr.freshName(x));
  const within = range
    ? `list_filter(${s}, lambda ${p}: CAST(${p}."time" AS TIMESTAMP_NS) >= CAST(${range[0].sql} AS TIMESTAMP_NS) AND CAST(${p}."time" AS TIMESTAMP_NS) <= CAST(${range[1].sql} AS TIMESTAMP_NS))`
    : s;
  const area = `(CAST(${p}."value" AS DOUBLE) + CAST(${w}[${i} - 1]."value" AS DOUBLE)) / 2 * (CAST(${ns(`${p}."time"`)} - ${ns(`${w}[${i} - 1]."time"`)} AS DOUBLE) / ${intervalNs(unit)})`;
  const sum = `CASE WHEN len(${w}) = 0 THEN NULL ELSE coalesce(list_sum(list_transform(${w}, lambda ${p}, ${i}: CASE WHEN ${i} > 1 THEN ${area} ELSE 0.0 END)), 0.0) END`;
  return { sql: bind(seriesSql, s, bind(within, w, sum)), type: T.double };
}

/**
 * correlate_pearson / correlate_spearman(a, b): the correlation of the values of two series with the same
 * timestamps (refused otherwise, as the service requires); Spearman's is Pearson's over average ranks.
 */
function correlate(tr: TranslationContext, name: string, aSql: string, bSql: string): Translated {
  const [a, b, x, y, i, q, r, ma, mb] = ['a', 'b', 'x', 'y', 'i', 'q', 'r', 'ma', 'mb'].map((n) => tr.freshName(n));
  const values = (list: string): string => `list_transform(${list}, lambda ${q}: CAST(${q}."value" AS DOUBLE))`;
  // average rank of each value: (number below) + (number equal + 1) / 2
  const ranks = (list: string): string =>
    `list_transform(${list}, lambda ${q}: len(list_filter(${list}, lambda ${r}: ${r} < ${q})) + (len(list_filter(${list}, lambda ${r}: ${r} = ${q})) + 1) / 2.0)`;
  const prepare = name === 'correlate_spearman' ? ranks : (list: string): string => list;
  const mean = (list: string): string => `list_avg(${list})`;
  const pearson = bind(mean(x), ma, bind(mean(y), mb,
    `list_sum(list_transform(${x}, lambda ${q}, ${i}: (${q} - ${ma}) * (${y}[${i}] - ${mb}))) / sqrt(list_sum(list_transform(${x}, lambda ${q}: (${q} - ${ma}) * (${q} - ${ma}))) * list_sum(list_transform(${y}, lambda ${q}: (${q} - ${mb}) * (${q} - ${mb}))))`));
  const sameTimes = `len(${a}) = len(${b}) AND list_bool_and(list_transform(${a}, lambda ${q}, ${i}: CAST(${q}."time" AS TIMESTAMP_NS) = CAST(${b}[${i}]."time" AS TIMESTAMP_NS)))`;
  const body = `CASE WHEN ${a} IS NULL OR ${b} IS NULL THEN NULL WHEN len(${a}) = 0 AND len(${b}) = 0 THEN NULL WHEN NOT (${sameTimes}) THEN ${raise(`${name}: the two time series must have the same timestamps`)} `
    + `ELSE ${bind(prepare(values(a)), x, bind(prepare(values(b)), y, pearson))} END`;
  return { sql: bind(aSql, a, bind(bSql, b, body)), type: T.double };
}
