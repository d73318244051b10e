import { positioned, type SourcePosition } from './errors';
import type { Token } from './tokenizer';

/** Words that end an expression or clause, so they can never be taken as an implicit alias. */
export const RESERVED = new Set([
  'select', 'from', 'where', 'group', 'by', 'having', 'order', 'limit', 'offset', 'union', 'intersect', 'except',
  'join', 'inner', 'left', 'right', 'full', 'outer', 'cross', 'on', 'using', 'as', 'with', 'and', 'or', 'not', 'in',
  'is', 'between', 'like', 'case', 'when', 'then', 'else', 'end', 'exists', 'distinct', 'all', 'asc', 'desc', 'nulls',
  'window', 'over', 'filter', 'lateral', 'unnest', 'fetch', 'escape', 'natural',
]);

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
  stringLiteral(): string {
    const t = this.peek();
    if (t.kind !== 'string') this.fail(t, `mismatched input '${t.text}'. Expecting: <string>`);
    this.index++;
    return t.text;
  }
}
