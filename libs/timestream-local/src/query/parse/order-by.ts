import type { OrderItem } from '../ast';
import type { ParseContext } from './context';

/** The items of an ORDER BY (after the BY): `expr [ASC|DESC] [NULLS FIRST|LAST]`, comma separated. */
export function orderItems(p: ParseContext): OrderItem[] {
  const items: OrderItem[] = [];
  do {
    const expr = p.expression();
    const descending = p.acceptWord('desc') ? true : (p.acceptWord('asc'), false);
    let nulls: 'first' | 'last' | undefined;
    if (p.acceptWord('nulls')) nulls = p.acceptWord('first') ? 'first' : (p.expectWord('last'), 'last');
    items.push({ expr, descending, nulls });
  } while (p.acceptOp(','));
  return items;
}
