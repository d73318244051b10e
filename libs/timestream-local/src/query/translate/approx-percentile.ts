import type { Expr } from '../ast';
import { positioned } from '../errors';
import type { StaticType } from '../static-type';
import type { TranslationContext } from './context';
import { bind } from './time-series';
import type { Translated } from './translated';

type Call = Extract<Expr, { kind: 'call' }>;

/**
 * approx_percentile(x, p | ARRAY[p...]) and the weighted approx_percentile(x, w, p | ARRAY[p...][, accuracy]):
 * exact, the value at rank ceil(n * p) (DuckDB's quantile_disc); weighted, each value counted w times.
 * `suffix` is the call's FILTER / OVER text.
 */
export function approxPercentile(tr: TranslationContext, call: Call, args: Translated[], suffix: string): Translated {
  if (args.length < 2 || args.length > 4) throw positioned(call.pos, 'approx_percentile takes (value, percentage) or (value, weight, percentage[, accuracy])');
  const [value] = args;
  const percentage = args.length === 2 ? args[1] : args[2];
  const type: StaticType = percentage.type.kind === 'array' ? { kind: 'array', element: value.type } : value.type;
  if (args.length === 2) return { sql: `quantile_disc(${value.sql}, ${percentage.sql})${suffix}`, type };
  const [i, sorted, p] = ['i', 'sorted', 'p'].map((x) => tr.freshName(x));
  const weight = `CAST(${args[1].sql} AS BIGINT)`;
  const expanded = `list_sort(flatten(list(list_transform(range(CASE WHEN ${weight} > 0 THEN ${weight} ELSE 0 END), lambda ${i}: ${value.sql}))${suffix}))`;
  const at = (q: string): string => `${sorted}[greatest(1, CAST(ceil(len(${sorted}) * ${q}) AS BIGINT))]`;
  const pick = percentage.type.kind === 'array' ? `list_transform(${percentage.sql}, lambda ${p}: ${at(p)})` : at(percentage.sql);
  return { sql: bind(expanded, sorted, `CASE WHEN len(${sorted}) = 0 THEN NULL ELSE ${pick} END`), type };
}
