import type { Statement } from '../ast';
import type { ParseContext } from './context';

/** SHOW DATABASES | TABLES | MEASURES, DESCRIBE, or a query. */
export function statement(p: ParseContext): Statement {
  const start = p.peek();
  if (p.isWord('show')) {
    p.next();
    if (p.acceptWord('databases') || p.acceptWord('schemas')) {
      return { kind: 'showDatabases', like: likeClause(p), pos: p.pos(start) };
    }
    if (p.acceptWord('tables')) {
      let database: string | undefined;
      if (p.acceptWord('from') || p.acceptWord('in')) database = p.identifier();
      return { kind: 'showTables', database, like: likeClause(p), pos: p.pos(start) };
    }
    if (p.acceptWord('measures')) {
      if (!p.acceptWord('from')) p.expectWord('in');
      const nameToken = p.peek();
      const [database, table] = databaseTable(p);
      return { kind: 'showMeasures', database, table, like: likeClause(p), pos: p.pos(nameToken) };
    }
    p.fail(p.peek(), `mismatched input '${p.peek().text}'. Expecting: 'DATABASES', 'MEASURES', 'TABLES'`);
  }
  if (p.isWord('describe') || p.isWord('desc')) {
    p.next();
    const nameToken = p.peek();
    const [database, table] = databaseTable(p);
    return { kind: 'describe', database, table, pos: p.pos(nameToken) };
  }
  if (p.isWord('unload')) p.fail(start, 'UNLOAD is run by Query only, not by PrepareQuery or a scheduled query');
  return p.query();
}

/** `[LIKE 'pattern']` */
function likeClause(p: ParseContext): string | undefined {
  return p.acceptWord('like') ? p.stringLiteral() : undefined;
}

/** `database.table`; a bare table name is refused the way the service refuses it. */
function databaseTable(p: ParseContext): [string, string] {
  const t = p.peek();
  const first = p.identifier();
  if (!p.acceptOp('.')) p.fail(t, `Database not specified for table '${first}'`);
  return [first, p.identifier()];
}
