import { SerializationException } from '../errors';

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
  return value;
}

/** Serializes an output: Dates as epoch seconds with a fraction, undefined members left out. */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value ?? {}, function (this: Record<string, unknown>, key, v) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : v;
  });
}
