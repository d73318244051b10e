import type { Expr } from '../ast';
import type { Token } from '../tokenizer';
import type { ParseContext } from './context';
import { binaryOperators, symbols } from './binary-operators';
import { primary } from './primaries';

/** `||` binds loosest, then `+ -`, then `* / %`. */
const ARITHMETIC = [symbols('||'), symbols('+', '-'), symbols('*', '/', '%')];

/** `a || b`, over additive expressions. */
export function concatExpression(p: ParseContext): Expr {
  return binaryOperators(p, ARITHMETIC, 0, unary);
}

/** `a + b`, `a - b`, over multiplicative (`* / %`) expressions. */
export function additiveExpression(p: ParseContext): Expr {
  return binaryOperators(p, ARITHMETIC, 1, unary);
}

/**
 * `-x`, `+x`; a minus on a number or duration literal folds into the literal. The signs are read in a loop and
 * applied from the innermost out (a chain of signs costs no stack; its depth is checked on the finished tree).
 */
function unary(p: ParseContext): Expr {
  const signs: Token[] = [];
  while (p.isOp('-') || p.isOp('+')) signs.push(p.next());
  let operand = postfix(p, primary(p));
  for (let i = signs.length - 1; i >= 0; i--) operand = signed(p, signs[i], operand);
  return operand;
}

function signed(p: ParseContext, t: Token, operand: Expr): Expr {
  if (t.text === '-' && operand.kind === 'number') return { ...operand, text: `-${operand.text}`, pos: p.pos(t) };
  if (t.text === '-' && operand.kind === 'duration') return { ...operand, amount: `-${operand.amount}`, pos: p.pos(t) };
  return { kind: 'unary', op: t.text as '-' | '+', operand, pos: p.pos(t) };
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
      const t = p.peek();
      p.skip(3);
      expr = { kind: 'atTimeZone', value: expr, zone: timeZoneSpecifier(p), pos: p.pos(t) };
    } else return expr;
  }
}

/** After `AT TIME ZONE`: a string literal (`'Europe/Berlin'`, `'+05:30'`) or an interval literal. */
function timeZoneSpecifier(p: ParseContext): Expr {
  const t = p.peek();
  if (t.kind === 'string' || (p.isWord('interval') && !p.isOp('(', 1))) return primary(p);
  return p.fail(t, `mismatched input '${t.text}'. Expecting: <string>, INTERVAL`);
}
