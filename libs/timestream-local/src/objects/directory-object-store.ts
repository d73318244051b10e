import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ObjectStoreError } from '../errors';
import { normalizedKey, type ObjectEntry, type ObjectStore } from './object-store';

/** Directory (under dataDir) that stands in for S3 when no S3 endpoint is configured: `<dataDir>/s3/<bucket>/<key>`. */
export const OBJECTS_ROOT = 's3';

/** The file standing in for `s3://<bucket>/<key>`. */
export function directoryObjectPath(dataDir: string, bucket: string, key: string): string {
  return path.join(dataDir, OBJECTS_ROOT, normalizedKey(bucket), ...normalizedKey(key).split('/'));
}

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** Every file under `dir` as keys relative to the bucket directory (temporary `.tmp` files of a write left out). */
async function filesUnder(bucketDir: string, dir: string): Promise<ObjectEntry[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
    if (isMissing(error)) return [];
    throw error;
  });
  const found: ObjectEntry[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(bucketDir, full)));
    else if (entry.isFile() && !entry.name.endsWith('.tmp')) found.push({ key: path.relative(bucketDir, full).split(path.sep).join('/'), size: (await stat(full)).size });
  }
  return found;
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
    async listObjects(bucket, prefix) {
      const bucketDir = path.join(dataDir, OBJECTS_ROOT, normalizedKey(bucket));
      const exists = await stat(bucketDir).then((s) => s.isDirectory(), () => false);
      if (!exists) throw new ObjectStoreError(`the bucket ${bucket} does not exist in ${path.join(dataDir, OBJECTS_ROOT)}`, { missingBucket: true });
      // only the directories the prefix can be in are read
      const folder = prefix.includes('/') ? normalizedKey(prefix.slice(0, prefix.lastIndexOf('/'))) : '';
      const all = await filesUnder(bucketDir, folder === '' ? bucketDir : path.join(bucketDir, ...folder.split('/')));
      return all.filter((o) => o.key.startsWith(prefix)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
    async getObject(bucket, key) {
      const file = directoryObjectPath(dataDir, bucket, key);
      try {
        await stat(file);
      } catch (cause) {
        throw new ObjectStoreError(`could not read s3://${bucket}/${normalizedKey(key)} (${file}): ${(cause as Error).message}`, { cause });
      }
      return createReadStream(file);
    },
  };
}
