/** Timestream's write limits and this pipeline's message limits. */
export const MAX_RECORDS_PER_WRITE = 100;
/** Timestream refuses a record larger than 2 KB. */
export const MAX_RECORD_BYTES = 2048;
/** A dimension value may be at most 2 KB (UTF-8) and may not be empty. */
export const MAX_DIMENSION_VALUE_BYTES = 2048;
/** The largest device message accepted (IoT Core's own limit is 128 KB). */
export const MAX_MESSAGE_BYTES = 128 * 1024;
/** Epoch-millisecond timestamps below this (1973-03-03) are almost certainly epoch seconds. */
export const MIN_EPOCH_MILLISECONDS = 100_000_000_000;

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
