import type { Expr, FrameBound, OrderItem, Query, QueryBody, Relation, Select, SelectItem, Statement, TypeName, WindowSpec } from './ast';
import { RESERVED, TokenCursor } from './token-cursor';
import { tokenize, type Token } from './tokenizer';

/** Deepest expression nesting accepted (keeps recursion far from the stack limit). */
const MAX_NESTING = 200;

/** Reserved words that are also function names when a parenthesis follows. */
const FUNCTION_KEYWORDS = new Set(['filter', 'left', 'right', 'replace']);

/** Recursive-descent parser over the token stream. */
export class Parser extends TokenCursor {
  private depth = 0;
  private paramCount = 0;

  constructor(sql: string) {
    super(tokenize(sql));
  }

  get parameterCount(): number {
    return this.paramCount;
  }

  parseStatement(): Statement {
    const statement = this.statement();
    this.acceptOp(';');
    if (this.peek().kind !== 'eof') this.fail(this.peek(), `mismatched input '${this.peek().text}'. Expecting: <EOF>`);
    return statement;
  }

  // ---- statements
  private statement(): Statement {
    const start = this.peek();
    if (this.isWord('show')) {
      this.next();
      if (this.acceptWord('databases') || this.acceptWord('schemas')) {
        return { kind: 'showDatabases', like: this.acceptWord('like') ? this.stringLiteral() : undefined, pos: this.pos(start) };
      }
      if (this.acceptWord('tables')) {
        let database: string | undefined;
        if (this.acceptWord('from') || this.acceptWord('in')) database = this.identifier();
        return { kind: 'showTables', database, like: this.acceptWord('like') ? this.stringLiteral() : undefined, pos: this.pos(start) };
      }
      if (this.acceptWord('measures')) {
        if (!this.acceptWord('from')) this.expectWord('in');
        const nameToken = this.peek();
        const [database, table] = this.databaseTable();
        return { kind: 'showMeasures', database, table, like: this.acceptWord('like') ? this.stringLiteral() : undefined, pos: this.pos(nameToken) };
      }
      this.fail(this.peek(), `mismatched input '${this.peek().text}'. Expecting: 'DATABASES', 'MEASURES', 'TABLES'`);
    }
    if (this.isWord('describe') || this.isWord('desc')) {
      this.next();
      const nameToken = this.peek();
      const [database, table] = this.databaseTable();
      return { kind: 'describe', database, table, pos: this.pos(nameToken) };
    }
    return this.query();
  }

  private databaseTable(): [string, string] {
    const t = this.peek();
    const first = this.identifier();
    if (!this.acceptOp('.')) this.fail(t, `Database not specified for table '${first}'`);
    return [first, this.identifier()];
  }

  // ---- queries
  query(): Query {
    const start = this.peek();
    if (++this.depth > MAX_NESTING) this.fail(start, `Query is nested more than ${MAX_NESTING} levels deep`);
    try {
      return this.queryBody(start);
    } finally {
      this.depth--;
    }
  }

  private queryBody(start: Token): Query {
    const withs: Query['with'] = [];
    if (this.acceptWord('with')) {
      this.acceptWord('recursive');
      do {
        const pos = this.pos();
        const name = this.identifier();
        let columns: string[] | undefined;
        if (this.acceptOp('(')) {
          columns = [];
          do columns.push(this.identifier());
          while (this.acceptOp(','));
          this.expectOp(')');
        }
        this.expectWord('as');
        this.expectOp('(');
        const query = this.query();
        this.expectOp(')');
        withs.push({ name, columns, query, pos });
      } while (this.acceptOp(','));
    }
    const body = this.setOperation();
    const orderBy = this.acceptWord('order') ? (this.expectWord('by'), this.orderItems()) : [];
    let limit: Expr | undefined;
    let offset: Expr | undefined;
    for (;;) {
      if (this.acceptWord('limit')) {
        if (this.acceptWord('all')) continue;
        limit = this.primary();
      } else if (this.acceptWord('offset')) {
        offset = this.primary();
        if (!this.acceptWord('rows')) this.acceptWord('row');
      } else break;
    }
    return { kind: 'query', with: withs, body, orderBy, limit, offset, pos: this.pos(start) };
  }

