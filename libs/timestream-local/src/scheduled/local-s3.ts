import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REPORTS_ROOT } from '../storage/rejected-data-reports';

/** The file standing in for `s3://<bucket>/<key>`: `<dataDir>/s3/<bucket>/<key>` (`.` and `..` segments dropped). */
export function localObjectPath(dataDir: string, bucket: string, key: string): string {
  const segments = key.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  return path.join(dataDir, REPORTS_ROOT, bucket, ...segments);
}

/** Writes a JSON object to the local stand-in for S3, atomically. */
export async function putLocalObject(dataDir: string, bucket: string, key: string, body: unknown): Promise<string> {
  const file = localObjectPath(dataDir, bucket, key);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, `${JSON.stringify(body, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
  return file;
}
