/** How one run of a scheduled query went (from DescribeScheduledQuery's LastRunSummary / RecentlyFailedRuns). */
export interface ScheduledQueryRun {
  /** The run's @scheduled_runtime (ISO 8601). */
  invocationTime: string;
  /** When it ran. */
  triggerTime: string;
  /** AUTO_TRIGGER_SUCCESS, AUTO_TRIGGER_FAILURE, MANUAL_TRIGGER_SUCCESS, MANUAL_TRIGGER_FAILURE */
  status: string;
  executionTimeMs: number;
  queryResultRows: number;
  recordsIngested: number;
  failureReason?: string;
  /** s3://<bucket>/<key> of the error report in the local cloud's S3, when the run left one. */
  errorReport?: string;
}

/** One rollup's scheduled query as the local cloud created it. */
export interface ScheduledQueryState {
  name: string;
  arn: string;
  /** The libs/schema rollup it writes (rollup-1m, rollup-1h, data-quality-1h). */
  rollup: string;
  /** database.table it writes to. */
  target: string;
  state: 'ENABLED' | 'DISABLED';
  scheduleExpression: string;
  nextInvocationTime?: string;
  previousInvocationTime?: string;
  lastRun?: ScheduledQueryRun;
  /** The last five failed runs, newest first. */
  recentFailures: ScheduledQueryRun[];
}

/** A notification the scheduled queries published (what SNS would have delivered), parsed. */
export interface ScheduledQueryNotice {
  at: string;
  /** SCHEDULED_QUERY_CREATED, AUTO_TRIGGER_SUCCESS, AUTO_TRIGGER_FAILURE, SCHEDULED_QUERY_UPDATED, ... */
  type: string;
  arn: string;
  /** The query's name, when it is one of the local cloud's. */
  name?: string;
  /** For updates: the new state. */
  state?: string;
  invocationTime?: string;
  recordsIngested?: number;
  failureReason?: string;
}

/** GET /scheduled-queries */
export interface ScheduledQueriesReport {
  /** When the figures were read from the local Timestream server (they are refreshed every few seconds). */
  refreshedAt: string | null;
  /** Why the last refresh failed, if it did. */
  error?: string;
  /** The SNS topic the notifications go to. */
  topicArn: string;
  scheduledQueries: ScheduledQueryState[];
  /** The latest notifications, newest first (bounded). */
  notifications: ScheduledQueryNotice[];
}
