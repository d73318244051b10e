import type { Expr, Query } from '../ast';
import type { TokenCursor } from '../token-cursor';

/** Deepest nesting of brackets, calls, CASE and subqueries accepted while parsing (keeps recursion far from the stack limit). */
export const MAX_NESTING = 200;

/** What a nesting level is, as the error names it. */
export type NestedKind = 'Query' | 'Expression' | 'Relation' | 'Type';

/**
 * The parser as the grammar modules see it: the token cursor, plus the entry points they recurse into
 * (provided by the parser, so the modules need not import one another in a circle).
 */
export interface ParseContext extends TokenCursor {
  /** a query; counts against the nesting limit */
  query(): Query;
  /** a full expression; counts against the nesting limit */
  expression(): Expr;
  /** an expression at concatenation (`||`) precedence: the operands of comparisons, BETWEEN, LIKE and POSITION */
  concat(): Expr;
  /** an expression at additive precedence: window frame offsets */
  additive(): Expr;
  /**
   * `parse` one nesting level deeper, for productions that contain themselves without passing through
   * `expression()` or `query()` (parenthesised relations, type arguments); counts against the nesting limit.
   */
  nested<T>(what: NestedKind, parse: () => T): T;
  /** the index of the next `@parameter`, in order of appearance */
  nextParameterIndex(): number;
}
