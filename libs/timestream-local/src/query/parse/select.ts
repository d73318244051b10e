import type { Expr, Relation, Select, SelectItem } from '../ast';
import type { ParseContext } from './context';
import { relation } from './relations';

/** `SELECT [DISTINCT|ALL] items [FROM ...] [WHERE ...] [GROUP BY ...] [HAVING ...]` */
export function select(p: ParseContext): Select {
  const start = p.expectWord('select');
  const distinct = p.acceptWord('distinct');
  if (!distinct) p.acceptWord('all');
  const items: SelectItem[] = [];
  do items.push(selectItem(p));
  while (p.acceptOp(','));
  const from: Relation[] = [];
  if (p.acceptWord('from')) {
    do from.push(relation(p));
    while (p.acceptOp(','));
  }
  const where = p.acceptWord('where') ? p.expression() : undefined;
  const groupBy: Expr[] = [];
  if (p.acceptWord('group')) {
    p.expectWord('by');
    if (!p.acceptWord('distinct')) p.acceptWord('all');
    do {
      // () is the empty grouping set: one group of all rows, as without GROUP BY
      if (p.isOp('(') && p.isOp(')', 1)) p.skip(2);
      else if (p.isWord('rollup') || p.isWord('cube') || (p.isWord('grouping') && p.isWord('sets', 1))) {
        p.fail(p.peek(), `${p.isWord('grouping') ? 'GROUPING SETS' : p.peek().text.toUpperCase()} is not supported; group by the keys and combine the levels with UNION ALL`);
      }
      else groupBy.push(p.expression());
    } while (p.acceptOp(','));
  }
  const having = p.acceptWord('having') ? p.expression() : undefined;
  return { kind: 'select', distinct, items, from, where, groupBy, having, pos: p.pos(start) };
}

/** `*`, `a.b.*`, or `expr [[AS] alias]`. */
function selectItem(p: ParseContext): SelectItem {
  const start = p.peek();
  if (p.acceptOp('*')) return { kind: 'star', pos: p.pos(start) };
  // qualified star: a.b.*
  let k = 0;
  while (p.isIdentifier(k) && p.isOp('.', k + 1)) k += 2;
  if (k > 0 && p.isOp('*', k)) {
    const qualifier: string[] = [];
    for (let j = 0; j < k; j += 2) qualifier.push(p.peek(j).text);
    p.skip(k + 1);
    return { kind: 'star', qualifier, pos: p.pos(start) };
  }
  const expr = p.expression();
  let alias: string | undefined;
  if (p.acceptWord('as')) alias = p.identifier();
  else if (p.isImplicitAlias()) alias = p.identifier();
  return { kind: 'expr', expr, alias, pos: p.pos(start) };
}
