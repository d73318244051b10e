import { RuleSqlError } from '../errors';
import type { BinaryOperator, Expression, SelectItem, SelectStatement } from './iot-sql-ast';
import { tokenizeIotSql, type Token } from './iot-sql-tokenizer';

/** Functions the local rule engine evaluates (name in lower case -> accepted argument counts). */
export const SUPPORTED_FUNCTIONS: Readonly<Record<string, readonly number[]>> = {
  clientid: [0],
  timestamp: [0],
  topic: [0, 1],
  newuuid: [0],
  abs: [1],
  lower: [1],
  upper: [1],
};

const COMPARISON = new Set(['=', '<>', '<', '<=', '>', '>=']);

/**
 * A recursive-descent parser for the IoT SQL subset:
 * `SELECT <* | expr [AS name], ...> FROM '<topic filter>' [WHERE <condition>]`.
 * Expressions: literals, field paths (a.b.c), function calls, NOT/AND/OR, comparisons, + - * / %.
 */
class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.index];
  }
  private next(): Token {
    return this.tokens[this.index++];
  }
  private accept(kind: Token['kind'], value?: string): Token | undefined {
    const token = this.peek();
    if (token.kind === kind && (value === undefined || token.value === value)) {
      this.index++;
      return token;
    }
    return undefined;
  }
  private expect(kind: Token['kind'], value: string | undefined, what: string): Token {
    const token = this.accept(kind, value);
    if (!token) throw new RuleSqlError(`expected ${what} but found ${describe(this.peek())}`, this.peek().position);
    return token;
  }

  endOfInput(): void {
    this.expect('end', undefined, 'the end of the expression');
  }

  statement(): SelectStatement {
    this.expect('keyword', 'SELECT', 'SELECT');
    const select: SelectItem[] = [this.selectItem()];
    while (this.accept('punct', ',')) select.push(this.selectItem());
    this.expect('keyword', 'FROM', 'FROM');
    const topic = this.expect('string', undefined, "a quoted topic filter like 'topic/sensors'");
    validateTopicFilter(topic.value, topic.position);
    let where: Expression | undefined;
    if (this.accept('keyword', 'WHERE')) where = this.expression();
    this.expect('end', undefined, 'the end of the statement');
    return { select, topicFilter: topic.value, where };
  }

  private selectItem(): SelectItem {
    if (this.accept('operator', '*')) return { type: 'all' };
    const expression = this.expression();
    let alias: string | undefined;
    if (this.accept('keyword', 'AS')) alias = this.expect('identifier', undefined, 'a name after AS').value;
    return { type: 'expression', expression, alias };
  }

  expression(): Expression {
    return this.or();
  }
  private or(): Expression {
    let left = this.and();
    while (this.accept('keyword', 'OR')) left = { type: 'binary', operator: 'OR', left, right: this.and() };
    return left;
  }
  private and(): Expression {
    let left = this.not();
    while (this.accept('keyword', 'AND')) left = { type: 'binary', operator: 'AND', left, right: this.not() };
    return left;
  }
  private not(): Expression {
    if (this.accept('keyword', 'NOT')) return { type: 'unary', operator: 'NOT', operand: this.not() };
    return this.comparison();
  }
  private comparison(): Expression {
    const left = this.additive();
    const token = this.peek();
    if (token.kind === 'operator' && COMPARISON.has(token.value)) {
      this.next();
      return { type: 'binary', operator: token.value as BinaryOperator, left, right: this.additive() };
    }
    return left;
  }
  private additive(): Expression {
    let left = this.multiplicative();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'operator' || (token.value !== '+' && token.value !== '-')) return left;
      this.next();
      left = { type: 'binary', operator: token.value, left, right: this.multiplicative() };
    }
  }
  private multiplicative(): Expression {
    let left = this.unary();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'operator' || !['*', '/', '%'].includes(token.value)) return left;
      this.next();
      left = { type: 'binary', operator: token.value as BinaryOperator, left, right: this.unary() };
    }
  }
  private unary(): Expression {
    if (this.accept('operator', '-')) return { type: 'unary', operator: '-', operand: this.unary() };
    return this.primary();
  }
  private primary(): Expression {
    const token = this.next();
    switch (token.kind) {
      case 'number':
        return { type: 'literal', value: Number(token.value) };
      case 'string':
        return { type: 'literal', value: token.value };
      case 'keyword':
        if (token.value === 'TRUE') return { type: 'literal', value: true };
        if (token.value === 'FALSE') return { type: 'literal', value: false };
        if (token.value === 'NULL') return { type: 'literal', value: null };
        break;
      case 'punct':
        if (token.value === '(') {
          const inner = this.expression();
          this.expect('punct', ')', "')'");
          return inner;
        }
        break;
      case 'identifier':
        if (this.accept('punct', '(')) return this.call(token);
        return this.field(token);
      default:
        break;
    }
    throw new RuleSqlError(`unexpected ${describe(token)}`, token.position);
  }
  private call(name: Token): Expression {
    const args: Expression[] = [];
    if (!this.accept('punct', ')')) {
      args.push(this.expression());
      while (this.accept('punct', ',')) args.push(this.expression());
      this.expect('punct', ')', "')'");
    }
    const lower = name.value.toLowerCase();
    const arities = SUPPORTED_FUNCTIONS[lower];
    if (!arities) throw new RuleSqlError(`unsupported function ${name.value}()`, name.position);
    if (!arities.includes(args.length)) {
      throw new RuleSqlError(`${name.value}() takes ${arities.join(' or ')} argument(s), got ${args.length}`, name.position);
    }
    return { type: 'call', name: lower, args };
  }
  private field(first: Token): Expression {
    const path = [first.value];
    while (this.accept('punct', '.')) path.push(this.expect('identifier', undefined, 'a field name after "."').value);
    return { type: 'field', path };
  }
}

function describe(token: Token): string {
  if (token.kind === 'end') return 'the end of the text';
  return `${token.kind} ${JSON.stringify(token.value)}`;
}

function validateTopicFilter(filter: string, position: number): void {
  if (filter.length === 0) throw new RuleSqlError('the topic filter is empty', position);
  const levels = filter.split('/');
  levels.forEach((level, i) => {
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
      throw new RuleSqlError(`'#' must be a whole, last level in topic filter '${filter}'`, position);
    }
    if (level.includes('+') && level !== '+') {
      throw new RuleSqlError(`'+' must be a whole level in topic filter '${filter}'`, position);
    }
  });
}

/** Parses a topic rule statement. Throws RuleSqlError naming the position of the problem. */
export function parseIotSql(sql: string): SelectStatement {
  return new Parser(tokenizeIotSql(sql)).statement();
}

/** Parses a single expression, as used in substitution templates (`${device_id}`). */
export function parseIotExpression(text: string): Expression {
  const parser = new Parser(tokenizeIotSql(text));
  const expression = parser.expression();
  parser.endOfInput();
  return expression;
}
