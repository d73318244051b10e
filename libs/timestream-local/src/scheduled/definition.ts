import type {
  ErrorReportConfiguration,
  ExecutionStats,
  ScheduledQueryRunStatus,
  ScheduledQueryState,
  TimestreamConfiguration,
} from '@aws-sdk/client-timestream-query';
import type { Tag } from '../storage/resource-types';

/** How one run went, as kept in the metadata store (times in epoch milliseconds). */
export interface RunRecord {
  invocationTime: number;
  triggerTime: number;
  runStatus: ScheduledQueryRunStatus;
  executionStats: Required<ExecutionStats>;
  errorReportLocation?: { bucketName: string; objectKey: string };
  failureReason?: string;
  /** only for ExecuteScheduledQuery with QueryInsights ENABLED_WITH_RATE_CONTROL */
  queryInsights?: { queryTableCount: number; outputRows: number; outputBytes: number };
}

/** What CreateScheduledQuery defines (validated, defaults applied). */
export interface ScheduledQuerySpec {
  name: string;
  queryString: string;
  scheduleExpression: string;
  topicArn: string;
  target?: TimestreamConfiguration;
  executionRoleArn: string;
  kmsKeyId?: string;
  /** with EncryptionOption set (SSE_S3 unless given) */
  errorReport: ErrorReportConfiguration;
  tags: Tag[];
  clientToken?: string;
}

/** A scheduled query as kept in the metadata store: its definition, state and run history. */
export interface ScheduledQueryRecord extends ScheduledQuerySpec {
  arn: string;
  creationTime: number;
  state: ScheduledQueryState;
  /** the invocation time of the latest run */
  previousInvocationTime?: number;
  lastRun?: RunRecord;
  /** the last five failed runs, newest first */
  recentlyFailedRuns: RunRecord[];
  /** the record version the latest run wrote; the next run writes a higher one */
  lastVersion: number;
}

export const RECENTLY_FAILED_RUNS = 5;
