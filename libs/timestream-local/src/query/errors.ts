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

/** Prefix of errors the generated SQL raises itself (DuckDB error()); their text may reach a client. */
export const ENGINE_ERROR_MARK = 'TSLOCAL:';

/** Our own message inside a DuckDB error text, if the error came from the generated SQL's error() call. */
export function engineMessage(cause: unknown): string | undefined {
  const text = cause instanceof Error ? cause.message : String(cause);
  const at = text.indexOf(ENGINE_ERROR_MARK);
  if (at < 0) return undefined;
  const rest = text.slice(at + ENGINE_ERROR_MARK.length);
  const end = rest.indexOf('\n');
  return end < 0 ? rest : rest.slice(0, end);
}
