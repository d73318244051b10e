/** Errors the CLI reports as one line and a non-zero exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Wrong flags or arguments: exit code 2 and a pointer to --help. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(`${message} (see iot-query --help)`, 2);
  }
}
