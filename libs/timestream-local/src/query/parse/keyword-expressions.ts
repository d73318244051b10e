import type { Expr } from '../ast';
import type { Token } from '../tokenizer';
import type { ParseContext } from './context';
import { intervalUnit, typeName } from './type-names';

/**
 * Expressions introduced by a keyword (`t`, the current token): literals (NULL, TRUE, TIMESTAMP '...', DOUBLE '...',
 * INTERVAL), CASE, CAST, EXISTS, EXTRACT, POSITION, ARRAY[...], ROW(...), CURRENT_TIMESTAMP and friends.
 * Undefined when the word is an ordinary name here.
 */
export function keywordExpression(p: ParseContext, t: Token): Expr | undefined {
  const word = t.text.toLowerCase();
  const pos = p.pos(t);
  const nextIsString = p.peek(1).kind === 'string';
  switch (word) {
    case 'null':
      p.next();
      return { kind: 'null', pos };
    case 'true':
    case 'false':
      p.next();
      return { kind: 'boolean', value: word === 'true', pos };
    case 'timestamp':
    case 'date':
    case 'time':
      if (!nextIsString) return undefined;
      p.next();
      return { kind: 'typedLiteral', type: word, value: p.next().text, pos };
    case 'double':
    case 'bigint':
    case 'integer':
    case 'varchar':
    case 'boolean':
    case 'decimal':
    case 'real': {
      // type-constructor literals: DOUBLE '0.9'
      if (!nextIsString) return undefined;
      p.next();
      const value: Expr = { kind: 'string', value: p.next().text, pos };
      return { kind: 'cast', expr: value, type: { name: word, args: [], pos }, safe: false, pos };
    }
    case 'interval':
      if (!nextIsString && !((p.isOp('-', 1) || p.isOp('+', 1)) && p.peek(2).kind === 'string')) return undefined;
      return intervalLiteral(p);
    case 'case':
      return caseExpression(p);
    case 'cast':
    case 'try_cast': {
      p.next();
      p.expectOp('(');
      const expr = p.expression();
      p.expectWord('as');
      const type = typeName(p);
      p.expectOp(')');
      return { kind: 'cast', expr, type, safe: word === 'try_cast', pos };
    }
    case 'exists': {
      p.next();
      p.expectOp('(');
      const query = p.query();
      p.expectOp(')');
      return { kind: 'exists', query, pos };
    }
    case 'extract': {
      if (!p.isOp('(', 1)) return undefined;
      p.next();
      p.expectOp('(');
      const field = p.identifier().toLowerCase();
      p.expectWord('from');
      const value = p.expression();
      p.expectOp(')');
      return { kind: 'extract', field, value, pos };
    }
    case 'position': {
      if (!p.isOp('(', 1)) return undefined;
      p.next();
      p.expectOp('(');
      const needle = p.concat();
      p.expectWord('in');
      const haystack = p.concat();
      p.expectOp(')');
      return { kind: 'call', name: 'strpos', args: [haystack, needle], distinct: false, star: false, pos };
    }
    case 'array':
      if (!p.isOp('[', 1)) return undefined;
      p.skip(2);
      if (p.acceptOp(']')) return { kind: 'array', items: [], pos };
      return { kind: 'array', items: expressionList(p, ']'), pos };
    case 'row':
      if (!p.isOp('(', 1)) return undefined;
      p.skip(2);
      return { kind: 'row', items: expressionList(p, ')'), pos };
    case 'current_timestamp':
    case 'current_date':
    case 'current_time':
    case 'localtimestamp':
    case 'localtime':
      if (p.isOp('(', 1)) return undefined;
      p.next();
      return { kind: 'call', name: word, args: [], distinct: false, star: false, pos };
    default:
      return undefined;
  }
}

/** Comma-separated expressions up to and including `close`. */
function expressionList(p: ParseContext, close: string): Expr[] {
  const items: Expr[] = [];
  do items.push(p.expression());
  while (p.acceptOp(','));
  p.expectOp(close);
  return items;
}

/** `INTERVAL [+|-] '2' DAY [TO SECOND]` */
function intervalLiteral(p: ParseContext): Expr {
  const t = p.next();
  let sign: 1 | -1 = 1;
  if (p.acceptOp('-')) sign = -1;
  else p.acceptOp('+');
  const value = p.stringLiteral();
  const unit = intervalUnit(p);
  let toUnit: string | undefined;
  if (p.acceptWord('to')) toUnit = intervalUnit(p);
  return { kind: 'interval', value, sign, unit, toUnit, pos: p.pos(t) };
}

/** `CASE [operand] WHEN ... THEN ... [ELSE ...] END` */
function caseExpression(p: ParseContext): Expr {
  const t = p.next();
  const operand = p.isWord('when') ? undefined : p.expression();
  const whens: Array<{ when: Expr; then: Expr }> = [];
  while (p.acceptWord('when')) {
    const when = p.expression();
    p.expectWord('then');
    whens.push({ when, then: p.expression() });
  }
  if (whens.length === 0) p.fail(p.peek(), `mismatched input '${p.peek().text}'. Expecting: 'WHEN'`);
  const otherwise = p.acceptWord('else') ? p.expression() : undefined;
  p.expectWord('end');
  return { kind: 'case', operand, whens, else: otherwise, pos: p.pos(t) };
}
