/** Base class of libs/schema's errors (programmer misuse, bad configuration; device input never throws). */
export class SchemaError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Mapping was asked for something the catalogue or Timestream cannot represent. */
export class RecordMappingError extends SchemaError {}

/** A variable of the ingest function's environment is missing or malformed; `variable` names it. */
export class IngestEnvironmentError extends SchemaError {
  constructor(
    readonly variable: string,
    /** What is wrong, without the variable's name. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${variable}: ${reason}`, options);
  }
}
