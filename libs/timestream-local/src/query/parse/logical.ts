import type { Expr } from '../ast';
import type { Token } from '../tokenizer';
import type { ParseContext } from './context';
import { binaryOperators, keyword } from './binary-operators';
import { predicate } from './predicates';

/** OR binds loosest, then AND. */
const LOGICAL = [keyword('or'), keyword('and')];

/** The top of the precedence chain: `a OR b`, `a AND b`, `NOT a`, over predicates. */
export function orExpression(p: ParseContext): Expr {
  return binaryOperators(p, LOGICAL, 0, notExpression);
}

/** `NOT NOT ... predicate`, read in a loop (a chain of NOTs costs no stack; its depth is checked on the finished tree). */
function notExpression(p: ParseContext): Expr {
  const nots: Token[] = [];
  while (p.isWord('not')) nots.push(p.next());
  let expr = predicate(p);
  for (let i = nots.length - 1; i >= 0; i--) expr = { kind: 'unary', op: 'not', operand: expr, pos: p.pos(nots[i]) };
  return expr;
}
