import type { Expr, Query, Statement } from './ast';
import { additiveExpression, concatExpression } from './parse/arithmetic';
import { MAX_NESTING, type NestedKind, type ParseContext } from './parse/context';
import { checkDepth } from './parse/depth-limit';
import { orExpression } from './parse/logical';
import { queryClauses } from './parse/query';
import { statement } from './parse/statements';
import { TokenCursor } from './token-cursor';
import { tokenize } from './tokenizer';

/**
 * Recursive-descent parser over the token stream. The grammar lives in `./parse/` as functions of a ParseContext;
 * this class is that context: it owns the cursor, the nesting guard and the parameter count.
 */
class Parser extends TokenCursor implements ParseContext {
  private depth = 0;
  private paramCount = 0;

  constructor(sql: string) {
    super(tokenize(sql));
  }

  get parameterCount(): number {
    return this.paramCount;
  }

  parseStatement(): Statement {
    const parsed = statement(this);
    this.acceptOp(';');
    if (this.peek().kind !== 'eof') this.fail(this.peek(), `mismatched input '${this.peek().text}'. Expecting: <EOF>`);
    return parsed;
  }

  query(): Query {
    const start = this.peek();
    return this.nested('Query', () => queryClauses(this, start));
  }

  expression(): Expr {
    return this.nested('Expression', () => orExpression(this));
  }

  /** One nesting level deeper; refuses input nested beyond MAX_NESTING. */
  nested<T>(what: NestedKind, parse: () => T): T {
    if (++this.depth > MAX_NESTING) this.fail(this.peek(), `${what} is nested more than ${MAX_NESTING} levels deep`);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  concat(): Expr {
    return concatExpression(this);
  }

  additive(): Expr {
    return additiveExpression(this);
  }

  nextParameterIndex(): number {
    return this.paramCount++;
  }
}

/**
 * Parses one Timestream statement. Throws QueryValidationError with `line L:C:` on syntax errors and on nesting
 * beyond the limits: MAX_NESTING brackets, calls and subqueries while parsing, MAX_DEPTH nodes in the finished tree.
 */
export function parseStatement(sql: string): { statement: Statement; parameterCount: number } {
  const parser = new Parser(sql);
  const parsed = parser.parseStatement();
  checkDepth(parsed);
  return { statement: parsed, parameterCount: parser.parameterCount };
}
