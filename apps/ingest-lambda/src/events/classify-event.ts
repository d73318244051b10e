import { isSchemaSeedEvent } from '@iot-timeseries/schema';
import type { KinesisStreamEvent, SQSEvent } from 'aws-lambda';
import { UnsupportedEventError } from '../errors';

export type ClassifiedEvent =
  | { kind: 'kinesis'; event: KinesisStreamEvent }
  | { kind: 'sqs'; event: SQSEvent }
  /** libs/schema's SCHEMA_SEED_EVENT: write the seed record (infra invokes it before creating the scheduled queries). */
  | { kind: 'seed' }
  /** Direct invocation or the IoT rule's Lambda action: one message or an array of messages. */
  | { kind: 'direct'; payload: unknown };

const SOURCES = { 'aws:kinesis': 'kinesis', 'aws:sqs': 'sqs' } as const;

/** Tells the event sources apart by the batch records' `eventSource`; the seed event by its exact shape; anything else is a direct payload. */
export function classifyEvent(event: unknown): ClassifiedEvent {
  if (isSchemaSeedEvent(event)) return { kind: 'seed' };
  if (event !== null && typeof event === 'object' && !Array.isArray(event) && 'Records' in event && Array.isArray(event.Records)) {
    const records = event.Records as Array<{ eventSource?: unknown; EventSource?: unknown } | null>;
    const kinds = new Set(records.map((r) => SOURCES[(r?.eventSource ?? r?.EventSource) as keyof typeof SOURCES]));
    if (kinds.size === 1 && kinds.has('kinesis')) return { kind: 'kinesis', event: event as KinesisStreamEvent };
    if (kinds.size === 1 && kinds.has('sqs')) return { kind: 'sqs', event: event as SQSEvent };
    if (records.length === 0) throw new UnsupportedEventError('event has an empty Records list: nothing tells which event source sent it');
    const names = [...new Set(records.map((r) => String(r?.eventSource ?? r?.EventSource)))].join(', ');
    throw new UnsupportedEventError(`unsupported batch event source(s): ${names} (expected aws:kinesis or aws:sqs)`);
  }
  return { kind: 'direct', payload: event };
}
