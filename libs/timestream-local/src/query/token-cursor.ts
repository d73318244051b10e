import { positioned, type SourcePosition } from './errors';
import type { Token } from './tokenizer';

/**
 * The reserved words of the service's grammar (the developer guide's "Reserved keywords", which are Trino's): they
 * are never names unless quoted. Every other word, keywords such as LIMIT, DESC, OVER or FILTER included, may name
 * a column, table or alias.
 */
export const RESERVED = new Set([
  'alter', 'and', 'as', 'between', 'by', 'case', 'cast', 'constraint', 'create', 'cross', 'cube', 'current_date',
  'current_time', 'current_timestamp', 'current_user', 'deallocate', 'delete', 'describe', 'distinct', 'drop', 'else',
  'end', 'escape', 'except', 'execute', 'exists', 'extract', 'false', 'for', 'from', 'full', 'group', 'grouping',
  'having', 'in', 'inner', 'insert', 'intersect', 'into', 'is', 'join', 'left', 'like', 'localtime', 'localtimestamp',
  'natural', 'normalize', 'not', 'null', 'on', 'or', 'order', 'outer', 'prepare', 'recursive', 'right', 'rollup',
  'select', 'table', 'then', 'true', 'uescape', 'union', 'unnest', 'using', 'values', 'when', 'where', 'with',
]);

/**
 * Non-reserved words that start a clause after a relation or a select item when what follows fits the clause:
 * `LIMIT 10`, `OFFSET 5`, `FETCH FIRST`. Elsewhere (`FROM t limit`, `FROM t DESC LIMIT 10`) they are aliases.
 */
const CLAUSE_STARTS: Record<string, (next: Token) => boolean> = {
  limit: (next) => next.kind === 'number' || next.kind === 'param' || (next.kind === 'ident' && next.text.toLowerCase() === 'all'),
  offset: (next) => next.kind === 'number' || next.kind === 'param',
  fetch: (next) => next.kind === 'ident' && ['first', 'next'].includes(next.text.toLowerCase()),
};

/** Position in a token stream, with the look-ahead and expectation helpers the parser is written in. */
export class TokenCursor {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
  }
  next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }
  /** moves past `count` tokens the caller has already looked at */
  skip(count: number): void {
    this.index += count;
  }
  /** where the cursor stands, for `rewind` */
  get position(): number {
    return this.index;
  }
  rewind(position: number): void {
    this.index = position;
  }
  isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'ident' && t.text.toLowerCase() === word;
  }
  acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.index++;
    return true;
  }
  expectWord(word: string): Token {
    if (!this.isWord(word)) this.fail(this.peek(), `mismatched input '${this.peek().text}'. Expecting: '${word.toUpperCase()}'`);
    return this.next();
  }
  isOp(op: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'op' && t.text === op;
  }
  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.index++;
    return true;
  }
  expectOp(op: string): Token {
    if (!this.isOp(op)) this.fail(this.peek(), `mismatched input '${this.peek().text}'. Expecting: '${op}'`);
    return this.next();
  }
  fail(token: SourcePosition & { text?: string }, message: string): never {
    throw positioned(token, message);
  }
  pos(token: Token = this.peek()): SourcePosition {
    return { line: token.line, column: token.column };
  }
  /** an identifier: unquoted (not reserved) or quoted */
  identifier(): string {
    const t = this.peek();
    if (t.kind === 'quoted' || (t.kind === 'ident' && !RESERVED.has(t.text.toLowerCase()))) {
      this.index++;
      return t.text;
    }
    return this.fail(t, `mismatched input '${t.text}'. Expecting: <identifier>`);
  }
  isIdentifier(offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'quoted' || (t.kind === 'ident' && !RESERVED.has(t.text.toLowerCase()));
  }
  /** whether an alias without AS stands here: an identifier that does not start a following clause */
  isImplicitAlias(): boolean {
    if (!this.isIdentifier()) return false;
    const t = this.peek();
    const clause = t.kind === 'ident' ? CLAUSE_STARTS[t.text.toLowerCase()] : undefined;
    return !clause?.(this.peek(1));
  }
  stringLiteral(): string {
    const t = this.peek();
    if (t.kind !== 'string') this.fail(t, `mismatched input '${t.text}'. Expecting: <string>`);
    this.index++;
    return t.text;
  }
}