  private setOperation(): QueryBody {
    let left = this.queryTerm();
    for (;;) {
      const t = this.peek();
      const op = this.isWord('union') ? 'union' : this.isWord('except') ? 'except' : undefined;
      if (!op) return left;
      this.next();
      const all = this.acceptWord('all');
      if (!all) this.acceptWord('distinct');
      left = { kind: 'setop', op, all, left, right: this.queryTerm(), pos: this.pos(t) };
    }
  }

  private queryTerm(): QueryBody {
    let left = this.queryPrimary();
    while (this.isWord('intersect')) {
      const t = this.next();
      const all = this.acceptWord('all');
      if (!all) this.acceptWord('distinct');
      left = { kind: 'setop', op: 'intersect', all, left, right: this.queryPrimary(), pos: this.pos(t) };
    }
    return left;
  }

  private queryPrimary(): QueryBody {
    if (this.isOp('(')) {
      const t = this.next();
      const query = this.query();
      this.expectOp(')');
      return { kind: 'nested', query, pos: this.pos(t) };
    }
    return this.select();
  }

  private select(): Select {
    const start = this.expectWord('select');
    const distinct = this.acceptWord('distinct');
    if (!distinct) this.acceptWord('all');
    const items: SelectItem[] = [];
    do items.push(this.selectItem());
    while (this.acceptOp(','));
    const from: Relation[] = [];
    if (this.acceptWord('from')) {
      do from.push(this.relation());
      while (this.acceptOp(','));
    }
    const where = this.acceptWord('where') ? this.expression() : undefined;
    const groupBy: Expr[] = [];
    if (this.acceptWord('group')) {
      this.expectWord('by');
      do groupBy.push(this.expression());
      while (this.acceptOp(','));
    }
    const having = this.acceptWord('having') ? this.expression() : undefined;
    return { kind: 'select', distinct, items, from, where, groupBy, having, pos: this.pos(start) };
  }

  private selectItem(): SelectItem {
    const start = this.peek();
    if (this.acceptOp('*')) return { kind: 'star', pos: this.pos(start) };
    // qualified star: a.b.*
    let k = 0;
    while (this.isIdentifier(k) && this.isOp('.', k + 1)) k += 2;
    if (k > 0 && this.isOp('*', k)) {
      const qualifier: string[] = [];
      for (let j = 0; j < k; j += 2) qualifier.push(this.peek(j).text);
      this.index += k + 1;
      return { kind: 'star', qualifier, pos: this.pos(start) };
    }
    const expr = this.expression();
    let alias: string | undefined;
    if (this.acceptWord('as')) alias = this.identifier();
    else if (this.isIdentifier()) alias = this.identifier();
    return { kind: 'expr', expr, alias, pos: this.pos(start) };
  }

  private relation(): Relation {
    let left = this.relationPrimary();
    for (;;) {
      const t = this.peek();
      let type: 'inner' | 'left' | 'right' | 'full' | 'cross' | undefined;
      if (this.acceptWord('cross')) {
        this.expectWord('join');
        type = 'cross';
      } else if (this.acceptWord('join')) type = 'inner';
      else if (this.acceptWord('inner')) {
        this.expectWord('join');
        type = 'inner';
      } else if (this.isWord('left') || this.isWord('right') || this.isWord('full')) {
        type = this.next().text.toLowerCase() as 'left' | 'right' | 'full';
        this.acceptWord('outer');
        this.expectWord('join');
      } else if (this.isWord('natural')) this.fail(t, 'NATURAL JOIN is not supported');
      if (!type) return left;
      const right = this.relationPrimary();
      if (type === 'cross') {
        left = { kind: 'join', type, left, right, pos: this.pos(t) };
      } else if (this.acceptWord('using')) {
        this.expectOp('(');
        const using: string[] = [];
        do using.push(this.identifier());
        while (this.acceptOp(','));
        this.expectOp(')');
        left = { kind: 'join', type, left, right, using, pos: this.pos(t) };
      } else {
        this.expectWord('on');
        left = { kind: 'join', type, left, right, on: this.expression(), pos: this.pos(t) };
      }
    }
  }

