/** The names and messages of an error and its causes (a runner wraps the service's answer), as one text. */
function errorText(error: unknown): string {
  const texts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const o = e as { name?: unknown; message?: unknown; cause?: unknown };
    texts.push(`${String(o.name ?? '')} ${String(o.message ?? '')}`);
    e = o.cause;
  }
  return texts.join(' ');
}

/**
 * Whether a query failed because a column does not exist yet: a Timestream table gets a column
 * with the first record that has it, so a table nothing was written to has no `device_id` (`Column 'device_id'
 * does not exist`, or `Column 'b.device_id' cannot be resolved` through an alias).
 * Readers of the window function's tables treat that as "nothing yet".
 */
export function isMissingColumnError(error: unknown): boolean {
  // a qualified reference (`b.device_id`) is answered "cannot be resolved"
  return /Column '[^']+' (does not exist|cannot be resolved)/.test(errorText(error));
}

/**
 * The table a query failed on because it does not exist (`line 1:15: Table 'db.t' does not exist`, as the
 * service and timestream-local answer), or undefined for any other failure. The window function's tables exist
 * only where it is deployed: a reader says that instead of a failure.
 */
export function missingTableOf(error: unknown): string | undefined {
  return /Table '([^']+)' does not exist/.exec(errorText(error))?.[1];
}
