import type { Expr } from '../ast';
import type { ParseContext } from './context';

/** One precedence level of left-associative binary operators: the operator the cursor stands at (as the AST spells it), if any. */
export type OperatorLevel = (p: ParseContext) => string | undefined;

/** A level of symbol operators: the one of `ops` the cursor stands at. */
export function symbols(...ops: string[]): OperatorLevel {
  const set = new Set(ops);
  return (p) => {
    const t = p.peek();
    return t.kind === 'op' && set.has(t.text) ? t.text : undefined;
  };
}

/** A level holding one keyword operator (`AND`, `OR`), spelled in lower case. */
export const keyword = (word: string): OperatorLevel => (p) => (p.isWord(word) ? word : undefined);

/**
 * Operands joined by the operators of `levels` (loosest first) from `levels[lowest]` on, every level
 * left-associative, each binary expression reported at its operator. Precedence climbing: it recurses once per
 * operator rather than once per level, which keeps deep nesting light on the stack.
 */
export function binaryOperators(p: ParseContext, levels: OperatorLevel[], lowest: number, operand: (p: ParseContext) => Expr): Expr {
  let left = operand(p);
  for (;;) {
    let level = lowest;
    let op: string | undefined;
    for (; level < levels.length && op === undefined; level++) op = levels[level](p);
    if (op === undefined) return left;
    const t = p.next();
    // the right operand takes only operators that bind tighter than this one (level is already one past it)
    left = { kind: 'binary', op, left, right: binaryOperators(p, levels, level, operand), pos: p.pos(t) };
  }
}
