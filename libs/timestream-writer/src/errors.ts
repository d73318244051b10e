/** Named errors of the Timestream writer; each keeps its `cause`. Write failures are not thrown: they are reported. */
export class TimestreamWriterError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The writer was given options it cannot work with (a concurrency below 1, a negative delay, ...). */
export class WriterOptionsError extends TimestreamWriterError {}
