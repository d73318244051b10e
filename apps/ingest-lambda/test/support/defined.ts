/** `value`, or a thrown error naming `what` when it is missing: a failing test instead of a non-null assertion. */
export function defined<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`${what} is missing`);
  return value;
}
