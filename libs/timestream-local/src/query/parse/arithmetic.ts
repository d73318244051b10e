import type { Expr } from '../ast';
import type { ParseContext } from './context';
import { primary } from './primaries';

/** `a || b`, over additive expressions. */
export function concatExpression(p: ParseContext): Expr {
  let left = additiveExpression(p);
  while (p.isOp('||')) {
    const t = p.next();
    left = { kind: 'binary', op: '||', left, right: additiveExpression(p), pos: p.pos(t) };
  }
  return left;
}

/** `a + b`, `a - b`, over multiplicative expressions. */
export function additiveExpression(p: ParseContext): Expr {
  let left = multiplicative(p);
  while (p.isOp('+') || p.isOp('-')) {
    const t = p.next();
    left = { kind: 'binary', op: t.text, left, right: multiplicative(p), pos: p.pos(t) };
  }
  return left;
}

function multiplicative(p: ParseContext): Expr {
  let left = unary(p);
  while (p.isOp('*') || p.isOp('/') || p.isOp('%')) {
    const t = p.next();
    left = { kind: 'binary', op: t.text, left, right: unary(p), pos: p.pos(t) };
  }
  return left;
}

/** `-x`, `+x`; a minus on a number or duration literal folds into the literal. */
function unary(p: ParseContext): Expr {
  if (p.isOp('-') || p.isOp('+')) {
    const t = p.next();
    const operand = unary(p);
    if (t.text === '-' && operand.kind === 'number') return { ...operand, text: `-${operand.text}`, pos: p.pos(t) };
    if (t.text === '-' && operand.kind === 'duration') return { ...operand, amount: `-${operand.amount}`, pos: p.pos(t) };
    return { kind: 'unary', op: t.text as '-' | '+', operand, pos: p.pos(t) };
  }
  return postfix(p, primary(p));
}

/** Subscripts `x[i]` and field references `(x).f` after a primary. */
function postfix(p: ParseContext, expr: Expr): Expr {
  for (;;) {
    if (p.isOp('[')) {
      const t = p.next();
      const index = p.expression();
      p.expectOp(']');
      expr = { kind: 'subscript', value: expr, index, pos: p.pos(t) };
    } else if (p.isOp('.') && expr.kind !== 'column') {
      const t = p.next();
      expr = { kind: 'field', value: expr, field: p.identifier(), pos: p.pos(t) };
    } else if (p.isWord('at') && p.isWord('time', 1) && p.isWord('zone', 2)) {
      p.fail(p.peek(), 'AT TIME ZONE is not supported');
    } else return expr;
  }
}
