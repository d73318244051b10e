/** Base class of libs/queries' errors; each keeps its `cause`. */
export class QueriesError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A builder was given a parameter it cannot turn into safe SQL (names the parameter). */
export class QueryParameterError extends QueriesError {}

/** The Query API refused or failed a query (bad SQL, unknown table, throttling, connection). */
export class QueryFailedError extends QueriesError {}

/** The query was cancelled by its AbortSignal or its timeout; CancelQuery was sent. */
export class QueryCancelledError extends QueriesError {
  constructor(
    message: string,
    readonly queryId: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A result could not be decoded (a Datum that does not match its ColumnInfo). */
export class ResultDecodeError extends QueriesError {}

/** No target of a failover client answered a call; the message names each with its error. */
export class AllTargetsFailedError extends QueriesError {}
