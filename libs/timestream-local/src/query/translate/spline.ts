import type { TranslationContext } from './context';

/** Binds `value` to a lambda parameter for `body` (DuckDB has no LET): list_transform([value], lambda name: body)[1]. */
const bind = (value: string, name: string, body: string): string => `list_transform([${value}], lambda ${name}: ${body})[1]`;

/**
 * DuckDB SQL for the natural cubic spline through `series` (a sorted list of STRUCT(time, value)) evaluated at `time`
 * (a lambda variable), `pointsBefore` being how many points lie at or before it. Second derivatives come from the tridiagonal system solved with the Thomas algorithm, both
 * sweeps as list_reduce folds; x is seconds since the first point. NULL outside the series' time range.
 */
export function splineValueSql(tr: TranslationContext, series: string, time: string, pointsBefore: string): { prelude: (body: string) => string; value: string } {
  const v = (p: string) => tr.freshName(p);
  const [x0, xs, ys, h, n, fw, ms, acc, el, i, e, tt, k] = ['x0', 'xs', 'ys', 'h', 'n', 'fw', 'ms', 'acc', 'el', 'i', 'e', 'tt', 'k'].map(v);
  // forward sweep over i = 2..n-1; the fold's state is (acc, x) pairs: acc = {cps, dps}, x = i
  const I = `${el}."x"`;
  const ST = `${acc}."acc"`;
  const a = `${h}[${I} - 1]`;
  const b = `2 * (${h}[${I} - 1] + ${h}[${I}])`;
  const c = `${h}[${I}]`;
  const d = `6 * ((${ys}[${I} + 1] - ${ys}[${I}]) / ${h}[${I}] - (${ys}[${I}] - ${ys}[${I} - 1]) / ${h}[${I} - 1])`;
  const denom = `(${b} - ${a} * ${ST}."cps"[-1])`;
  const forwardStep = `lambda ${acc}, ${el}: struct_pack("acc" := struct_pack("cps" := list_append(${ST}."cps", ${c} / ${denom}), `
    + `"dps" := list_append(${ST}."dps", (${d} - ${a} * ${ST}."dps"[-1]) / ${denom})), "x" := ${I})`;
  const forward = `list_reduce(list_prepend(struct_pack("acc" := struct_pack("cps" := [CAST(0 AS DOUBLE)], "dps" := [CAST(0 AS DOUBLE)]), "x" := CAST(NULL AS BIGINT)), `
    + `list_transform(range(2, ${n}), lambda ${i}: struct_pack("acc" := NULL, "x" := ${i}))), ${forwardStep})."acc"`;
  // back substitution: M_n = 0, M_i = dp_i - cp_i * M_(i+1), M_1 = 0
  const backStep = `lambda ${acc}, ${el}: struct_pack("acc" := list_prepend(${fw}."dps"[${I}] - ${fw}."cps"[${I}] * ${ST}[1], ${ST}), "x" := ${I})`;
  const back = `list_prepend(CAST(0 AS DOUBLE), list_reduce(list_prepend(struct_pack("acc" := [CAST(0 AS DOUBLE)], "x" := CAST(NULL AS BIGINT)), `
    + `list_transform(list_reverse(range(2, ${n})), lambda ${i}: struct_pack("acc" := NULL, "x" := ${i}))), ${backStep})."acc")`;

  const prelude = (body: string): string =>
    bind(`len(${series})`, n,
      bind(`epoch_ns(CAST(${series}[1]."time" AS TIMESTAMP_NS))`, x0,
        bind(`list_transform(${series}, lambda ${e}: CAST(epoch_ns(CAST(${e}."time" AS TIMESTAMP_NS)) - ${x0} AS DOUBLE) / 1e9)`, xs,
          bind(`list_transform(${series}, lambda ${e}: CAST(${e}."value" AS DOUBLE))`, ys,
            bind(`list_transform(range(1, ${n}), lambda ${i}: ${xs}[${i} + 1] - ${xs}[${i}])`, h,
              bind(forward, fw, bind(back, ms, body)))))));

  const segment = `least(greatest(${pointsBefore}, 1), ${n} - 1)`;
  const hk = `${h}[${k}]`;
  const spline = `${ms}[${k}] * power(${xs}[${k} + 1] - ${tt}, 3) / (6 * ${hk}) + ${ms}[${k} + 1] * power(${tt} - ${xs}[${k}], 3) / (6 * ${hk})`
    + ` + (${ys}[${k}] / ${hk} - ${ms}[${k}] * ${hk} / 6) * (${xs}[${k} + 1] - ${tt}) + (${ys}[${k} + 1] / ${hk} - ${ms}[${k} + 1] * ${hk} / 6) * (${tt} - ${xs}[${k}])`;
  const value = bind(`CAST(epoch_ns(CAST(${time} AS TIMESTAMP_NS)) - ${x0} AS DOUBLE) / 1e9`, tt,
    `CASE WHEN ${n} = 0 OR ${tt} < ${xs}[1] OR ${tt} > ${xs}[${n}] THEN NULL WHEN ${n} = 1 THEN ${ys}[1] ELSE ${bind(segment, k, spline)} END`);
  return { prelude, value };
}
