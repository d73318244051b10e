import type { Expr, FrameBound, WindowSpec } from '../ast';
import type { ParseContext } from './context';
import { orderItems } from './order-by';

/** `( [PARTITION BY ...] [ORDER BY ...] [ROWS|RANGE frame] )` after OVER. */
export function windowSpec(p: ParseContext): WindowSpec {
  p.expectOp('(');
  const partitionBy: Expr[] = [];
  if (p.acceptWord('partition')) {
    p.expectWord('by');
    do partitionBy.push(p.expression());
    while (p.acceptOp(','));
  }
  const orderBy = p.acceptWord('order') ? (p.expectWord('by'), orderItems(p)) : [];
  let frame: WindowSpec['frame'];
  if (p.isWord('rows') || p.isWord('range')) {
    const type = p.next().text.toLowerCase() as 'rows' | 'range';
    if (p.acceptWord('between')) {
      const start = frameBound(p);
      p.expectWord('and');
      frame = { type, start, end: frameBound(p) };
    } else frame = { type, start: frameBound(p) };
  }
  p.expectOp(')');
  return { partitionBy, orderBy, frame };
}

function frameBound(p: ParseContext): FrameBound {
  if (p.acceptWord('unbounded')) {
    return p.acceptWord('preceding') ? { kind: 'unboundedPreceding' } : (p.expectWord('following'), { kind: 'unboundedFollowing' });
  }
  if (p.acceptWord('current')) {
    p.expectWord('row');
    return { kind: 'currentRow' };
  }
  const offset = p.additive();
  return p.acceptWord('preceding') ? { kind: 'preceding', offset } : (p.expectWord('following'), { kind: 'following', offset });
}
