/** Errors raised by the query engine. The operations layer maps them onto the service's wire errors. */

/** A query the service would refuse (syntax, unknown names, unsupported constructs). Message is client-facing. */
export class QueryValidationError extends Error {
  override readonly name = 'QueryValidationError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A failure while running a translated query; the message is generic, the DuckDB text stays in `cause`. */
export class QueryExecutionError extends Error {
  override readonly name = 'QueryExecutionError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The query was cancelled through CancelQuery. */
export class QueryCancelledError extends Error {
  override readonly name = 'QueryCancelledError';
  constructor(message = 'Query was cancelled.', options?: { cause?: unknown }) {
    super(message, options);
  }
}

export interface SourcePosition {
  line: number;
  column: number;
}

/** `line 1:76: <message>` as the service words positioned errors. */
export function positioned(pos: SourcePosition, message: string): QueryValidationError {
  return new QueryValidationError(`line ${pos.line}:${pos.column}: ${message}`);
}
