import type { Expr, OrderItem, WindowSpec } from '../ast';
import type { Scope } from './scope';
import type { Translated } from './translated';

/** What expression-level translation (function calls, date functions, time series) needs from the translator. */
export interface TranslationContext {
  /** an expression, resolved in `scope` */
  expr(expr: Expr, scope: Scope): Translated;
  /** `OVER (...)` for a window spec */
  window(spec: WindowSpec, scope: Scope): string;
  /** ORDER BY items, comma separated */
  orderBySql(items: OrderItem[], scope: Scope): string;
  /** a name no user identifier clashes with: `__<prefix><n>` */
  freshName(prefix: string): string;
  /** the query's "now" as a DuckDB TIMESTAMP_NS literal */
  readonly nowSql: string;
}
