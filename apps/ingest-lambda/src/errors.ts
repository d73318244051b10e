/** Named errors of the ingest Lambda; each keeps its `cause`. */

/** An environment variable is missing or malformed (thrown at cold start). */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${variable}: ${message}`, options);
  }
}

/** The event is neither a Kinesis/SQS batch nor a message (or array of messages). */
export class UnsupportedEventError extends Error {
  override readonly name = 'UnsupportedEventError';
}

/** Readings could not be written for a transient reason (throttling, 5xx, network) after the SDK's retries. */
export class TransientWriteError extends Error {
  override readonly name = 'TransientWriteError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The dead-letter sink could not store what had to be put aside. */
export class DeadLetterError extends Error {
  override readonly name = 'DeadLetterError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A batch item is reported as failed so that its event source delivers it again. */
export class BatchItemFailedError extends Error {
  override readonly name = 'BatchItemFailedError';
  constructor(
    readonly itemId: string,
    reasons: readonly string[],
  ) {
    super(`item ${itemId} will be retried: ${reasons.join('; ')}`);
  }
}
