/** Named errors of the local cloud CLI; each keeps the underlying `cause`. */
export class LocalCloudCliError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A setting from the environment or command line is missing or invalid. */
export class ConfigError extends LocalCloudCliError {}
