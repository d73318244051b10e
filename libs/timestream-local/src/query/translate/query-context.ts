import type { Query } from '../ast';
import type { TranslationContext } from './context';
import type { Scope } from './scope';
import type { TableNamespace } from './table-namespace';
import type { TranslatedQuery } from './translated';

/** What query-level translation (queries, relations, subqueries) needs on top of the expression context. */
export interface QueryContext extends TranslationContext {
  /** a (sub)query; `outer` is the scope correlated names resolve in */
  query(query: Query, outer?: Scope): TranslatedQuery;
  /** the WITH names in scope and the resolved catalog */
  readonly tables: TableNamespace;
}
