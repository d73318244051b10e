import type { Expr, Query, QueryBody } from '../ast';
import type { SourcePosition } from '../errors';
import type { Token } from '../tokenizer';
import type { ParseContext } from './context';
import { orderItems } from './order-by';
import { primary } from './primaries';
import { select } from './select';

/** A query after its nesting check (`start` is its first token): `[WITH ...] body [ORDER BY ...] [LIMIT n] [OFFSET n]`. */
export function queryClauses(p: ParseContext, start: Token): Query {
  const recursive = p.isWord('with') && p.isWord('recursive', 1) ? true : undefined;
  const withs = withClause(p);
  const body = setOperation(p);
  const orderBy = p.acceptWord('order') ? (p.expectWord('by'), orderItems(p)) : [];
  let limit: Expr | undefined;
  let withTies: SourcePosition | undefined;
  let offset: Expr | undefined;
  for (;;) {
    if (p.acceptWord('limit')) {
      if (p.acceptWord('all')) continue;
      limit = primary(p);
      withTies = undefined;
    } else if (p.acceptWord('offset')) {
      offset = primary(p);
      if (!p.acceptWord('rows')) p.acceptWord('row');
    } else if (p.isWord('fetch') && (p.isWord('first', 1) || p.isWord('next', 1))) {
      ({ count: limit, withTies } = fetchFirst(p));
    } else break;
  }
  return { kind: 'query', with: withs, recursive, body, orderBy, limit, withTies, offset, pos: p.pos(start) };
}

/** `FETCH FIRST|NEXT [n] ROW|ROWS ONLY | WITH TIES`: ONLY is the standard spelling of LIMIT. */
function fetchFirst(p: ParseContext): { count: Expr; withTies?: SourcePosition } {
  const t = p.next();
  p.next();
  const count: Expr = p.peek().kind === 'number' || p.peek().kind === 'param' ? primary(p) : { kind: 'number', text: '1', isInteger: true, pos: p.pos(t) };
  if (!p.acceptWord('rows')) p.expectWord('row');
  if (p.acceptWord('with')) {
    p.expectWord('ties');
    return { count, withTies: p.pos(t) };
  }
  p.expectWord('only');
  return { count };
}

/** `WITH [RECURSIVE] name [(columns)] AS (query), ...`, or nothing. */
function withClause(p: ParseContext): Query['with'] {
  const withs: Query['with'] = [];
  if (!p.acceptWord('with')) return withs;
  p.acceptWord('recursive');
  do {
    const pos = p.pos();
    const name = p.identifier();
    let columns: string[] | undefined;
    if (p.acceptOp('(')) {
      columns = [];
      do columns.push(p.identifier());
      while (p.acceptOp(','));
      p.expectOp(')');
    }
    p.expectWord('as');
    p.expectOp('(');
    const query = p.query();
    p.expectOp(')');
    withs.push({ name, columns, query, pos });
  } while (p.acceptOp(','));
  return withs;
}

/** UNION and EXCEPT (left-associative), over INTERSECT terms. */
function setOperation(p: ParseContext): QueryBody {
  let left = queryTerm(p);
  for (;;) {
    const t = p.peek();
    const op = p.isWord('union') ? 'union' : p.isWord('except') ? 'except' : undefined;
    if (!op) return left;
    p.next();
    const all = p.acceptWord('all');
    if (!all) p.acceptWord('distinct');
    left = { kind: 'setop', op, all, left, right: queryTerm(p), pos: p.pos(t) };
  }
}

/** INTERSECT binds tighter than UNION and EXCEPT. */
function queryTerm(p: ParseContext): QueryBody {
  let left = queryPrimary(p);
  while (p.isWord('intersect')) {
    const t = p.next();
    const all = p.acceptWord('all');
    if (!all) p.acceptWord('distinct');
    left = { kind: 'setop', op: 'intersect', all, left, right: queryPrimary(p), pos: p.pos(t) };
  }
  return left;
}

function queryPrimary(p: ParseContext): QueryBody {
  if (p.isWord('values')) return values(p);
  if (p.isOp('(')) {
    const t = p.next();
    const query = p.query();
    p.expectOp(')');
    return { kind: 'nested', query, pos: p.pos(t) };
  }
  return select(p);
}

/** `VALUES row, row, ...`: each row an expression; `(a, b)` is a row of two columns. */
function values(p: ParseContext): QueryBody {
  const start = p.next();
  const rows: Expr[] = [];
  do rows.push(p.expression());
  while (p.acceptOp(','));
  return { kind: 'values', rows, pos: p.pos(start) };
}
