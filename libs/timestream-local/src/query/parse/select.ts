import type { Relation, Select, SelectItem } from '../ast';
import { groupBy } from './group-by';
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
  const grouping = p.acceptWord('group') ? (p.expectWord('by'), groupBy(p)) : { groupBy: [] };
  const having = p.acceptWord('having') ? p.expression() : undefined;
  return { kind: 'select', distinct, items, from, where, ...grouping, having, pos: p.pos(start) };
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
