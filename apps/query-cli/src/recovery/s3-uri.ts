import { UsageError } from '../errors';

/** `s3://bucket/folder` → bucket and folder (no leading or trailing slash; '' for the bucket's root). */
export function parseS3Uri(text: string | undefined, what: string): { bucket: string; folder: string; uri: string } {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(text ?? '');
  if (!match) throw new UsageError(`${what} needs an S3 location s3://bucket/folder, got ${JSON.stringify(text ?? '')}`);
  const folder = (match[2] ?? '').replace(/^\/+|\/+$/g, '');
  return { bucket: match[1], folder, uri: `s3://${match[1]}/${folder}` };
}

/** A key under the folder. */
export const keyIn = (folder: string, name: string): string => (folder === '' ? name : `${folder}/${name}`);
