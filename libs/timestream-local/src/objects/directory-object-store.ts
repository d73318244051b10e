import { copyFile, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { normalizedKey, type ObjectStore } from './object-store';

/** Directory (under dataDir) that stands in for S3 when no S3 endpoint is configured: `<dataDir>/s3/<bucket>/<key>`. */
export const OBJECTS_ROOT = 's3';

/** The file standing in for `s3://<bucket>/<key>`. */
export function directoryObjectPath(dataDir: string, bucket: string, key: string): string {
  return path.join(dataDir, OBJECTS_ROOT, normalizedKey(bucket), ...normalizedKey(key).split('/'));
}

/** Objects as files under the data directory (no S3 configured): each written atomically (temporary file, rename). */
export function directoryObjectStore(dataDir: string): ObjectStore {
  return {
    description: `directory ${path.join(dataDir, OBJECTS_ROOT)}`,
    async putObject(bucket, key, body) {
      const file = directoryObjectPath(dataDir, bucket, key);
      await mkdir(path.dirname(file), { recursive: true });
      if (typeof body === 'object' && 'file' in body) await copyFile(body.file, `${file}.tmp`);
      else await writeFile(`${file}.tmp`, body);
      await rename(`${file}.tmp`, file);
    },
  };
}
