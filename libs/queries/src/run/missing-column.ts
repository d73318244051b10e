/**
 * Whether a query failed because a column does not exist yet: a Timestream table gets a column
 * with the first record that has it, so a table nothing was written to has no `device_id`.
 * Readers of the window function's tables treat that as "nothing yet".
 */
export function isMissingColumnError(error: unknown): boolean {
  const texts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const o = e as { name?: unknown; message?: unknown; cause?: unknown };
    texts.push(`${String(o.name ?? '')} ${String(o.message ?? '')}`);
    e = o.cause;
  }
  const text = texts.join(' ');
  return /Column '[^']+' does not exist/.test(text);
}