  private aliasClause(): { alias?: string; columnAliases?: string[] } {
    let alias: string | undefined;
    if (this.acceptWord('as')) alias = this.identifier();
    else if (this.isIdentifier()) alias = this.identifier();
    let columnAliases: string[] | undefined;
    if (alias !== undefined && this.acceptOp('(')) {
      columnAliases = [];
      do columnAliases.push(this.identifier());
      while (this.acceptOp(','));
      this.expectOp(')');
    }
    return { alias, columnAliases };
  }

  private relationPrimary(): Relation {
    const start = this.peek();
    this.acceptWord('lateral');
    if (this.acceptWord('unnest')) {
      this.expectOp('(');
      const args: Expr[] = [];
      do args.push(this.expression());
      while (this.acceptOp(','));
      this.expectOp(')');
      let withOrdinality = false;
      if (this.isWord('with') && this.isWord('ordinality', 1)) {
        this.index += 2;
        withOrdinality = true;
      }
      return { kind: 'unnest', args, withOrdinality, ...this.aliasClause(), pos: this.pos(start) };
    }
    if (this.isOp('(')) {
      if (this.isWord('select', 1) || this.isWord('with', 1) || this.isOp('(', 1)) {
        // a parenthesised query, or a parenthesised relation
        const save = this.index;
        this.next();
        if (this.isOp('(') && !this.looksLikeQuery()) {
          this.index = save;
        } else {
          const query = this.query();
          this.expectOp(')');
          return { kind: 'derived', query, ...this.aliasClause(), pos: this.pos(start) };
        }
      }
      this.next();
      const inner = this.relation();
      this.expectOp(')');
      return inner;
    }
    const parts = [this.identifier()];
    while (this.acceptOp('.')) parts.push(this.identifier());
    const { alias, columnAliases } = this.aliasClause();
    if (columnAliases) this.fail(start, 'Column aliases on a table are not supported');
    return { kind: 'table', parts, alias, pos: this.pos(start) };
  }

  private looksLikeQuery(): boolean {
    let k = 0;
    while (this.isOp('(', k)) k++;
    return this.isWord('select', k) || this.isWord('with', k);
  }

  private orderItems(): OrderItem[] {
    const items: OrderItem[] = [];
    do {
      const expr = this.expression();
      const descending = this.acceptWord('desc') ? true : (this.acceptWord('asc'), false);
      let nulls: 'first' | 'last' | undefined;
      if (this.acceptWord('nulls')) nulls = this.acceptWord('first') ? 'first' : (this.expectWord('last'), 'last');
      items.push({ expr, descending, nulls });
    } while (this.acceptOp(','));
    return items;
  }

  // ---- expressions
  expression(): Expr {
    if (++this.depth > MAX_NESTING) this.fail(this.peek(), `Expression is nested more than ${MAX_NESTING} levels deep`);
    try {
      return this.or();
    } finally {
      this.depth--;
    }
  }

  private or(): Expr {
    let left = this.and();
    while (this.isWord('or')) {
      const t = this.next();
      left = { kind: 'binary', op: 'or', left, right: this.and(), pos: this.pos(t) };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.isWord('and')) {
      const t = this.next();
      left = { kind: 'binary', op: 'and', left, right: this.not(), pos: this.pos(t) };
    }
    return left;
  }

  private not(): Expr {
    if (this.isWord('not')) {
      const t = this.next();
      return { kind: 'unary', op: 'not', operand: this.not(), pos: this.pos(t) };
    }
    return this.predicate();
  }

