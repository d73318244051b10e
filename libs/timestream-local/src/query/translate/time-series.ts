import type { Expr } from '../ast';
import { positioned } from '../errors';
import { T, type StaticType } from '../static-type';
import { splineValueSql } from './spline';
import type { TranslationContext } from './context';
import type { Translated } from './translated';

type Call = Extract<Expr, { kind: 'call' }>;

/** Binds `value` to a lambda parameter for `body` (DuckDB has no LET): list_transform([value], lambda name: body)[1]. */
export const bind = (value: string, name: string, body: string): string => `list_transform([${value}], lambda ${name}: ${body})[1]`;

/**
 * INTERPOLATE_LINEAR / _LOCF / _FILL / _SPLINE_CUBIC(timeseries, array(timestamp)[, fill]) as DuckDB list lambdas.
 * Neighbours are found in one sort: the series points and the requested times are merged (a series point sorts
 * before a requested time at the same instant), so for the k-th requested time at merged position p, p - k series
 * points lie at or before it. Points that cannot be interpolated (outside the series for LINEAR/SPLINE, before the
 * first point for LOCF) are omitted. SPLINE_CUBIC is the natural cubic spline (second derivative 0 at both ends).
 */
export function interpolate(tr: TranslationContext, call: Call, args: Translated[]): Translated {
  const method = call.name.slice('interpolate_'.length);
  if (!['linear', 'locf', 'fill', 'spline_cubic'].includes(method)) throw positioned(call.pos, `Function ${call.name} not registered`);
  if (args.length !== (method === 'fill' ? 3 : 2)) throw positioned(call.pos, `Function ${call.name} takes ${method === 'fill' ? 3 : 2} arguments`);
  const [series, times] = args;
  const valueType: StaticType = series.type.kind === 'timeseries' ? series.type.value : T.double;
  const [s, ts, t, k, e, m, p, before, prev, next] = ['s', 'ts', 't', 'k', 'e', 'm', 'p', 'before', 'prev', 'next'].map((x) => tr.freshName(x));

  // before[k]: how many series points lie at or before the k-th requested time
  const merged = `list_sort(list_concat(list_transform(${s}, lambda ${e}: struct_pack("t" := CAST(${e}."time" AS TIMESTAMP_NS), "kind" := 0, "i" := 0)), `
    + `list_transform(${ts}, lambda ${e}, ${k}: struct_pack("t" := CAST(${e} AS TIMESTAMP_NS), "kind" := 1, "i" := ${k}))))`;
  const counts = `list_transform(list_filter(list_transform(${merged}, lambda ${m}, ${p}: struct_pack("kind" := ${m}."kind", "n" := ${p} - ${m}."i")), lambda ${m}: ${m}."kind" = 1), lambda ${m}: ${m}."n")`;

  const time = `CAST(${t} AS TIMESTAMP_NS)`;
  const ns = (x: string): string => `epoch_ns(CAST(${x} AS TIMESTAMP_NS))`;
  const prevPoint = `CASE WHEN ${before}[${k}] >= 1 THEN ${s}[${before}[${k}]] END`;
  const exact = `${prev}."time" = ${time}`;
  let value: string;
  let type: StaticType = valueType;
  let prelude = (body: string): string => body;
  switch (method) {
    case 'linear':
      type = T.double;
      value = bind(prevPoint, prev, bind(`${s}[${before}[${k}] + 1]`, next,
        `CASE WHEN ${prev} IS NULL THEN NULL WHEN ${exact} THEN CAST(${prev}."value" AS DOUBLE) WHEN ${next} IS NULL THEN NULL `
        + `ELSE ${prev}."value" + (${next}."value" - ${prev}."value") * CAST(${ns(t)} - ${ns(`${prev}."time"`)} AS DOUBLE) / CAST(${ns(`${next}."time"`)} - ${ns(`${prev}."time"`)} AS DOUBLE) END`));
      break;
    case 'locf':
      value = `(${prevPoint})."value"`;
      break;
    case 'fill':
      value = bind(prevPoint, prev, `CASE WHEN ${prev} IS NOT NULL AND ${exact} THEN ${prev}."value" ELSE ${args[2].sql} END`);
      break;
    default: {
      type = T.double;
      const spline = splineValueSql(tr, s, t, `${before}[${k}]`);
      value = spline.value;
      prelude = spline.prelude;
    }
  }
  const points = `list_filter(list_transform(${ts}, lambda ${t}, ${k}: struct_pack("time" := ${time}, "value" := ${value})), lambda ${e}: ${e}."value" IS NOT NULL)`;
  const body = bind(counts, before, prelude(points));
  const sql = bind(series.sql, s, bind(times.sql, ts, `CASE WHEN ${s} IS NULL OR ${ts} IS NULL OR len(${s}) = 0 THEN NULL ELSE ${body} END`));
  return { sql, type: { kind: 'timeseries', value: type } };
}
