/** An object's bytes: in memory, or a local file streamed as it is sent (large UNLOAD results). */
export type ObjectBody = string | Uint8Array | { file: string; size: number };

/** Where the server puts the objects the service writes to S3: rejected-data reports, error reports, UNLOAD results. */
export interface ObjectStore {
  /** Stores `body` at `s3://<bucket>/<key>`; resolves once it is stored. */
  putObject(bucket: string, key: string, body: ObjectBody, contentType: string): Promise<void>;
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
