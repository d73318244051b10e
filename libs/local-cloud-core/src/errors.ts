/** Named errors of the local cloud; each keeps the underlying `cause`. */
export class LocalCloudError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The topic rule's SQL (or a substitution template) does not parse. */
export class RuleSqlError extends LocalCloudError {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at position ${position}`);
  }
}

/** A message could not be evaluated by the rule (e.g. its payload is not a JSON object). */
export class RuleEvaluationError extends LocalCloudError {}

/** The stream buffer is full; the record was not accepted (like Kinesis ProvisionedThroughputExceeded). */
export class StreamFullError extends LocalCloudError {}

/** The Lambda bundle could not be loaded or an invocation failed outside the handler. */
export class LambdaRuntimeError extends LocalCloudError {}

/** The Lambda handler threw or timed out. */
export class LambdaInvocationError extends LocalCloudError {
  constructor(
    message: string,
    readonly errorType: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A file of the data directory (stream log, dead letters, MQTT sessions) could not be read or written. */
export class StorageError extends LocalCloudError {}

/** The stream log on disk does not fit the settings (e.g. records still pending in more shards than configured). */
export class StreamLogError extends LocalCloudError {}

/** A request to replay dead letters the local cloud cannot follow (a bad filter). */
export class ReplayRequestError extends LocalCloudError {}

/** The local S3 could not be started. */
export class LocalS3Error extends LocalCloudError {}

/** The local Timestream server's process could not be started, or ended on its own. */
export class TimestreamServerError extends LocalCloudError {}
