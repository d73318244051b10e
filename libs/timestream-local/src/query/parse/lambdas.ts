import type { Expr } from '../ast';
import type { ParseContext } from './context';

/** `x -> body`, `(x, y) -> body`, `() -> body`. */
export function lambda(p: ParseContext): Expr {
  const pos = p.pos();
  const params: string[] = [];
  if (p.acceptOp('(')) {
    if (!p.isOp(')')) {
      do params.push(p.identifier());
      while (p.acceptOp(','));
    }
    p.expectOp(')');
  } else params.push(p.identifier());
  p.expectOp('->');
  return { kind: 'lambda', params, body: p.expression(), pos };
}
