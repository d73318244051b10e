/** Named errors of the Grafana generator; each keeps the underlying `cause`. */
export class GrafanaError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A generator option is invalid (names the option). */
export class GrafanaOptionError extends GrafanaError {}

/** The committed bundle differs from what the generator writes now. */
export class BundleOutOfDateError extends GrafanaError {}
