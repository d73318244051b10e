import type { KinesisStreamRecord, SQSRecord } from 'aws-lambda';
import type { IncomingMessage } from './incoming-message';

/** Kinesis: base64 data; receive time = approximateArrivalTimestamp (seconds with a fraction). */
export function kinesisMessage(record: KinesisStreamRecord, fallbackNow: number): IncomingMessage {
  const arrival = Number(record.kinesis.approximateArrivalTimestamp);
  return {
    itemId: record.kinesis.sequenceNumber,
    source: 'kinesis',
    payload: { text: Buffer.from(record.kinesis.data, 'base64').toString('utf8') },
    receivedAt: Number.isFinite(arrival) && arrival > 0 ? Math.round(arrival * 1000) : fallbackNow,
  };
}

/** SQS: the body text; receive time = the SentTimestamp attribute (ms). */
export function sqsMessage(record: SQSRecord, fallbackNow: number): IncomingMessage {
  const sent = Number(record.attributes?.SentTimestamp);
  return {
    itemId: record.messageId,
    source: 'sqs',
    payload: { text: record.body ?? '' },
    receivedAt: Number.isFinite(sent) && sent > 0 ? sent : fallbackNow,
  };
}

/** Direct invocation / IoT rule action: the payload as it is; receive time = invocation time. */
export function directMessage(payload: unknown, now: number): IncomingMessage {
  return { itemId: 'direct', source: 'direct', payload: { value: payload }, receivedAt: now };
}
