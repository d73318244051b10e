import { randomUUID } from 'node:crypto';
import type { RunRecord } from './definition';

export type NotificationType =
  | 'SCHEDULED_QUERY_CREATING'
  | 'SCHEDULED_QUERY_CREATED'
  | 'SCHEDULED_QUERY_UPDATED'
  | 'SCHEDULED_QUERY_DELETED'
  | 'AUTO_TRIGGER_SUCCESS'
  | 'AUTO_TRIGGER_FAILURE'
  | 'MANUAL_TRIGGER_SUCCESS'
  | 'MANUAL_TRIGGER_FAILURE';

/** A notification as SNS delivers it to a subscribed queue or HTTP endpoint (without raw message delivery). */
export interface SnsNotification {
  Type: 'Notification';
  MessageId: string;
  TopicArn: string;
  /** the service's message, JSON text */
  Message: string;
  Timestamp: string;
  MessageAttributes: {
    notificationType: { Type: 'String'; Value: NotificationType };
    queryArn: { Type: 'String'; Value: string };
  };
}

/** The run summary of a run notification (the service's camelCase message members). */
function runSummary(run: RunRecord): Record<string, unknown> {
  const s = run.executionStats;
  return {
    invocationEpochSecond: Math.floor(run.invocationTime / 1000),
    triggerTimeMillis: run.triggerTime,
    runStatus: run.runStatus,
    executionStats: {
      executionTimeInMillis: s.ExecutionTimeInMillis,
      dataWrites: s.DataWrites,
      bytesMetered: s.BytesMetered,
      cumulativeBytesScanned: s.CumulativeBytesScanned,
      recordsIngested: s.RecordsIngested,
      queryResultRows: s.QueryResultRows,
    },
    ...(run.errorReportLocation ? { errorReportLocation: { s3ReportLocation: run.errorReportLocation } } : {}),
    ...(run.failureReason !== undefined ? { failureReason: run.failureReason } : {}),
  };
}

/** The message bodies of the service's notifications (creating, created, updated, deleted, run success and failure). */
export const messages = {
  lifecycle: (type: 'SCHEDULED_QUERY_CREATING' | 'SCHEDULED_QUERY_CREATED' | 'SCHEDULED_QUERY_DELETED', arn: string) => ({ type, arn }),
  updated: (arn: string, state: string) => ({ type: 'SCHEDULED_QUERY_UPDATED' as const, arn, state }),
  run: (arn: string, run: RunRecord, nextInvocationMs: number | undefined) => {
    const type = run.runStatus;
    const success = type === 'AUTO_TRIGGER_SUCCESS' || type === 'MANUAL_TRIGGER_SUCCESS';
    return {
      type,
      arn,
      ...(success && nextInvocationMs !== undefined ? { nextInvocationEpochSecond: Math.floor(nextInvocationMs / 1000) } : {}),
      scheduledQueryRunSummary: runSummary(run),
    };
  },
};

/** Wraps a message in the SNS envelope. */
export function snsNotification(topicArn: string, message: { type: NotificationType; arn: string }, at: Date): SnsNotification {
  return {
    Type: 'Notification',
    MessageId: randomUUID(),
    TopicArn: topicArn,
    Message: JSON.stringify(message),
    Timestamp: at.toISOString(),
    MessageAttributes: {
      notificationType: { Type: 'String', Value: message.type },
      queryArn: { Type: 'String', Value: message.arn },
    },
  };
}
