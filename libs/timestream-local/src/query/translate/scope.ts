import { positioned, type SourcePosition } from '../errors';
import type { StaticType } from '../static-type';

/** A column visible in a scope, with its static type. */
export interface ScopeColumn {
  name: string;
  type: StaticType;
  /** set on select-list outputs: whether the name came from an AS alias */
  aliased?: boolean;
  /** left out of `*` (the depth a recursive WITH query counts) */
  hidden?: boolean;
  /** a side's column named in JOIN ... USING: left out of `*` and of unqualified names (the joined column stands for it) */
  joinedBy?: boolean;
  /** the query's answer: the trailing output column holding this day-to-second column's exact nanoseconds (BIGINT) */
  exactNanos?: string;
}

/** One relation of a FROM clause: its alias (if any) and columns. */
export interface ScopeRelation {
  alias?: string;
  /** for a catalog table named without an alias: its database, so that `database.table.column` resolves */
  database?: string;
  columns: ScopeColumn[];
}

/** Name resolution scope: the relations of one query level, lambda parameters, and the enclosing scope. */
export interface Scope {
  relations: ScopeRelation[];
  lambdaParams?: Map<string, StaticType>;
  /** the SQL of the GROUP BY's expressions at this level, for GROUPING() */
  groupingKeys?: Set<string>;
  /**
   * a SELECT level's function calls as translated, by their syntax: the same call in the select list, GROUP BY,
   * HAVING and GROUPING() prints the same SQL, fresh lambda names included, so DuckDB sees one expression
   */
  calls?: Map<string, { sql: string; type: StaticType }>;
  parent?: Scope;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export type Resolution =
  | { kind: 'column'; relationAlias?: string; column: ScopeColumn; qualified: boolean; fields: string[] }
  | { kind: 'lambda'; name: string; type: StaticType; fields: string[] };

/** Resolves a dotted name against a scope chain; throws the service's "does not exist" error when nothing matches. */
export function resolveName(scope: Scope, parts: string[], pos: SourcePosition): Resolution {
  let qualifiedMiss: string | undefined;
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const lambdaType = s.lambdaParams && [...s.lambdaParams].find(([name]) => same(name, parts[0]));
    if (lambdaType) return { kind: 'lambda', name: lambdaType[0], type: lambdaType[1], fields: parts.slice(1) };
    // fully qualified: database.table.column[.field...]
    if (parts.length >= 3) {
      const relation = s.relations.find((r) => r.database !== undefined && same(r.database, parts[0]) && r.alias !== undefined && same(r.alias, parts[1]));
      const column = relation?.columns.find((c) => same(c.name, parts[2]));
      if (column) return { kind: 'column', relationAlias: relation?.alias, column, qualified: true, fields: parts.slice(3) };
    }
    // qualified: alias.column[.field...]
    if (parts.length >= 2) {
      const relation = s.relations.find((r) => r.alias !== undefined && same(r.alias, parts[0]));
      // a relation of this level without the column: an enclosing level may have one of that name that has it
      const column = relation?.columns.find((c) => same(c.name, parts[1]));
      if (column) return { kind: 'column', relationAlias: relation?.alias, column, qualified: true, fields: parts.slice(2) };
      if (relation) qualifiedMiss ??= parts.slice(0, 2).join('.');
    }
    const matches = s.relations.flatMap((r) => r.columns.filter((c) => !c.joinedBy && same(c.name, parts[0])).map((c) => ({ r, c })));
    const exact = matches.filter((m) => m.c.name === parts[0]);
    const chosen = exact.length > 0 ? exact : matches;
    if (chosen.length > 1 && new Set(chosen.map((m) => m.r)).size > 1) throw positioned(pos, `Column '${parts[0]}' is ambiguous`);
    if (chosen.length >= 1) return { kind: 'column', relationAlias: chosen[0].r.alias, column: chosen[0].c, qualified: false, fields: parts.slice(1) };
  }
  if (qualifiedMiss !== undefined) throw positioned(pos, `Column '${qualifiedMiss}' cannot be resolved`);
  if (parts.length >= 2) throw positioned(pos, `Column '${parts.join('.')}' cannot be resolved`);
  throw positioned(pos, `Column '${parts[0]}' does not exist`);
}
