import { randomBytes } from 'node:crypto';
import type { ErrorReportConfiguration } from '@aws-sdk/client-timestream-query';
import type { _Record } from '@aws-sdk/client-timestream-write';

/** A record as the service's error reports show it. */
export interface ReportedRecord {
  dimensions: Array<{ name: string; value: string; dimensionValueType: string | null }>;
  measureName: string | null;
  measureValue: string | null;
  measureValues: Array<{ name: string; value: string; type: string }> | null;
  measureValueType: string | null;
  time: string | null;
  timeUnit: string | null;
  version: number | null;
}

/** The three kinds of error of a report: rejected records, rows that could not be mapped, and anything else. */
export type ReportError = { reason: string; records: ReportedRecord[] } | { reason: string; rawLine: string } | { reason: string };

export interface ErrorReport {
  /** one id for all the reports of a run */
  reportId: string;
  errors: ReportError[];
}

export const reportedRecord = (r: _Record): ReportedRecord => ({
  dimensions: (r.Dimensions ?? []).map((d) => ({ name: d.Name as string, value: d.Value as string, dimensionValueType: d.DimensionValueType ?? null })),
  measureName: r.MeasureName ?? null,
  measureValue: r.MeasureValue ?? null,
  measureValues: r.MeasureValues ? r.MeasureValues.map((v) => ({ name: v.Name as string, value: v.Value as string, type: v.Type as string })) : null,
  measureValueType: r.MeasureValueType ?? null,
  time: r.Time ?? null,
  timeUnit: r.TimeUnit ?? null,
  version: r.Version ?? null,
});

/** Rejected records grouped by reason (in the order the reasons first appear). */
export function recordErrors(rejected: Array<{ reason: string; record: _Record }>): ReportError[] {
  const byReason = new Map<string, ReportedRecord[]>();
  for (const { reason, record } of rejected) {
    const list = byReason.get(reason) ?? [];
    list.push(reportedRecord(record));
    byReason.set(reason, list);
  }
  return [...byReason].map(([reason, records]) => ({ reason, records }));
}

export const newReportId = (): string => randomBytes(16).toString('hex').toUpperCase();

/**
 * The report's S3 key, as the service lays them out:
 * `<ObjectKeyPrefix>/<scheduled query name-id>/<InvocationTime>/<Auto|Manual>/<trigger time>`, with the invocation time
 * in epoch seconds and the trigger time in epoch milliseconds.
 */
export function errorReportKey(config: ErrorReportConfiguration, arn: string, invocationMs: number, manual: boolean, triggerMs: number): string {
  const resource = arn.slice(arn.lastIndexOf('/') + 1);
  const prefix = config.S3Configuration?.ObjectKeyPrefix;
  return [...(prefix ? [prefix.replace(/\/+$/, '')] : []), resource, String(Math.floor(invocationMs / 1000)), manual ? 'Manual' : 'Auto', String(triggerMs)].join('/');
}
