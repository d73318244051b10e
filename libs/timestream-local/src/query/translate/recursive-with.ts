import type { Expr, QueryBody, Relation, Select, WithQuery } from '../ast';
import { positioned } from '../errors';
import { T } from '../static-type';
import type { QueryContext } from './query-context';
import type { Scope, ScopeColumn } from './scope';
import { quoteIdent, raise } from './sql-text';

/** Trino's default `max_recursion_depth`: a recursive WITH query needing more steps is refused (the service sets no session properties). */
export const MAX_RECURSION_DEPTH = 10;

const DEPTH = '__depth';

/**
 * A WITH RECURSIVE query that names itself, as DuckDB SQL (`name(columns) AS (...)`), or undefined when it does not
 * (it is then an ordinary WITH query). Trino's form: column aliases, `anchor UNION ALL step`, the step a SELECT
 * naming the query once in its FROM. Each row carries its step number in a hidden column; a row of step 11 is refused.
 */
export function recursiveWithQuery(ctx: QueryContext, cte: WithQuery, outer: Scope | undefined, define: (name: string, columns: ScopeColumn[]) => void): string | undefined {
  const body = cte.query.body;
  const selfReferences = (b: QueryBody): Array<Extract<Relation, { kind: 'table' }>> => (b.kind === 'select' ? b.from.flatMap((r) => references(r, cte.name)) : []);
  if (body.kind !== 'setop') return undefined;
  const steps = selfReferences(body.right);
  if (steps.length === 0 && selfReferences(body.left).length === 0) return undefined;
  if (body.op !== 'union' || !body.all) throw positioned(body.pos, `Recursive WITH query '${cte.name}' must be of the form <anchor> UNION ALL <step>`);
  if (selfReferences(body.left).length > 0) throw positioned(body.pos, `The anchor of recursive WITH query '${cte.name}' must not name it`);
  if (!cte.columns) throw positioned(cte.pos, `Recursive WITH query '${cte.name}' needs a column list: WITH RECURSIVE ${cte.name}(a, b, ...) AS (...)`);
  if (cte.query.orderBy.length > 0 || cte.query.limit || cte.query.offset || cte.query.with.length > 0) {
    throw positioned(cte.query.pos, `Recursive WITH query '${cte.name}' takes no WITH, ORDER BY, LIMIT or OFFSET of its own`);
  }
  const step = body.right as Select;
  if (steps.length > 1) throw positioned(steps[1].pos, `The step of recursive WITH query '${cte.name}' must name it once`);
  if (step.groupBy.length > 0) throw positioned(step.pos, `The step of recursive WITH query '${cte.name}' must not GROUP BY`);

  const anchor = ctx.query({ kind: 'query', with: [], body: body.left, orderBy: [], pos: body.left.pos }, outer);
  const names = cte.columns;
  if (anchor.columns.length !== names.length) {
    throw positioned(cte.pos, `WITH query '${cte.name}' has ${names.length} column names but its anchor ${anchor.columns.length} columns`);
  }
  define(cte.name, [...anchor.columns.map((c, i) => ({ name: names[i], type: c.type })), { name: DEPTH, type: T.bigint, hidden: true }]);

  // the step, with its depth: one more than the row of the recursive query it was made from
  const reference = steps[0];
  const from: Expr = { kind: 'column', parts: [reference.alias ?? reference.parts[0], DEPTH], pos: reference.pos };
  const depth: Expr = { kind: 'binary', op: '+', left: from, right: { kind: 'number', text: '1', isInteger: true, pos: reference.pos }, pos: reference.pos };
  const counted: Select = { ...step, items: [...step.items, { kind: 'expr', expr: depth, alias: DEPTH, pos: reference.pos }] };
  const next = ctx.query({ kind: 'query', with: [], body: counted, orderBy: [], pos: step.pos }, outer);
  if (next.columns.length !== names.length + 1) {
    throw positioned(step.pos, `The step of recursive WITH query '${cte.name}' has ${next.columns.length - 1} columns, its anchor ${names.length}`);
  }
  const d = quoteIdent(DEPTH);
  const limited = `SELECT * REPLACE (CASE WHEN ${d} > ${MAX_RECURSION_DEPTH} THEN ${raise(`Recursion depth limit exceeded (${MAX_RECURSION_DEPTH})`)} ELSE ${d} END AS ${d}) FROM (${next.sql}) AS ${ctx.freshName('step')}`;
  const columns = [...names, DEPTH].map(quoteIdent).join(', ');
  return `${quoteIdent(cte.name)}(${columns}) AS ((SELECT *, CAST(0 AS BIGINT) FROM (${anchor.sql}) AS ${ctx.freshName('anchor')}) UNION ALL (${limited}))`;
}

/** The table relations of a FROM item (through joins) that name `name`. */
function references(relation: Relation, name: string): Array<Extract<Relation, { kind: 'table' }>> {
  if (relation.kind === 'join') return [...references(relation.left, name), ...references(relation.right, name)];
  return relation.kind === 'table' && relation.parts.length === 1 && relation.parts[0].toLowerCase() === name.toLowerCase() ? [relation] : [];
}
