/** Base class of libs/schema's errors (programmer misuse; device input never throws). */
export class SchemaError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Mapping was asked for something the catalogue or Timestream cannot represent. */
export class RecordMappingError extends SchemaError {}
