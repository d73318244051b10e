import type { CreateScheduledQueryCommandInput } from '@aws-sdk/client-timestream-query';
import type { CreateTableCommandInput } from '@aws-sdk/client-timestream-write';
import { LOCAL_SCHEDULED_QUERY_ERRORS_BUCKET, timestreamSettings } from '../settings/timestream';
import { rollupSettings, type Rollup, type RollupSettings } from './rollup-settings';
import type { RollupScheduledQuery } from './scheduled-queries';

/** Where a deployment's scheduled queries report: the SNS topic, the role they run as, the error-report bucket. */
export interface RollupDeployment {
  readonly topicArn: string;
  readonly executionRoleArn: string;
  readonly errorReportBucket: string;
}

/** The environment name of the local deployments (the local cloud and infra's local stack): one set of names for both. */
export const LOCAL_ENVIRONMENT = 'local';


/**
 * What the local cloud and infra's local stack give their scheduled queries: the local server records the topic
 * (its notifications are served at `/_local/scheduled-query-notifications`) and the role, and uses neither.
 */
export function localRollupDeployment(region: string, accountId: string): RollupDeployment {
  return {
    topicArn: `arn:aws:sns:${region}:${accountId}:iot-timeseries-${LOCAL_ENVIRONMENT}-rollups`,
    executionRoleArn: `arn:aws:iam::${accountId}:role/iot-timeseries-${LOCAL_ENVIRONMENT}-rollups`,
    errorReportBucket: LOCAL_SCHEDULED_QUERY_ERRORS_BUCKET,
  };
}

/** CreateTable of a rollup table: its retention, and magnetic-store writes with rejected data reported to the bucket. */
export function rollupTableInput(rollup: Rollup, options: { rejectedDataBucket: string; settings?: RollupSettings; tags?: Readonly<Record<string, string>> }): CreateTableCommandInput {
  const settings = options.settings ?? rollupSettings;
  const { retention, magneticStoreWrites } = rollup.table;
  return {
    DatabaseName: settings.databaseName,
    TableName: rollup.table.tableName,
    RetentionProperties: { MemoryStoreRetentionPeriodInHours: retention.memoryStoreRetentionHours, MagneticStoreRetentionPeriodInDays: retention.magneticStoreRetentionDays },
    MagneticStoreWriteProperties: {
      EnableMagneticStoreWrites: magneticStoreWrites.enabled,
      MagneticStoreRejectedDataLocation: { S3Configuration: { BucketName: options.rejectedDataBucket, ObjectKeyPrefix: magneticStoreWrites.rejectedDataKeyPrefix, EncryptionOption: 'SSE_S3' } },
    },
    Tags: Object.entries(options.tags ?? timestreamSettings.tags).map(([Key, Value]) => ({ Key, Value })),
  };
}

/** CreateScheduledQuery of a rollup's scheduled query in a deployment. */
export function rollupScheduledQueryInput(query: RollupScheduledQuery, deployment: RollupDeployment, tags: Readonly<Record<string, string>> = timestreamSettings.tags): CreateScheduledQueryCommandInput {
  return {
    Name: query.name,
    QueryString: query.queryString,
    ScheduleConfiguration: { ScheduleExpression: query.scheduleExpression },
    NotificationConfiguration: { SnsConfiguration: { TopicArn: deployment.topicArn } },
    TargetConfiguration: { TimestreamConfiguration: query.target },
    ScheduledQueryExecutionRoleArn: deployment.executionRoleArn,
    ErrorReportConfiguration: { S3Configuration: { BucketName: deployment.errorReportBucket, ObjectKeyPrefix: query.errorReportKeyPrefix, EncryptionOption: 'SSE_S3' } },
    Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
  };
}

/**
 * The invocation times (epoch ms, oldest first) that recompute every bin of a rollup from `fromMs` to the
 * last scheduled run at or before `toMs`, each run's window meeting the next: what to pass to
 * ExecuteScheduledQuery to backfill. Oldest first matters: each run writes a higher version, and a run
 * must not replace a later run's complete bin with its own partial one.
 */
export function backfillInvocations(rollup: Rollup, fromMs: number, toMs: number): number[] {
  const every = rollup.schedule.everyMinutes * 60_000;
  const offset = rollup.schedule.offsetMinutes * 60_000;
  const step = rollup.overlapMinutes * 60_000;
  const last = Math.floor((toMs - offset) / every) * every + offset;
  const times: number[] = [];
  // a run at t covers bins from bin(t, bin) - overlap: stop once that reaches back to fromMs
  for (let t = last; t >= fromMs - step; t -= Math.max(every, Math.floor(step / every) * every)) {
    times.push(t);
    const binStart = Math.floor(t / (rollup.binMinutes * 60_000)) * rollup.binMinutes * 60_000;
    if (binStart - step <= fromMs) break;
  }
  return times.reverse();
}
