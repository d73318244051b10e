import type { TypeName } from '../ast';
import type { TokenCursor } from '../token-cursor';
import type { ParseContext } from './context';

const INTERVAL_UNITS = ['year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond', 'week'];

/** An interval unit word (`DAY`, `hours` ...), singular and lower-case. */
export function intervalUnit(cursor: TokenCursor): string {
  const t = cursor.peek();
  const unit = t.kind === 'ident' ? t.text.toLowerCase() : '';
  const singular = unit.endsWith('s') ? unit.slice(0, -1) : unit;
  if (!INTERVAL_UNITS.includes(singular)) cursor.fail(t, `mismatched input '${t.text}'. Expecting: 'DAY', 'HOUR', 'MINUTE', 'MONTH', 'SECOND', 'YEAR'`);
  cursor.next();
  return singular;
}

/** A type name as CAST writes it: `DOUBLE [PRECISION]`, `VARCHAR(10)`, `ARRAY(BIGINT)`, `ROW(a BIGINT, b VARCHAR)`, `INTERVAL DAY TO SECOND`. */
export function typeName(cursor: ParseContext): TypeName {
  const t = cursor.peek();
  const pos = cursor.pos(t);
  let name = cursor.identifier().toLowerCase();
  if (name === 'double' && cursor.isWord('precision')) cursor.next();
  if (name === 'interval') {
    const from = intervalUnit(cursor);
    cursor.expectWord('to');
    const to = intervalUnit(cursor);
    name = from === 'year' && to === 'month' ? 'interval year to month' : 'interval day to second';
    return { name, args: [], pos };
  }
  const args: TypeName[] = [];
  const fieldNames: Array<string | undefined> = [];
  if (cursor.acceptOp('(')) {
    do {
      if (cursor.peek().kind === 'number') {
        cursor.next();
        continue;
      }
      if (name === 'row' && cursor.isIdentifier() && (cursor.isIdentifier(1) || cursor.peek(1).kind === 'ident')) {
        fieldNames.push(cursor.identifier());
      } else if (name === 'row') fieldNames.push(undefined);
      args.push(cursor.nested('Type', () => typeName(cursor)));
    } while (cursor.acceptOp(','));
    cursor.expectOp(')');
  }
  return { name, args, fieldNames: name === 'row' ? fieldNames : undefined, pos };
}
