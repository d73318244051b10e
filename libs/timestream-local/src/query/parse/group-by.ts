import type { Expr, GroupingElement, Select } from '../ast';
import type { ParseContext } from './context';

/**
 * After `GROUP BY`: `[ALL | DISTINCT] element, ...` where an element is `()`, an expression, `ROLLUP (keys)`,
 * `CUBE (keys)` or `GROUPING SETS (set, ...)`, a set being `(keys)`, `()` or one expression.
 */
export function groupBy(p: ParseContext): Pick<Select, 'groupBy' | 'groupByDistinct'> {
  const distinct = p.acceptWord('distinct');
  if (!distinct) p.acceptWord('all');
  const elements: GroupingElement[] = [];
  do {
    const element = groupingElement(p);
    if (element) elements.push(element);
  } while (p.acceptOp(','));
  return { groupBy: elements, groupByDistinct: distinct || undefined };
}

/** One element; `()` (the empty grouping set: one group of all rows) is undefined. */
function groupingElement(p: ParseContext): GroupingElement | undefined {
  const pos = p.pos();
  if (p.isOp('(') && p.isOp(')', 1)) {
    p.skip(2);
    return undefined;
  }
  if ((p.isWord('rollup') || p.isWord('cube')) && p.isOp('(', 1)) {
    const kind = p.next().text.toLowerCase() as 'rollup' | 'cube';
    p.expectOp('(');
    const keys = keyList(p);
    p.expectOp(')');
    return { kind, keys, pos };
  }
  if (p.isWord('grouping') && p.isWord('sets', 1)) {
    p.skip(2);
    p.expectOp('(');
    const sets: Expr[][] = [];
    do sets.push(groupingSet(p));
    while (p.acceptOp(','));
    p.expectOp(')');
    return { kind: 'sets', sets, pos };
  }
  return { kind: 'key', expr: p.expression() };
}

/** `(a, b)`, `()` or `a`. A parenthesised single expression `(a + 1)` is the set of that one key. */
function groupingSet(p: ParseContext): Expr[] {
  if (!p.isOp('(')) return [p.expression()];
  p.next();
  if (p.acceptOp(')')) return [];
  const keys = keyList(p);
  p.expectOp(')');
  return keys;
}

function keyList(p: ParseContext): Expr[] {
  const keys: Expr[] = [];
  do keys.push(p.expression());
  while (p.acceptOp(','));
  return keys;
}
