/** An object's bytes: in memory, or a local file streamed as it is sent (large UNLOAD results). */
export type ObjectBody = string | Uint8Array | { file: string; size: number };

/** An object found by `listObjects`. */
export interface ObjectEntry {
  key: string;
  size: number;
}

/**
 * Where the server puts the objects the service writes to S3 (rejected-data reports, error reports, UNLOAD results)
 * and reads the ones it is given (batch-load sources and data models).
 */
export interface ObjectStore {
  /** Stores `body` at `s3://<bucket>/<key>`; resolves once it is stored. */
  putObject(bucket: string, key: string, body: ObjectBody, contentType: string): Promise<void>;
  /** The objects whose key starts with `prefix` (every object of the bucket for ''), in key order; throws
   *  ObjectStoreError with `missingBucket` set when the bucket does not exist. */
  listObjects(bucket: string, prefix: string): Promise<ObjectEntry[]>;
  /** The bytes of `s3://<bucket>/<key>` as they arrive (never the whole object in memory). */
  getObject(bucket: string, key: string): Promise<AsyncIterable<Uint8Array>>;
  /** What the objects are kept in, for messages: `s3 http://127.0.0.1:4568` or `directory ./data/s3`. */
  readonly description: string;
}

/** A key with `.`, `..` and empty segments dropped, so no key reaches outside its bucket. */
export function normalizedKey(key: string): string {
  return key
    .split('/')
    .filter((s) => s !== '' && s !== '.' && s !== '..')
    .join('/');
}
