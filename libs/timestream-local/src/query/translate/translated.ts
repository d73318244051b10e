import type { StaticType } from '../static-type';
import type { ScopeColumn } from './scope';

/** An expression as DuckDB SQL, with the static type the translator inferred for it. */
export interface Translated {
  sql: string;
  type: StaticType;
}

/** A query as DuckDB SQL, with its output columns. */
export interface TranslatedQuery {
  sql: string;
  columns: ScopeColumn[];
}
