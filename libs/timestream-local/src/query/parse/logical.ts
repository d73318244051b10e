import type { Expr } from '../ast';
import type { ParseContext } from './context';
import { predicate } from './predicates';

/** The top of the precedence chain: `a OR b`, `a AND b`, `NOT a`, over predicates. */
export function orExpression(p: ParseContext): Expr {
  let left = andExpression(p);
  while (p.isWord('or')) {
    const t = p.next();
    left = { kind: 'binary', op: 'or', left, right: andExpression(p), pos: p.pos(t) };
  }
  return left;
}

function andExpression(p: ParseContext): Expr {
  let left = notExpression(p);
  while (p.isWord('and')) {
    const t = p.next();
    left = { kind: 'binary', op: 'and', left, right: notExpression(p), pos: p.pos(t) };
  }
  return left;
}

function notExpression(p: ParseContext): Expr {
  if (p.isWord('not')) {
    const t = p.next();
    return { kind: 'unary', op: 'not', operand: notExpression(p), pos: p.pos(t) };
  }
  return predicate(p);
}
