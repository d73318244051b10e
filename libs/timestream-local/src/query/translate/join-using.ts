import type { Relation } from '../ast';
import { positioned } from '../errors';
import type { Scope, ScopeColumn } from './scope';

type Join = Extract<Relation, { kind: 'join' }>;

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * `JOIN ... USING (k, ...)` as Trino analyses it: each k once, ahead of the two sides' other columns (what `*`
 * lists), an unqualified k the joined column (DuckDB's USING column: in an outer join the side that has a row).
 * The sides' own k leave `*` and unqualified names; `alias.k` still names a side's value. The sides' relations are
 * `scope.relations` from `start` (left from `start`, right from `middle`); the joined columns go in front of them.
 */
export function joinUsing(join: Join, using: string[], scope: Scope, start: number, middle: number): void {
  const seen = new Set<string>();
  const columns = using.map((name, i): ScopeColumn => {
    const pos = join.usingPos?.[i] ?? join.pos;
    const side = (from: number, to: number, which: string): ScopeColumn => {
      const found = scope.relations.slice(from, to).flatMap((r) => r.columns.filter((c) => !c.joinedBy && !c.hidden && same(c.name, name)));
      if (found.length === 0) throw positioned(pos, `Column '${name}' is missing from ${which} side of join`);
      return found[0];
    };
    if (seen.has(name.toLowerCase())) throw positioned(pos, `Column '${name}' appears multiple times in USING clause`);
    seen.add(name.toLowerCase());
    const [left, right] = [side(start, middle, 'left'), side(middle, scope.relations.length, 'right')];
    return { name: left.name, type: left.type.kind === 'unknown' ? right.type : left.type };
  });
  for (const r of scope.relations.slice(start)) {
    r.columns = r.columns.map((c) => (!c.hidden && seen.has(c.name.toLowerCase()) ? { ...c, joinedBy: true } : c));
  }
  scope.relations.splice(start, 0, { columns });
}
