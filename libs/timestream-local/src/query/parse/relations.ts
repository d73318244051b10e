import type { Expr, Relation } from '../ast';
import type { SourcePosition } from '../errors';
import type { Token } from '../tokenizer';
import type { ParseContext } from './context';
import { looksLikeQuery } from './lookahead';

type JoinType = Extract<Relation, { kind: 'join' }>['type'];

/** One FROM item: a relation followed by any number of joins. */
export function relation(p: ParseContext): Relation {
  let left = relationPrimary(p);
  for (;;) {
    const t = p.peek();
    const type = joinType(p);
    if (!type) return left;
    const right = relationPrimary(p);
    if (type === 'cross') {
      left = { kind: 'join', type, left, right, pos: p.pos(t) };
    } else if (p.acceptWord('using')) {
      p.expectOp('(');
      const [using, usingPos]: [string[], SourcePosition[]] = [[], []];
      do {
        usingPos.push(p.pos());
        using.push(p.identifier());
      } while (p.acceptOp(','));
      p.expectOp(')');
      left = { kind: 'join', type, left, right, using, usingPos, pos: p.pos(t) };
    } else {
      p.expectWord('on');
      left = { kind: 'join', type, left, right, on: p.expression(), pos: p.pos(t) };
    }
  }
}

/** The join keywords at the cursor (consumed), or undefined when no join follows. */
function joinType(p: ParseContext): JoinType | undefined {
  const t = p.peek();
  if (p.acceptWord('cross')) {
    p.expectWord('join');
    return 'cross';
  }
  if (p.acceptWord('join')) return 'inner';
  if (p.acceptWord('inner')) {
    p.expectWord('join');
    return 'inner';
  }
  if (p.isWord('left') || p.isWord('right') || p.isWord('full')) {
    const type = p.next().text.toLowerCase() as 'left' | 'right' | 'full';
    p.acceptWord('outer');
    p.expectWord('join');
    return type;
  }
  // Trino parses NATURAL JOIN and refuses it when analysing the query, in these words
  if (p.isWord('natural')) p.fail(t, 'Natural join not supported');
  return undefined;
}

/** `[AS] alias [(column, ...)]`, all optional. */
function aliasClause(p: ParseContext): { alias?: string; columnAliases?: string[] } {
  let alias: string | undefined;
  if (p.acceptWord('as')) alias = p.identifier();
  else if (p.isImplicitAlias()) alias = p.identifier();
  let columnAliases: string[] | undefined;
  if (alias !== undefined && p.acceptOp('(')) {
    columnAliases = [];
    do columnAliases.push(p.identifier());
    while (p.acceptOp(','));
    p.expectOp(')');
  }
  return { alias, columnAliases };
}

/** UNNEST(...), a derived table `(query) alias`, a parenthesised relation, or a table name. */
function relationPrimary(p: ParseContext): Relation {
  const start = p.peek();
  if (p.isWord('lateral') && p.isOp('(', 1)) p.next();
  if (p.acceptWord('unnest')) return unnest(p, start);
  if (p.isOp('(')) {
    if (p.isWord('select', 1) || p.isWord('with', 1) || p.isWord('values', 1) || p.isOp('(', 1)) {
      // a parenthesised query, or a parenthesised relation
      const save = p.position;
      p.next();
      if (p.isOp('(') && !looksLikeQuery(p)) {
        p.rewind(save);
      } else {
        const query = p.query();
        p.expectOp(')');
        return { kind: 'derived', query, ...aliasClause(p), pos: p.pos(start) };
      }
    }
    p.next();
    const inner = p.nested('Relation', () => relation(p));
    p.expectOp(')');
    return inner;
  }
  const parts = [p.identifier()];
  while (p.acceptOp('.')) parts.push(p.identifier());
  return { kind: 'table', parts, ...aliasClause(p), pos: p.pos(start) };
}

/** After UNNEST: `(array, ...) [WITH ORDINALITY] [alias]`; `start` is where the relation began. */
function unnest(p: ParseContext, start: Token): Relation {
  p.expectOp('(');
  const args: Expr[] = [];
  do args.push(p.expression());
  while (p.acceptOp(','));
  p.expectOp(')');
  let withOrdinality = false;
  if (p.isWord('with') && p.isWord('ordinality', 1)) {
    p.skip(2);
    withOrdinality = true;
  }
  return { kind: 'unnest', args, withOrdinality, ...aliasClause(p), pos: p.pos(start) };
}
