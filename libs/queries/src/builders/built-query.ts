/** What a builder returns: the SQL text, a name, and (as a type only) the shape of its rows. */
export interface BuiltQuery<Row> {
  readonly name: string;
  readonly sql: string;
  /** Never set: carries the row type for `runQuery`. */
  readonly __row?: Row;
}

export function built<Row>(name: string, sql: string): BuiltQuery<Row> {
  return { name, sql };
}
