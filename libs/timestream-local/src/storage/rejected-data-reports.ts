import type { ObjectStore } from '../objects/object-store';
import type { RejectedDataReport } from './timestream-storage';

/** `<prefix>/<db>/<table>/<epochMs>-<requestId>.json`: where a table's rejected-data report goes in its bucket. */
export function rejectedDataReportKey(report: RejectedDataReport): string {
  return [report.objectKeyPrefix ?? '', report.databaseName, report.tableName, `${Date.parse(report.reportedAt)}-${report.requestId}.json`].join('/');
}

/** Writes the report to the table's rejected-data bucket; returns its `s3://` location. */
export async function writeRejectedDataReport(objects: ObjectStore, report: RejectedDataReport): Promise<string> {
  const key = rejectedDataReportKey(report);
  await objects.putObject(report.bucketName, key, `${JSON.stringify(report, null, 2)}\n`, 'application/json');
  return `s3://${report.bucketName}/${key}`;
}