  private predicate(): Expr {
    const value = this.concat();
    const t = this.peek();
    if (t.kind === 'op' && ['=', '<>', '!=', '<', '<=', '>', '>='].includes(t.text)) {
      this.next();
      const op = t.text === '!=' ? '<>' : t.text;
      if (this.isWord('any') || this.isWord('some') || this.isWord('all')) this.fail(this.peek(), `${this.peek().text.toUpperCase()} subquery comparisons are not supported`);
      return { kind: 'binary', op, left: value, right: this.concat(), pos: this.pos(t) };
    }
    if (this.isWord('is')) {
      this.next();
      const not = this.acceptWord('not');
      if (this.acceptWord('null')) return { kind: 'isNull', not, value, pos: this.pos(t) };
      if (this.acceptWord('distinct')) {
        this.expectWord('from');
        return { kind: 'isDistinct', not, left: value, right: this.concat(), pos: this.pos(t) };
      }
      this.fail(this.peek(), `mismatched input '${this.peek().text}'. Expecting: 'DISTINCT', 'NULL'`);
    }
    const not = this.isWord('not') && (this.isWord('between', 1) || this.isWord('in', 1) || this.isWord('like', 1));
    if (not) this.next();
    if (this.acceptWord('between')) {
      const low = this.concat();
      this.expectWord('and');
      return { kind: 'between', not, value, low, high: this.concat(), pos: this.pos(t) };
    }
    if (this.acceptWord('in')) {
      this.expectOp('(');
      if (this.looksLikeQuery()) {
        const query = this.query();
        this.expectOp(')');
        return { kind: 'inQuery', not, value, query, pos: this.pos(t) };
      }
      const list: Expr[] = [];
      do list.push(this.expression());
      while (this.acceptOp(','));
      this.expectOp(')');
      return { kind: 'inList', not, value, list, pos: this.pos(t) };
    }
    if (this.acceptWord('like')) {
      const pattern = this.concat();
      const escape = this.acceptWord('escape') ? this.concat() : undefined;
      return { kind: 'like', not, value, pattern, escape, pos: this.pos(t) };
    }
    return value;
  }

