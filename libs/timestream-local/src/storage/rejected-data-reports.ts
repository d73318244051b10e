import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RejectedDataReport } from './timestream-storage';

/** Directory (under dataDir) that stands in for S3: `<dataDir>/s3/<bucket>/<prefix>/...`. */
export const REPORTS_ROOT = 's3';

const safeSegment = (s: string): string => s.replace(/\.\.+/g, '_').replace(/^\/+/, '');

/** Writes the report atomically as `<dataDir>/s3/<bucket>/<prefix>/<db>/<table>/<epochMs>-<requestId>.json`. */
export async function writeRejectedDataReport(dataDir: string, report: RejectedDataReport): Promise<string> {
  const prefix = report.objectKeyPrefix ? safeSegment(report.objectKeyPrefix) : '';
  const dir = path.join(dataDir, REPORTS_ROOT, safeSegment(report.bucketName), prefix, safeSegment(report.databaseName), safeSegment(report.tableName));
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${Date.parse(report.reportedAt)}-${report.requestId}.json`);
  await writeFile(`${file}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
  return file;
}
