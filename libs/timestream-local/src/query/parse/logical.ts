import type { Expr } from '../ast';
import type { ParseContext } from './context';
import { binaryOperators, keyword } from './binary-operators';
import { predicate } from './predicates';

/** OR binds loosest, then AND. */
const LOGICAL = [keyword('or'), keyword('and')];

/** The top of the precedence chain: `a OR b`, `a AND b`, `NOT a`, over predicates. */
export function orExpression(p: ParseContext): Expr {
  return binaryOperators(p, LOGICAL, 0, notExpression);
}

function notExpression(p: ParseContext): Expr {
  if (p.isWord('not')) {
    const t = p.next();
    return { kind: 'unary', op: 'not', operand: notExpression(p), pos: p.pos(t) };
  }
  return predicate(p);
}
