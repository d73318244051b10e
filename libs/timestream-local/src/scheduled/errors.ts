/** A schedule expression that does not parse; the message says which part and why. */
export class ScheduleExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScheduleExpressionError';
  }
}

/**
 * A scheduled query run that failed as a whole. Non-recoverable failures (the query or the write refused as the
 * request's fault: 4xx) disable the scheduled query, as the service does; recoverable ones get an error report.
 */
export class RunFailure extends Error {
  readonly recoverable: boolean;
  constructor(message: string, recoverable: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RunFailure';
    this.recoverable = recoverable;
  }
}
