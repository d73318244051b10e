import type { Expr } from '../ast';
import { RESERVED } from '../token-cursor';
import { call } from './calls';
import type { ParseContext } from './context';
import { keywordExpression } from './keyword-expressions';
import { lambda } from './lambdas';
import { looksLikeLambda, looksLikeQuery } from './lookahead';

/** Reserved words that are also function names when a parenthesis follows. */
const FUNCTION_KEYWORDS = new Set(['filter', 'left', 'right', 'replace', 'grouping']);

/**
 * The innermost expressions: literals and parameters, parenthesised expressions, rows, scalar subqueries, lambdas,
 * keyword expressions, names and function calls.
 */
export function primary(p: ParseContext): Expr {
  const t = p.peek();
  const pos = p.pos(t);
  switch (t.kind) {
    case 'number':
      p.next();
      return { kind: 'number', text: t.text, isInteger: /* digits only */ [...t.text].every((c) => c >= '0' && c <= '9'), pos };
    case 'string':
      p.next();
      return { kind: 'string', value: t.text, pos };
    case 'duration':
      p.next();
      return { kind: 'duration', amount: t.amount as string, unit: t.unit as 'ms', pos };
    case 'param':
      p.next();
      return { kind: 'param', index: p.nextParameterIndex(), name: t.text, pos };
    case 'op':
      if (t.text === '(') return parenthesised(p);
      return p.fail(t, `mismatched input '${t.text}'. Expecting: <expression>`);
    case 'quoted':
      return name(p);
    case 'ident':
      if (FUNCTION_KEYWORDS.has(t.text.toLowerCase()) && p.isOp('(', 1)) {
        p.next();
        return call(p, t.text, t);
      }
      return keywordExpression(p, t) ?? (RESERVED.has(t.text.toLowerCase()) ? p.fail(t, `mismatched input '${t.text}'. Expecting: <expression>`) : name(p));
    default:
      return p.fail(t, `mismatched input '${t.text}'. Expecting: <expression>`);
  }
}

/** At `(`: a lambda, a scalar subquery, a row `(a, b)` or a parenthesised expression. */
function parenthesised(p: ParseContext): Expr {
  const pos = p.pos();
  if (looksLikeLambda(p)) return lambda(p);
  p.next();
  if (looksLikeQuery(p)) {
    const query = p.query();
    p.expectOp(')');
    return { kind: 'subquery', query, pos };
  }
  const first = p.expression();
  if (p.acceptOp(',')) {
    const items = [first];
    do items.push(p.expression());
    while (p.acceptOp(','));
    p.expectOp(')');
    return { kind: 'row', items, pos };
  }
  p.expectOp(')');
  return first;
}

/** A lambda `x -> ...`, a function call `f(...)`, or a possibly qualified name `a.b.c`. */
function name(p: ParseContext): Expr {
  const t = p.peek();
  if (p.isIdentifier() && p.isOp('->', 1)) return lambda(p);
  const first = p.identifier();
  if (p.isOp('(') && t.kind === 'ident') return call(p, first, t);
  const parts = [first];
  while (p.isOp('.') && (p.peek(1).kind === 'ident' || p.peek(1).kind === 'quoted')) {
    p.next();
    parts.push(p.next().text);
  }
  return { kind: 'column', parts, pos: p.pos(t) };
}
