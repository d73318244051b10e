import type { ScheduledQuery, ScheduledQueryDescription, ScheduledQueryRunSummary } from '@aws-sdk/client-timestream-query';
import type { RunRecord, ScheduledQueryRecord } from '../../scheduled/definition';

const date = (ms: number | undefined): Date | undefined => (ms === undefined ? undefined : new Date(ms));

export function toRunSummary(run: RunRecord): ScheduledQueryRunSummary {
  return {
    InvocationTime: new Date(run.invocationTime),
    TriggerTime: new Date(run.triggerTime),
    RunStatus: run.runStatus,
    ExecutionStats: run.executionStats,
    ...(run.queryInsights
      ? { QueryInsightsResponse: { QueryTableCount: run.queryInsights.queryTableCount, OutputRows: run.queryInsights.outputRows, OutputBytes: run.queryInsights.outputBytes } }
      : {}),
    ...(run.errorReportLocation ? { ErrorReportLocation: { S3ReportLocation: { BucketName: run.errorReportLocation.bucketName, ObjectKey: run.errorReportLocation.objectKey } } } : {}),
    ...(run.failureReason !== undefined ? { FailureReason: run.failureReason } : {}),
  };
}

/** DescribeScheduledQuery's ScheduledQuery (NextInvocationTime only while ENABLED and the schedule has one left). */
export function toDescription(record: ScheduledQueryRecord, nextInvocationMs: number | undefined): ScheduledQueryDescription {
  return {
    Arn: record.arn,
    Name: record.name,
    QueryString: record.queryString,
    CreationTime: new Date(record.creationTime),
    State: record.state,
    PreviousInvocationTime: date(record.previousInvocationTime),
    NextInvocationTime: date(nextInvocationMs),
    ScheduleConfiguration: { ScheduleExpression: record.scheduleExpression },
    NotificationConfiguration: { SnsConfiguration: { TopicArn: record.topicArn } },
    TargetConfiguration: record.target ? { TimestreamConfiguration: record.target } : undefined,
    ScheduledQueryExecutionRoleArn: record.executionRoleArn,
    KmsKeyId: record.kmsKeyId,
    ErrorReportConfiguration: record.errorReport,
    LastRunSummary: record.lastRun ? toRunSummary(record.lastRun) : undefined,
    RecentlyFailedRuns: record.recentlyFailedRuns.map(toRunSummary),
  };
}

/** ListScheduledQueries' entry. */
export function toListEntry(record: ScheduledQueryRecord, nextInvocationMs: number | undefined): ScheduledQuery {
  return {
    Arn: record.arn,
    Name: record.name,
    CreationTime: new Date(record.creationTime),
    State: record.state,
    PreviousInvocationTime: date(record.previousInvocationTime),
    NextInvocationTime: date(nextInvocationMs),
    ErrorReportConfiguration: record.errorReport,
    TargetDestination: record.target
      ? { TimestreamDestination: { DatabaseName: record.target.DatabaseName, TableName: record.target.TableName } }
      : undefined,
    LastRunStatus: record.lastRun?.runStatus,
  };
}
