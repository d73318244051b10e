import type { Expr } from '../ast';
import { positioned } from '../errors';
import { T, type StaticType } from '../static-type';
import { splineValueSql } from './spline';
import type { Translated, Translator } from './translator';

type Call = Extract<Expr, { kind: 'call' }>;

/**
 * INTERPOLATE_LINEAR / _LOCF / _FILL / _SPLINE_CUBIC(timeseries, array(timestamp)[, fill]) as DuckDB list lambdas.
 * The series and the timestamps are bound once through single-element list_transform "let" bindings.
 * Points that cannot be interpolated (outside the series for LINEAR/SPLINE, before the first point for LOCF) are omitted.
 * SPLINE_CUBIC is the natural cubic spline (second derivative 0 at both ends).
 */
export function interpolate(tr: Translator, call: Call, args: Translated[]): Translated {
  const method = call.name.slice('interpolate_'.length);
  if (!['linear', 'locf', 'fill', 'spline_cubic'].includes(method)) throw positioned(call.pos, `Function ${call.name} not registered`);
  if (args.length !== (method === 'fill' ? 3 : 2)) throw positioned(call.pos, `Function ${call.name} takes ${method === 'fill' ? 3 : 2} arguments`);
  const [series, times] = args;
  const valueType: StaticType = series.type.kind === 'timeseries' ? series.type.value : T.double;
  const s = tr.freshName('s');
  const ts = tr.freshName('ts');
  const t = tr.freshName('t');
  const e = tr.freshName('e');
  const p = tr.freshName('p');
  const n = tr.freshName('n');
  const prev = `list_filter(${s}, lambda ${e}: ${e}."time" <= ${t})[-1]`;
  const next = `list_filter(${s}, lambda ${e}: ${e}."time" >= ${t})[1]`;
  const ns = (x: string): string => `epoch_ns(CAST(${x} AS TIMESTAMP_NS))`;
  let value: string;
  let type: StaticType = valueType;
  let prelude = (body: string): string => body;
  switch (method) {
    case 'linear':
      type = T.double;
      value = `list_transform([${prev}], lambda ${p}: list_transform([${next}], lambda ${n}: CASE WHEN ${p} IS NULL OR ${n} IS NULL THEN NULL WHEN ${p}."time" = ${n}."time" THEN CAST(${p}."value" AS DOUBLE) ELSE ${p}."value" + (${n}."value" - ${p}."value") * CAST(${ns(t)} - ${ns(`${p}."time"`)} AS DOUBLE) / CAST(${ns(`${n}."time"`)} - ${ns(`${p}."time"`)} AS DOUBLE) END)[1])[1]`;
      break;
    case 'locf':
      value = `(${prev})."value"`;
      break;
    case 'fill':
      value = `coalesce(list_filter(${s}, lambda ${e}: ${e}."time" = ${t})[1]."value", ${args[2].sql})`;
      break;
    default: {
      type = T.double;
      const spline = splineValueSql(tr, s, t);
      value = spline.value;
      prelude = spline.prelude;
    }
  }
  const points = `list_filter(list_transform(${ts}, lambda ${t}: struct_pack("time" := CAST(${t} AS TIMESTAMP_NS), "value" := ${value})), lambda ${e}: ${e}."value" IS NOT NULL)`;
  const sql = `list_transform([${series.sql}], lambda ${s}: list_transform([${times.sql}], lambda ${ts}: CASE WHEN ${s} IS NULL OR ${ts} IS NULL OR len(${s}) = 0 THEN NULL ELSE ${prelude(points)} END)[1])[1]`;
  return { sql, type: { kind: 'timeseries', value: type } };
}
