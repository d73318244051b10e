import type { Expr, OrderItem, WindowSpec } from '../ast';
import type { Token } from '../tokenizer';
import type { ParseContext } from './context';
import { lambda } from './lambdas';
import { looksLikeLambda } from './lookahead';
import { orderItems } from './order-by';
import { windowSpec } from './window-specs';

/**
 * A function call after its name (`t` is the name's token): `( [*] | [DISTINCT] args [ORDER BY ...] )`,
 * then an optional `FILTER (WHERE ...)` and `OVER (...)`.
 */
export function call(p: ParseContext, name: string, t: Token): Expr {
  const pos = p.pos(t);
  p.expectOp('(');
  const lower = name.toLowerCase();
  let distinct = false;
  let star = false;
  const args: Expr[] = [];
  let orderBy: OrderItem[] | undefined;
  if (p.acceptOp('*')) star = true;
  else if (!p.isOp(')')) {
    distinct = p.acceptWord('distinct');
    if (!distinct) p.acceptWord('all');
    do args.push(looksLikeLambda(p) ? lambda(p) : p.expression());
    while (p.acceptOp(','));
    if (p.acceptWord('order')) {
      p.expectWord('by');
      orderBy = orderItems(p);
    }
  }
  p.expectOp(')');
  let filter: Expr | undefined;
  if (p.isWord('filter') && p.isOp('(', 1)) {
    p.skip(2);
    p.expectWord('where');
    filter = p.expression();
    p.expectOp(')');
  }
  let over: WindowSpec | undefined;
  if (p.isWord('over') && p.isOp('(', 1)) {
    p.next();
    over = windowSpec(p);
  }
  return { kind: 'call', name: lower, args, distinct, star, orderBy, filter, over, pos };
}
