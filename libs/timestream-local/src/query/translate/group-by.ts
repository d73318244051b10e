import type { Expr, GroupingElement, Select } from '../ast';
import { positioned } from '../errors';
import { T } from '../static-type';
import type { TranslationContext } from './context';
import type { Scope } from './scope';
import type { Translated } from './translated';

/** Trino's default `max-grouping-sets`: a GROUP BY that expands to more sets is refused. */
export const MAX_GROUPING_SETS = 2048;

type Call = Extract<Expr, { kind: 'call' }>;

/**
 * The GROUP BY clause as DuckDB SQL (without the keywords), or undefined without one. Plain keys stay plain; ROLLUP,
 * CUBE and GROUPING SETS are expanded into the cross product of their sets (Trino's semantics), duplicates kept
 * unless GROUP BY DISTINCT, and printed as one `GROUPING SETS (...)`. An integer key is a select-list position.
 */
export function groupByClause(tr: TranslationContext, select: Select, scope: Scope, width: number): string | undefined {
  if (select.groupBy.length === 0) return undefined;
  const key = (expr: Expr): string => {
    if (expr.kind === 'number' && expr.isInteger) {
      const ordinal = Number(expr.text);
      if (ordinal < 1 || ordinal > width) throw positioned(expr.pos, `GROUP BY position ${ordinal} is not in select list`);
      return expr.text;
    }
    return tr.expr(expr, scope).sql;
  };
  const plain = select.groupBy.flatMap((e) => (e.kind === 'key' ? [e.expr] : []));
  if (plain.length === select.groupBy.length) return plain.map(key).join(', ');
  const count = select.groupBy.reduce((n, e) => n * setCount(e), 1);
  if (count > MAX_GROUPING_SETS) throw positioned(select.pos, `GROUP BY has ${count} grouping sets but can contain at most ${MAX_GROUPING_SETS}`);
  let sets: string[][] = [[]];
  for (const element of select.groupBy) {
    const options = elementSets(element).map((s) => s.map(key));
    sets = sets.flatMap((prefix) => options.map((option) => [...prefix, ...option]));
  }
  if (select.groupByDistinct) {
    const seen = new Set<string>();
    sets = sets.filter((s) => {
      const id = JSON.stringify([...new Set(s)].sort());
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }
  return `GROUPING SETS (${sets.map((s) => `(${s.join(', ')})`).join(', ')})`;
}

/** How many sets an element stands for (computed without expanding it: a CUBE of 40 keys is 2^40). */
function setCount(element: GroupingElement): number {
  switch (element.kind) {
    case 'key': return 1;
    case 'rollup': return element.keys.length + 1;
    case 'cube': return 2 ** element.keys.length;
    case 'sets': return element.sets.length;
  }
}

/** The grouping sets of one element: ROLLUP (a, b) is (a, b), (a), (); CUBE (a, b) every subset. */
function elementSets(element: GroupingElement): Expr[][] {
  switch (element.kind) {
    case 'key': return [[element.expr]];
    case 'rollup': return element.keys.map((_k, i) => element.keys.slice(0, element.keys.length - i)).concat([[]]);
    case 'cube': {
      const n = element.keys.length;
      return Array.from({ length: 2 ** n }, (_x, mask) => element.keys.filter((_k, i) => (mask & (1 << (n - 1 - i))) === 0));
    }
    case 'sets': return element.sets;
  }
}

/**
 * The SQL of every expression the GROUP BY names (a position stands for its select item), for GROUPING() to check
 * its arguments against. Names that do not resolve are left out here: the GROUP BY itself reports them, in order.
 */
export function groupingKeys(tr: TranslationContext, select: Select, scope: Scope): Set<string> {
  const keys = new Set<string>();
  for (const expr of select.groupBy.flatMap((e) => (e.kind === 'key' ? [e.expr] : elementSets(e).flat()))) {
    const item = expr.kind === 'number' && expr.isInteger ? select.items[Number(expr.text) - 1] : undefined;
    const target = item?.kind === 'expr' ? item.expr : expr;
    try {
      keys.add(tr.expr(target, scope).sql);
    } catch {
      // reported by groupByClause
    }
  }
  return keys;
}

/** `grouping(a, b, ...)`: a bit per argument, 1 where the row's grouping set leaves that key out (first argument highest). */
export function groupingCall(call: Call, args: Translated[], scope: Scope): Translated {
  let keys: Set<string> | undefined;
  for (let s: Scope | undefined = scope; s && !keys; s = s.parent) keys = s.groupingKeys;
  if (!keys) throw positioned(call.pos, 'A GROUPING() operation can only be used with a corresponding GROUPING SET/CUBE/ROLLUP/GROUP BY clause');
  if (args.length === 0) throw positioned(call.pos, 'GROUPING() takes at least one argument');
  args.forEach((arg, i) => {
    if (!keys?.has(arg.sql)) throw positioned(call.args[i].pos, 'The arguments to GROUPING() must be expressions referenced by the GROUP BY at the associated query level');
  });
  return { sql: `CAST(grouping(${args.map((a) => a.sql).join(', ')}) AS BIGINT)`, type: T.bigint };
}
