/** Named errors of the local cloud client; each keeps the underlying `cause`. */
export class LocalCloudClientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The local cloud did not answer, answered an error, or did not become ready in time. */
export class LocalCloudUnavailableError extends LocalCloudClientError {}
