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
  /**
   * A timestamp with nothing below the microsecond (the query's now, `ago()`, `bin()`, and such a value shifted by an
   * interval): DuckDB's own TIMESTAMP arithmetic is exact for it, without carrying nanoseconds around the shift.
   */
  microseconds?: boolean;
}

/** A query as DuckDB SQL, with its output columns. */
export interface TranslatedQuery {
  sql: string;
  columns: ScopeColumn[];
}
