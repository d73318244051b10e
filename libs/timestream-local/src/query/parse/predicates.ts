import type { Expr } from '../ast';
import type { Token } from '../tokenizer';
import { concatExpression } from './arithmetic';
import type { ParseContext } from './context';
import { looksLikeQuery } from './lookahead';

const COMPARISONS = ['=', '<>', '!=', '<', '<=', '>', '>='];

/** An operand and what may follow it: a comparison, IS [NOT] NULL / DISTINCT FROM, [NOT] BETWEEN, IN, LIKE. */
export function predicate(p: ParseContext): Expr {
  const value = concatExpression(p);
  const t = p.peek();
  if (t.kind === 'op' && COMPARISONS.includes(t.text)) {
    p.next();
    const op = t.text === '!=' ? '<>' : t.text;
    if ((p.isWord('any') || p.isWord('some') || p.isWord('all')) && p.isOp('(', 1)) return quantified(p, value, op, t);
    return { kind: 'binary', op, left: value, right: concatExpression(p), pos: p.pos(t) };
  }
  if (p.isWord('is')) {
    p.next();
    const not = p.acceptWord('not');
    if (p.acceptWord('null')) return { kind: 'isNull', not, value, pos: p.pos(t) };
    if (p.acceptWord('distinct')) {
      p.expectWord('from');
      return { kind: 'isDistinct', not, left: value, right: concatExpression(p), pos: p.pos(t) };
    }
    p.fail(p.peek(), `mismatched input '${p.peek().text}'. Expecting: 'DISTINCT', 'NULL'`);
  }
  const not = p.isWord('not') && (p.isWord('between', 1) || p.isWord('in', 1) || p.isWord('like', 1));
  if (not) p.next();
  if (p.acceptWord('between')) {
    const low = concatExpression(p);
    p.expectWord('and');
    return { kind: 'between', not, value, low, high: concatExpression(p), pos: p.pos(t) };
  }
  if (p.acceptWord('in')) return inPredicate(p, value, not, t);
  if (p.acceptWord('like')) {
    const pattern = concatExpression(p);
    const escape = p.acceptWord('escape') ? concatExpression(p) : undefined;
    return { kind: 'like', not, value, pattern, escape, pos: p.pos(t) };
  }
  return value;
}

/** After a comparison operator: `ANY | SOME | ALL (query)`. */
function quantified(p: ParseContext, value: Expr, op: string, t: Token): Expr {
  const quantifier = p.next().text.toLowerCase() === 'all' ? 'all' : 'any';
  p.expectOp('(');
  if (!looksLikeQuery(p)) p.fail(p.peek(), `mismatched input '${p.peek().text}'. Expecting: 'SELECT', 'VALUES', 'WITH'`);
  const query = p.query();
  p.expectOp(')');
  return { kind: 'quantified', op, quantifier, value, query, pos: p.pos(t) };
}

/** After IN: `(subquery)` or `(a, b, ...)`; `t` is the token the predicate is reported at. */
function inPredicate(p: ParseContext, value: Expr, not: boolean, t: Token): Expr {
  p.expectOp('(');
  if (looksLikeQuery(p)) {
    const query = p.query();
    p.expectOp(')');
    return { kind: 'inQuery', not, value, query, pos: p.pos(t) };
  }
  const list: Expr[] = [];
  do list.push(p.expression());
  while (p.acceptOp(','));
  p.expectOp(')');
  return { kind: 'inList', not, value, list, pos: p.pos(t) };
}
