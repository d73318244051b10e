import type { SourcePosition } from './errors';

/** Abstract syntax of the Timestream (Trino-based) query dialect. Every node keeps its source position. */

export type Expr =
  | { kind: 'number'; text: string; isInteger: boolean; pos: SourcePosition }
  | { kind: 'string'; value: string; pos: SourcePosition }
  | { kind: 'boolean'; value: boolean; pos: SourcePosition }
  | { kind: 'null'; pos: SourcePosition }
  /** TIMESTAMP '...', DATE '...', TIME '...' */
  | { kind: 'typedLiteral'; type: 'timestamp' | 'date' | 'time'; value: string; pos: SourcePosition }
  /** INTERVAL '2' DAY [TO SECOND] */
  | { kind: 'interval'; value: string; sign: 1 | -1; unit: string; toUnit?: string; pos: SourcePosition }
  /** bare interval literal: 15s, 10000ms */
  | { kind: 'duration'; amount: string; unit: 'ns' | 'us' | 'ms' | 's' | 'm' | 'h' | 'd'; pos: SourcePosition }
  /** a possibly qualified name: x, t.x, db.t.x (resolution decides which part is what) */
  | { kind: 'column'; parts: string[]; pos: SourcePosition }
  | { kind: 'unary'; op: '-' | '+' | 'not'; operand: Expr; pos: SourcePosition }
  | { kind: 'binary'; op: string; left: Expr; right: Expr; pos: SourcePosition }
  | { kind: 'between'; not: boolean; value: Expr; low: Expr; high: Expr; pos: SourcePosition }
  | { kind: 'inList'; not: boolean; value: Expr; list: Expr[]; pos: SourcePosition }
  | { kind: 'inQuery'; not: boolean; value: Expr; query: Query; pos: SourcePosition }
  /** `value <op> ANY | SOME | ALL (query)` */
  | { kind: 'quantified'; op: string; quantifier: 'any' | 'all'; value: Expr; query: Query; pos: SourcePosition }
  | { kind: 'like'; not: boolean; value: Expr; pattern: Expr; escape?: Expr; pos: SourcePosition }
  | { kind: 'isNull'; not: boolean; value: Expr; pos: SourcePosition }
  | { kind: 'isDistinct'; not: boolean; left: Expr; right: Expr; pos: SourcePosition }
  | { kind: 'exists'; query: Query; pos: SourcePosition }
  | { kind: 'subquery'; query: Query; pos: SourcePosition }
  | { kind: 'case'; operand?: Expr; whens: Array<{ when: Expr; then: Expr }>; else?: Expr; pos: SourcePosition }
  | { kind: 'cast'; expr: Expr; type: TypeName; safe: boolean; pos: SourcePosition }
  | { kind: 'call'; name: string; args: Expr[]; distinct: boolean; star: boolean; orderBy?: OrderItem[]; filter?: Expr; over?: WindowSpec; pos: SourcePosition }
  | { kind: 'lambda'; params: string[]; body: Expr; pos: SourcePosition }
  | { kind: 'array'; items: Expr[]; pos: SourcePosition }
  | { kind: 'row'; items: Expr[]; pos: SourcePosition }
  | { kind: 'subscript'; value: Expr; index: Expr; pos: SourcePosition }
  | { kind: 'field'; value: Expr; field: string; pos: SourcePosition }
  | { kind: 'extract'; field: string; value: Expr; pos: SourcePosition }
  /** `value AT TIME ZONE 'zone'` or `AT TIME ZONE INTERVAL '...'` (the zone is a string or interval literal) */
  | { kind: 'atTimeZone'; value: Expr; zone: Expr; pos: SourcePosition }
  | { kind: 'param'; index: number; name: string; pos: SourcePosition };

export interface TypeName {
  /** lower-case base name: bigint, double, varchar, timestamp, array, row ... */
  name: string;
  args: TypeName[];
  /** row field names, when name is row */
  fieldNames?: Array<string | undefined>;
  pos: SourcePosition;
}

