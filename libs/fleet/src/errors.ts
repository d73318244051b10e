/** Named errors of the fleet; each keeps the underlying `cause`. */
export class FleetError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A target refused or failed to take a message. */
export class TargetError extends FleetError {}
