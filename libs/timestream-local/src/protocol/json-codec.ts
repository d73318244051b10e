import { SerializationException, ValidationException } from '../errors';

/**
 * Deepest nesting of arrays and objects accepted in a request body. The deepest request of the API model nests 7
 * levels; the limit keeps whatever walks an input recursively (validation describing a bad value, for one) far from
 * the stack limit. JSON.parse itself does not recurse.
 */
export const MAX_JSON_DEPTH = 64;

/** True when `value` nests arrays or objects more than `levels` deep (recursion bounded by `levels`). */
function nestsDeeperThan(value: unknown, levels: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (levels === 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (nestsDeeperThan(value[i], levels - 1)) return true;
    return false;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) if (nestsDeeperThan(record[key], levels - 1)) return true;
  return false;
}

/** Parses an awsJson1_0 request body (`{}` when empty). */
export function decodeJson(body: Buffer): unknown {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new SerializationException('The request body is not valid JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new SerializationException('The request body must be a JSON object.');
  if (nestsDeeperThan(value, MAX_JSON_DEPTH)) throw new ValidationException(`The request body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep.`);
  return value;
}

/** Whether a Date is anywhere in `value` (outputs are trees: no cycles). */
function containsDate(value: unknown): boolean {
  if (value instanceof Date) return true;
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (containsDate(value[i])) return true;
    return false;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) if (containsDate(record[key])) return true;
  return false;
}

/**
 * Serializes an output: Dates as epoch seconds with a fraction, undefined members left out. An output without Dates
 * (a query's rows) skips the replacer, which would be called for every value of every row.
 */
export function encodeJson(value: unknown): string {
  if (!containsDate(value)) return JSON.stringify(value ?? {});
  return JSON.stringify(value ?? {}, function (this: Record<string, unknown>, key, v) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : v;
  });
}
