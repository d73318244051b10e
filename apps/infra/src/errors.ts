/** Errors of the infra app; each keeps its `cause`. */
export class InfraError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A setting is missing or invalid (names the variable or prop). */
export class InfraConfigError extends InfraError {}

/** The Lambda artifact to deploy has not been built. */
export class MissingArtifactError extends InfraError {}

/** A deploy preflight check failed (terraform, credentials, Timestream access). */
export class PreflightError extends InfraError {}

/** A terraform command failed; the message carries its output. */
export class TerraformCommandError extends InfraError {}
