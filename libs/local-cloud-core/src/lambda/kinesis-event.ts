import type { KinesisStreamEvent } from 'aws-lambda';
import type { BatchResult, StreamRecord } from '../stream/stream-types';

export interface StreamIdentity {
  streamName: string;
  region: string;
  accountId: string;
  functionRoleName: string;
}

export function streamArn(identity: StreamIdentity): string {
  return `arn:aws:kinesis:${identity.region}:${identity.accountId}:stream/${identity.streamName}`;
}

/** The event the Lambda service hands a function for a batch of Kinesis records. */
export function toKinesisEvent(records: readonly StreamRecord[], identity: StreamIdentity): KinesisStreamEvent {
  return {
    Records: records.map((record) => ({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: record.partitionKey,
        sequenceNumber: record.sequenceNumber,
        data: record.data.toString('base64'),
        approximateArrivalTimestamp: record.approximateArrivalTimestamp / 1000,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `${record.shardId}:${record.sequenceNumber}`,
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: `arn:aws:iam::${identity.accountId}:role/${identity.functionRoleName}`,
      awsRegion: identity.region,
      eventSourceARN: streamArn(identity),
    })),
  };
}

/**
 * Reads a function's reply under ReportBatchItemFailures: no reply or an empty list is success; an
 * item identifier outside the batch, or a malformed list, fails the whole batch (as Lambda does).
 */
export function toBatchResult(reply: unknown, records: readonly StreamRecord[]): BatchResult {
  if (reply === null || reply === undefined || typeof reply !== 'object') return { failedSequenceNumbers: [] };
  const failures = (reply as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { failedSequenceNumbers: [] };
  if (!Array.isArray(failures)) return { error: 'batchItemFailures is not a list' };
  const known = new Set(records.map((r) => r.sequenceNumber));
  const ids: string[] = [];
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !known.has(id)) return { error: `batchItemFailures names an unknown item ${JSON.stringify(id)}` };
    ids.push(id);
  }
  return { failedSequenceNumbers: ids };
}
