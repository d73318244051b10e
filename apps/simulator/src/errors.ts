/** Named errors of the simulator; each keeps the underlying `cause`. */
export class SimulatorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A setting from the command line or environment is missing or invalid. */
export class ConfigError extends SimulatorError {}

