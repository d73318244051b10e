import type { Relation } from '../ast';
import { positioned } from '../errors';
import { T, type StaticType } from '../static-type';
import type { TranslationContext } from './context';
import type { Scope, ScopeColumn } from './scope';
import { quoteIdent } from './sql-text';
import type { Translated } from './translated';

/** The element type UNNEST yields for an argument: an array's element, a time series' (time, value) row. */
function elementType(arg: Translated): StaticType {
  if (arg.type.kind === 'array') return arg.type.element;
  if (arg.type.kind === 'timeseries') return { kind: 'row', fields: [{ name: 'time', type: T.timestamp }, { name: 'value', type: arg.type.value }] };
  return T.unknown;
}

/**
 * `UNNEST(a, b, ...) [WITH ORDINALITY] [AS alias(columns)]` as a LATERAL subquery, added to `scope`.
 * Row elements spread into one column per field.
 */
export function translateUnnest(ctx: TranslationContext, relation: Extract<Relation, { kind: 'unnest' }>, scope: Scope): string {
  const args = relation.args.map((arg) => ctx.expr(arg, scope));
  const aliases = relation.columnAliases ?? [];
  const selects: string[] = [];
  const columns: ScopeColumn[] = [];
  const inner: string[] = [];
  args.forEach((arg, i) => {
    const element = elementType(arg);
    const u = `__u${i}`;
    inner.push(`unnest(${arg.sql}) AS ${u}`);
    if (element.kind === 'row') {
      for (const field of element.fields) {
        const name = aliases[columns.length] ?? field.name;
        selects.push(`${u}.${quoteIdent(field.name)} AS ${quoteIdent(name)}`);
        columns.push({ name, type: field.type });
      }
    } else {
      const name = aliases[columns.length] ?? `_col${columns.length}`;
      selects.push(`${u} AS ${quoteIdent(name)}`);
      columns.push({ name, type: element });
    }
  });
  if (relation.withOrdinality) {
    const name = aliases[columns.length] ?? `_col${columns.length}`;
    inner.push(`unnest(range(1, len(${args[0].sql}) + 1)) AS __ord`);
    selects.push(`__ord AS ${quoteIdent(name)}`);
    columns.push({ name, type: T.bigint });
  }
  if (aliases.length > 0 && aliases.length !== columns.length) {
    throw positioned(relation.pos, `Column alias list has ${aliases.length} entries but '${relation.alias}' has ${columns.length} columns available`);
  }
  // an internal alias when none is given, so SELECT * can qualify the columns
  const alias = relation.alias ?? ctx.freshName('unnest');
  scope.relations.push({ alias, columns });
  return `LATERAL (SELECT ${selects.join(', ')} FROM (SELECT ${inner.join(', ')})) AS ${quoteIdent(alias)}`;
}
