import type { Expr, Query, Statement } from './ast';
import { additiveExpression, concatExpression } from './parse/arithmetic';
import type { ParseContext } from './parse/context';
import { orExpression } from './parse/logical';
import { queryClauses } from './parse/query';
import { statement } from './parse/statements';
import { TokenCursor } from './token-cursor';
import { tokenize } from './tokenizer';

/** Deepest expression nesting accepted (keeps recursion far from the stack limit). */
const MAX_NESTING = 200;

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
    this.enterNesting('Query');
    try {
      return queryClauses(this, start);
    } finally {
      this.depth--;
    }
  }

  expression(): Expr {
    this.enterNesting('Expression');
    try {
      return orExpression(this);
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

  /** One nesting level deeper (the caller leaves it with `depth--`); refuses input nested beyond MAX_NESTING. */
  private enterNesting(what: 'Query' | 'Expression'): void {
    if (++this.depth > MAX_NESTING) this.fail(this.peek(), `${what} is nested more than ${MAX_NESTING} levels deep`);
  }
}

/** Parses one Timestream statement. Throws QueryValidationError with `line L:C:` on syntax errors. */
export function parseStatement(sql: string): { statement: Statement; parameterCount: number } {
  const parser = new Parser(sql);
  const parsed = parser.parseStatement();
  return { statement: parsed, parameterCount: parser.parameterCount };
}
