import type { Query } from '../ast';
import type { CatalogTable } from '../catalog';
import { translateExpr } from './expressions';
import { translateOrderItems } from './order-by';
import { translateQuery } from './query';
import type { QueryContext } from './query-context';
import type { ResolvedTables } from './resolved-tables';
import { TableNamespace } from './table-namespace';
import type { TranslatedQuery } from './translated';
import { translateWindow } from './window';

/** What a translation depends on besides the query: the catalog snapshot (see resolveTables) and the query's "now". */
export interface TranslationInput {
  tables: ResolvedTables;
  /** the query's "now": ago(), now(), current_timestamp and @scheduled_runtime all use it */
  now: Date;
  /** the SQL text standing for "now" instead of `now`'s literal (a plan cache translates with a placeholder) */
  nowSql?: string;
}

/** A query as DuckDB SQL, its output columns, and the catalog tables it reads. */
export interface Translation extends TranslatedQuery {
  tablesRead: CatalogTable[];
}

/** `now` as a DuckDB TIMESTAMP_NS literal (millisecond precision). */
export const timestampLiteral = (now: Date): string => {
  const iso = now.toISOString();
  return `TIMESTAMP_NS '${iso.slice(0, 10)} ${iso.slice(11, 23)}'`;
};

/**
 * Translates a parsed Timestream query into DuckDB SQL, synchronously: tables come from `input.tables`, resolved
 * beforehand. Throws QueryValidationError for the first problem met, in the order the query is read.
 */
export function translate(query: Query, input: TranslationInput): Translation {
  const tables = new TableNamespace(input.tables);
  let counter = 0;
  const context: QueryContext = {
    nowSql: input.nowSql ?? timestampLiteral(input.now),
    tables,
    freshName: (prefix) => `__${prefix}${counter++}`,
    query: (inner, outer) => translateQuery(context, inner, outer),
    expr: (expr, scope) => translateExpr(context, expr, scope),
    window: (spec, scope) => translateWindow(context, spec, scope),
    orderBySql: (items, scope) => translateOrderItems(context, items, scope).join(', '),
  };
  const translated = translateQuery(context, query, undefined, true);
  return { ...translated, tablesRead: tables.tablesRead };
}
