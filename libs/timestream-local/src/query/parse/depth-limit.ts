import type { Statement } from '../ast';
import { positioned, type SourcePosition } from '../errors';

/**
 * Deepest nesting of syntax nodes (operators, NOTs, function calls, CASE, casts, subqueries, set operations,
 * joins) a statement may have. Everything after the parser (table lookup, translation, parameter listing) walks the
 * tree recursively: chains of binary operators, which the parser builds left-deep in a loop, nest one level per
 * operator, so a 50,000-term sum would overflow the stack. Measured with Node 20 on this project's machine: the
 * translator overflows from about 2,000 levels (1,500 inside 190 nested calls); DuckDB refuses SQL nested about
 * 1,000 deep anyway.
 */
export const MAX_DEPTH = 1000;

const TOO_DEEP = `Query is nested more than ${MAX_DEPTH} levels deep: each operator in a chain such as a + b + c, x OR y OR z or s UNION t UNION u counts as a level (for a long list of alternatives use IN (...))`;

/**
 * Refuses a statement nested deeper than MAX_DEPTH, reported at the first node past it. Walks the tree with its own
 * stack (never recursion), counting a level for each node with a `kind`; lists and records inside a node (CASE
 * branches, ORDER BY items, window specs, type names) are not levels.
 */
export function checkDepth(statement: Statement): void {
  const nodes: object[] = [statement];
  const depths: number[] = [1];
  const positions: SourcePosition[] = [statement.pos];
  while (nodes.length > 0) {
    const node = nodes.pop() as Record<string, unknown>;
    const depth = depths.pop() as number;
    const pos = positions.pop() as SourcePosition;
    for (const key in node) {
      if (key === 'pos') continue;
      const child = node[key];
      if (child === null || typeof child !== 'object') continue;
      const childNode = child as { kind?: unknown; pos?: SourcePosition };
      const childDepth = childNode.kind === undefined ? depth : depth + 1;
      const childPos = childNode.pos ?? pos;
      if (childDepth > MAX_DEPTH) throw positioned(childPos, TOO_DEEP);
      nodes.push(child);
      depths.push(childDepth);
      positions.push(childPos);
    }
  }
}
