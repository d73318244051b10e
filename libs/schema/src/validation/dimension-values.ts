import { MAX_DIMENSION_VALUE_BYTES, utf8Bytes } from '../limits';
import { describeValue } from './describe-value';

// A lone UTF-16 surrogate cannot be encoded as UTF-8, so Timestream cannot store it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** Returns why a value cannot be a dimension value of `field`, or undefined when it can. */
export function dimensionValueProblem(field: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return `${field} is missing`;
  if (typeof value !== 'string') return `${field} must be a string, got ${describeValue(value)}`;
  if (value.trim() === '') return `${field} is empty; Timestream refuses an empty dimension value`;
  if (LONE_SURROGATE.test(value)) return `${field} is not valid UTF-8 text`;
  if (CONTROL_CHARS.test(value)) return `${field} contains control characters`;
  const bytes = utf8Bytes(value);
  if (bytes > MAX_DIMENSION_VALUE_BYTES) {
    return `${field} is ${bytes} bytes; a Timestream dimension value may be at most ${MAX_DIMENSION_VALUE_BYTES} bytes`;
  }
  return undefined;
}
