import type { ScheduledQueryDescription, ScheduledQueryRunSummary } from '@aws-sdk/client-timestream-query';
import type { ScheduledQueryNotice, ScheduledQueryRun, ScheduledQueryState } from '@iot-timeseries/local-cloud-client';
import type { SnsNotification } from '@iot-timeseries/timestream-local';
import type { LocalScheduledQuery } from './ensure-rollups';

const iso = (d: Date | undefined) => (d ? d.toISOString() : undefined);

/** A run summary for the route; its error report is an object in the local cloud's S3. */
export function toRun(run: ScheduledQueryRunSummary): ScheduledQueryRun {
  const stats = run.ExecutionStats ?? {};
  const report = run.ErrorReportLocation?.S3ReportLocation;
  return {
    invocationTime: iso(run.InvocationTime) ?? '',
    triggerTime: iso(run.TriggerTime) ?? '',
    status: run.RunStatus ?? 'UNKNOWN',
    executionTimeMs: stats.ExecutionTimeInMillis ?? 0,
    queryResultRows: stats.QueryResultRows ?? 0,
    recordsIngested: stats.RecordsIngested ?? 0,
    ...(run.FailureReason ? { failureReason: run.FailureReason } : {}),
    ...(report?.BucketName && report.ObjectKey
      ? { errorReport: `s3://${report.BucketName}/${report.ObjectKey}` }
      : {}),
  };
}

export function toState(query: LocalScheduledQuery, described: ScheduledQueryDescription): ScheduledQueryState {
  return {
    name: query.name,
    arn: query.arn,
    rollup: query.rollupId,
    target: query.target,
    state: described.State === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    scheduleExpression: described.ScheduleConfiguration?.ScheduleExpression ?? '',
    ...(described.NextInvocationTime ? { nextInvocationTime: iso(described.NextInvocationTime) } : {}),
    ...(described.PreviousInvocationTime ? { previousInvocationTime: iso(described.PreviousInvocationTime) } : {}),
    ...(described.LastRunSummary ? { lastRun: toRun(described.LastRunSummary) } : {}),
    recentFailures: (described.RecentlyFailedRuns ?? []).map((r) => toRun(r)),
  };
}

interface NotificationMessage {
  type?: string;
  arn?: string;
  state?: string;
  scheduledQueryRunSummary?: { invocationEpochSecond?: number; failureReason?: string; executionStats?: { recordsIngested?: number } };
}

/** An SNS notification as the route shows it (its message parsed; the local cloud's query names filled in). */
export function toNotice(notification: SnsNotification, names: ReadonlyMap<string, string>): ScheduledQueryNotice {
  let message: NotificationMessage = {};
  try {
    message = JSON.parse(notification.Message) as NotificationMessage;
  } catch {
    message = {};
  }
  const arn = message.arn ?? notification.MessageAttributes.queryArn.Value;
  const run = message.scheduledQueryRunSummary;
  const name = names.get(arn);
  return {
    at: notification.Timestamp,
    type: message.type ?? notification.MessageAttributes.notificationType.Value,
    arn,
    ...(name ? { name } : {}),
    ...(message.state ? { state: message.state } : {}),
    ...(run?.invocationEpochSecond !== undefined ? { invocationTime: new Date(run.invocationEpochSecond * 1000).toISOString() } : {}),
    ...(run?.executionStats?.recordsIngested !== undefined ? { recordsIngested: run.executionStats.recordsIngested } : {}),
    ...(run?.failureReason ? { failureReason: run.failureReason } : {}),
  };
}