  private concat(): Expr {
    let left = this.additive();
    while (this.isOp('||')) {
      const t = this.next();
      left = { kind: 'binary', op: '||', left, right: this.additive(), pos: this.pos(t) };
    }
    return left;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const t = this.next();
      left = { kind: 'binary', op: t.text, left, right: this.multiplicative(), pos: this.pos(t) };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const t = this.next();
      left = { kind: 'binary', op: t.text, left, right: this.unary(), pos: this.pos(t) };
    }
    return left;
  }

  private unary(): Expr {
    if (this.isOp('-') || this.isOp('+')) {
      const t = this.next();
      const operand = this.unary();
      if (t.text === '-' && operand.kind === 'number') return { ...operand, text: `-${operand.text}`, pos: this.pos(t) };
      if (t.text === '-' && operand.kind === 'duration') return { ...operand, amount: `-${operand.amount}`, pos: this.pos(t) };
      return { kind: 'unary', op: t.text as '-' | '+', operand, pos: this.pos(t) };
    }
    return this.postfix(this.primary());
  }

  private postfix(expr: Expr): Expr {
    for (;;) {
      if (this.isOp('[')) {
        const t = this.next();
        const index = this.expression();
        this.expectOp(']');
        expr = { kind: 'subscript', value: expr, index, pos: this.pos(t) };
      } else if (this.isOp('.') && expr.kind !== 'column') {
        const t = this.next();
        expr = { kind: 'field', value: expr, field: this.identifier(), pos: this.pos(t) };
      } else if (this.isWord('at') && this.isWord('time', 1) && this.isWord('zone', 2)) {
        this.fail(this.peek(), 'AT TIME ZONE is not supported');
      } else return expr;
    }
  }

  private primary(): Expr {
    const t = this.peek();
    const pos = this.pos(t);
    switch (t.kind) {
      case 'number':
        this.next();
        return { kind: 'number', text: t.text, isInteger: /* digits only */ [...t.text].every((c) => c >= '0' && c <= '9'), pos };
      case 'string':
        this.next();
        return { kind: 'string', value: t.text, pos };
      case 'duration':
        this.next();
        return { kind: 'duration', amount: t.amount as string, unit: t.unit as 'ms', pos };
      case 'param':
        this.next();
        return { kind: 'param', index: this.paramCount++, name: t.text, pos };
      case 'op':
        if (t.text === '(') {
          if (this.looksLikeLambda()) return this.lambda();
          this.next();
          if (this.looksLikeQuery()) {
            const query = this.query();
            this.expectOp(')');
            return { kind: 'subquery', query, pos };
          }
          const first = this.expression();
          if (this.acceptOp(',')) {
            const items = [first];
            do items.push(this.expression());
            while (this.acceptOp(','));
            this.expectOp(')');
            return { kind: 'row', items, pos };
          }
          this.expectOp(')');
          return first;
        }
        return this.fail(t, `mismatched input '${t.text}'. Expecting: <expression>`);
      case 'quoted':
        return this.name();
      case 'ident':
        if (FUNCTION_KEYWORDS.has(t.text.toLowerCase()) && this.isOp('(', 1)) {
          this.next();
          return this.call(t.text, t);
        }
        return this.keywordExpression(t) ?? (RESERVED.has(t.text.toLowerCase()) ? this.fail(t, `mismatched input '${t.text}'. Expecting: <expression>`) : this.name());
      default:
        return this.fail(t, `mismatched input '${t.text}'. Expecting: <expression>`);
    }
  }

  private looksLikeLambda(): boolean {
    if (this.isIdentifier() && this.isOp('->', 1)) return true;
    if (!this.isOp('(')) return false;
    let k = 1;
    if (this.isOp(')', k)) return this.isOp('->', k + 1);
    for (;;) {
      if (!this.isIdentifier(k)) return false;
      k++;
      if (this.isOp(')', k)) return this.isOp('->', k + 1);
      if (!this.isOp(',', k)) return false;
      k++;
    }
  }

  private lambda(): Expr {
    const pos = this.pos();
    const params: string[] = [];
    if (this.acceptOp('(')) {
      if (!this.isOp(')')) {
        do params.push(this.identifier());
        while (this.acceptOp(','));
      }
      this.expectOp(')');
    } else params.push(this.identifier());
    this.expectOp('->');
    return { kind: 'lambda', params, body: this.expression(), pos };
  }

  private name(): Expr {
    const t = this.peek();
    if (this.isIdentifier() && this.isOp('->', 1)) return this.lambda();
    const first = this.identifier();
    if (this.isOp('(') && t.kind === 'ident') return this.call(first, t);
    const parts = [first];
    while (this.isOp('.') && (this.peek(1).kind === 'ident' || this.peek(1).kind === 'quoted')) {
      this.next();
      parts.push(this.next().text);
    }
    return { kind: 'column', parts, pos: this.pos(t) };
  }

  /** Expressions introduced by a keyword; undefined when the word is an ordinary name. */
  private keywordExpression(t: Token): Expr | undefined {
    const word = t.text.toLowerCase();
    const pos = this.pos(t);
    const nextIsString = this.peek(1).kind === 'string';
    switch (word) {
      case 'null':
        this.next();
        return { kind: 'null', pos };
      case 'true':
      case 'false':
        this.next();
        return { kind: 'boolean', value: word === 'true', pos };
      case 'timestamp':
      case 'date':
      case 'time':
        if (!nextIsString) return undefined;
        this.next();
        return { kind: 'typedLiteral', type: word, value: this.next().text, pos };
      case 'double':
      case 'bigint':
      case 'integer':
      case 'varchar':
      case 'boolean':
      case 'decimal':
      case 'real': {
        // type-constructor literals: DOUBLE '0.9'
        if (!nextIsString) return undefined;
        this.next();
        const value: Expr = { kind: 'string', value: this.next().text, pos };
        return { kind: 'cast', expr: value, type: { name: word, args: [], pos }, safe: false, pos };
      }
      case 'interval':
        return this.intervalLiteral();
      case 'case':
        return this.caseExpression();
      case 'cast':
      case 'try_cast': {
        this.next();
        this.expectOp('(');
        const expr = this.expression();
        this.expectWord('as');
        const type = this.typeName();
        this.expectOp(')');
        return { kind: 'cast', expr, type, safe: word === 'try_cast', pos };
      }
      case 'exists': {
        this.next();
        this.expectOp('(');
        const query = this.query();
        this.expectOp(')');
        return { kind: 'exists', query, pos };
      }
      case 'extract': {
        if (!this.isOp('(', 1)) return undefined;
        this.next();
        this.expectOp('(');
        const field = this.identifier().toLowerCase();
        this.expectWord('from');
        const value = this.expression();
        this.expectOp(')');
        return { kind: 'extract', field, value, pos };
      }
      case 'position': {
        if (!this.isOp('(', 1)) return undefined;
        this.next();
        this.expectOp('(');
        const needle = this.concat();
        this.expectWord('in');
        const haystack = this.concat();
        this.expectOp(')');
        return { kind: 'call', name: 'strpos', args: [haystack, needle], distinct: false, star: false, pos };
      }
      case 'array':
        if (!this.isOp('[', 1)) return undefined;
        this.next();
        this.next();
        if (this.acceptOp(']')) return { kind: 'array', items: [], pos };
        {
          const items: Expr[] = [];
          do items.push(this.expression());
          while (this.acceptOp(','));
          this.expectOp(']');
          return { kind: 'array', items, pos };
        }
      case 'row':
        if (!this.isOp('(', 1)) return undefined;
        this.next();
        this.next();
        {
          const items: Expr[] = [];
          do items.push(this.expression());
          while (this.acceptOp(','));
          this.expectOp(')');
          return { kind: 'row', items, pos };
        }
      case 'current_timestamp':
      case 'current_date':
      case 'current_time':
      case 'localtimestamp':
      case 'localtime':
        if (this.isOp('(', 1)) return undefined;
        this.next();
        return { kind: 'call', name: word, args: [], distinct: false, star: false, pos };
      default:
        return undefined;
    }
  }

  private intervalLiteral(): Expr {
    const t = this.next();
    let sign: 1 | -1 = 1;
    if (this.acceptOp('-')) sign = -1;
    else this.acceptOp('+');
    const value = this.stringLiteral();
    const unit = this.intervalUnit();
    let toUnit: string | undefined;
    if (this.acceptWord('to')) toUnit = this.intervalUnit();
    return { kind: 'interval', value, sign, unit, toUnit, pos: this.pos(t) };
  }

  private intervalUnit(): string {
    const t = this.peek();
    const unit = t.kind === 'ident' ? t.text.toLowerCase() : '';
    const known = ['year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond', 'week'];
    const singular = unit.endsWith('s') ? unit.slice(0, -1) : unit;
    if (!known.includes(singular)) this.fail(t, `mismatched input '${t.text}'. Expecting: 'DAY', 'HOUR', 'MINUTE', 'MONTH', 'SECOND', 'YEAR'`);
    this.next();
    return singular;
  }

  private caseExpression(): Expr {
    const t = this.next();
    const operand = this.isWord('when') ? undefined : this.expression();
    const whens: Array<{ when: Expr; then: Expr }> = [];
    while (this.acceptWord('when')) {
      const when = this.expression();
      this.expectWord('then');
      whens.push({ when, then: this.expression() });
    }
    if (whens.length === 0) this.fail(this.peek(), `mismatched input '${this.peek().text}'. Expecting: 'WHEN'`);
    const otherwise = this.acceptWord('else') ? this.expression() : undefined;
    this.expectWord('end');
    return { kind: 'case', operand, whens, else: otherwise, pos: this.pos(t) };
  }

  typeName(): TypeName {
    const t = this.peek();
    const pos = this.pos(t);
    let name = this.identifier().toLowerCase();
    if (name === 'double' && this.isWord('precision')) this.next();
    if (name === 'interval') {
      const from = this.intervalUnit();
      this.expectWord('to');
      const to = this.intervalUnit();
      name = from === 'year' && to === 'month' ? 'interval year to month' : 'interval day to second';
      return { name, args: [], pos };
    }
    const args: TypeName[] = [];
    const fieldNames: Array<string | undefined> = [];
    if (this.acceptOp('(')) {
      do {
        if (this.peek().kind === 'number') {
          this.next();
          continue;
        }
        if (name === 'row' && this.isIdentifier() && (this.isIdentifier(1) || this.peek(1).kind === 'ident')) {
          fieldNames.push(this.identifier());
        } else if (name === 'row') fieldNames.push(undefined);
        args.push(this.typeName());
      } while (this.acceptOp(','));
      this.expectOp(')');
    }
    return { name, args, fieldNames: name === 'row' ? fieldNames : undefined, pos };
  }

  private call(name: string, t: Token): Expr {
    const pos = this.pos(t);
    this.expectOp('(');
    const lower = name.toLowerCase();
    let distinct = false;
    let star = false;
    const args: Expr[] = [];
    let orderBy: OrderItem[] | undefined;
    if (this.acceptOp('*')) star = true;
    else if (!this.isOp(')')) {
      distinct = this.acceptWord('distinct');
      if (!distinct) this.acceptWord('all');
      do args.push(this.looksLikeLambda() ? this.lambda() : this.expression());
      while (this.acceptOp(','));
      if (this.acceptWord('order')) {
        this.expectWord('by');
        orderBy = this.orderItems();
      }
    }
    this.expectOp(')');
    let filter: Expr | undefined;
    if (this.isWord('filter') && this.isOp('(', 1)) {
      this.index += 2;
      this.expectWord('where');
      filter = this.expression();
      this.expectOp(')');
    }
    let over: WindowSpec | undefined;
    if (this.acceptWord('over')) over = this.windowSpec();
    return { kind: 'call', name: lower, args, distinct, star, orderBy, filter, over, pos };
  }

  private windowSpec(): WindowSpec {
    this.expectOp('(');
    const partitionBy: Expr[] = [];
    if (this.acceptWord('partition')) {
      this.expectWord('by');
      do partitionBy.push(this.expression());
      while (this.acceptOp(','));
    }
    const orderBy = this.acceptWord('order') ? (this.expectWord('by'), this.orderItems()) : [];
    let frame: WindowSpec['frame'];
    if (this.isWord('rows') || this.isWord('range')) {
      const type = this.next().text.toLowerCase() as 'rows' | 'range';
      if (this.acceptWord('between')) {
        const start = this.frameBound();
        this.expectWord('and');
        frame = { type, start, end: this.frameBound() };
      } else frame = { type, start: this.frameBound() };
    }
    this.expectOp(')');
    return { partitionBy, orderBy, frame };
  }

  private frameBound(): FrameBound {
    if (this.acceptWord('unbounded')) {
      return this.acceptWord('preceding') ? { kind: 'unboundedPreceding' } : (this.expectWord('following'), { kind: 'unboundedFollowing' });
    }
    if (this.acceptWord('current')) {
      this.expectWord('row');
      return { kind: 'currentRow' };
    }
    const offset = this.additive();
    return this.acceptWord('preceding') ? { kind: 'preceding', offset } : (this.expectWord('following'), { kind: 'following', offset });
  }
}

/** Parses one Timestream statement. Throws QueryValidationError with `line L:C:` on syntax errors. */
export function parseStatement(sql: string): { statement: Statement; parameterCount: number } {
  const parser = new Parser(sql);
  const statement = parser.parseStatement();
  return { statement, parameterCount: parser.parameterCount };
}
