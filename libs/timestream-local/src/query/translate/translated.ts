import type { StaticType } from '../static-type';
import type { ScopeColumn } from './scope';

/** An expression as DuckDB SQL, with the static type the translator inferred for it. */
export interface Translated {
  sql: string;
  type: StaticType;
  /**
   * A day-to-second interval's exact length as BIGINT nanoseconds, when the translator knows it (a difference of
   * timestamps): DuckDB's INTERVAL counts microseconds, so `sql` drops what lies below the microsecond.
   */
  nanos?: string;
}

/** A query as DuckDB SQL, with its output columns. */
export interface TranslatedQuery {
  sql: string;
  columns: ScopeColumn[];
}