export interface WindowSpec {
  partitionBy: Expr[];
  orderBy: OrderItem[];
  frame?: { type: 'rows' | 'range'; start: FrameBound; end?: FrameBound };
}

export type FrameBound =
  | { kind: 'unboundedPreceding' }
  | { kind: 'unboundedFollowing' }
  | { kind: 'currentRow' }
  | { kind: 'preceding'; offset: Expr }
  | { kind: 'following'; offset: Expr };

export interface OrderItem {
  expr: Expr;
  descending: boolean;
  nulls?: 'first' | 'last';
}

export type SelectItem =
  | { kind: 'star'; qualifier?: string[]; pos: SourcePosition }
  | { kind: 'expr'; expr: Expr; alias?: string; pos: SourcePosition };

export type Relation =
  | { kind: 'table'; parts: string[]; alias?: string; columnAliases?: string[]; pos: SourcePosition }
  | { kind: 'derived'; query: Query; alias?: string; columnAliases?: string[]; pos: SourcePosition }
  | { kind: 'unnest'; args: Expr[]; withOrdinality: boolean; alias?: string; columnAliases?: string[]; pos: SourcePosition }
  | { kind: 'join'; type: 'inner' | 'left' | 'right' | 'full' | 'cross'; left: Relation; right: Relation; on?: Expr; using?: string[]; usingPos?: SourcePosition[]; pos: SourcePosition };

/** One GROUP BY element: a key, `ROLLUP (...)`, `CUBE (...)` or `GROUPING SETS ((...), ...)`. */
export type GroupingElement =
  | { kind: 'key'; expr: Expr }
  | { kind: 'rollup' | 'cube'; keys: Expr[]; pos: SourcePosition }
  | { kind: 'sets'; sets: Expr[][]; pos: SourcePosition };

/** Every expression a grouping element names. */
export const groupingExprs = (element: GroupingElement): Expr[] =>
  (element.kind === 'key' ? [element.expr] : element.kind === 'sets' ? element.sets.flat() : element.keys);

export interface Select {
  kind: 'select';
  distinct: boolean;
  items: SelectItem[];
  from: Relation[];
  where?: Expr;
  groupBy: GroupingElement[];
  /** GROUP BY DISTINCT: repeated grouping sets are computed once */
  groupByDistinct?: boolean;
  having?: Expr;
  pos: SourcePosition;
}

export interface SetOperation {
  kind: 'setop';
  op: 'union' | 'intersect' | 'except';
  all: boolean;
  left: QueryBody;
  right: QueryBody;
  pos: SourcePosition;
}

/** `VALUES a, b` (one column) or `VALUES (a, b), (c, d)`: each row an expression, a row constructor spreading into columns. */
export interface Values {
  kind: 'values';
  rows: Expr[];
  pos: SourcePosition;
}

export type QueryBody = Select | SetOperation | Values | { kind: 'nested'; query: Query; pos: SourcePosition };

export interface WithQuery {
  name: string;
  columns?: string[];
  query: Query;
  pos: SourcePosition;
}

export interface Query {
  kind: 'query';
  with: WithQuery[];
  /** WITH RECURSIVE: a WITH query may name itself */
  recursive?: boolean;
  body: QueryBody;
  orderBy: OrderItem[];
  limit?: Expr;
  /** FETCH FIRST ... WITH TIES: where its FETCH stands (`limit` holds the count) */
  withTies?: SourcePosition;
  offset?: Expr;
  pos: SourcePosition;
}

export type Statement =
  | Query
  | { kind: 'showDatabases'; like?: string; pos: SourcePosition }
  | { kind: 'showTables'; database?: string; like?: string; pos: SourcePosition }
  | { kind: 'showMeasures'; database: string; table: string; like?: string; pos: SourcePosition }
  | { kind: 'describe'; database: string; table: string; pos: SourcePosition };
