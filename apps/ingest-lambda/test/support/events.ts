import type { KinesisStreamEvent, KinesisStreamRecord, SQSEvent, SQSRecord } from 'aws-lambda';

/** A Kinesis event as the Lambda service builds it for the IoT rule's Kinesis action (data base64). */
export function kinesisEvent(messages: ReadonlyArray<string | object>, options: { arrivalMs?: number; firstSequence?: number } = {}): KinesisStreamEvent {
  const arrival = options.arrivalMs ?? Date.now();
  const first = options.firstSequence ?? 1;
  return {
    Records: messages.map((m, i): KinesisStreamRecord => {
      const text = typeof m === 'string' ? m : JSON.stringify(m);
      const sequenceNumber = sequence(first + i);
      return {
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: typeof m === 'object' && m !== null && 'device_id' in m ? String((m as { device_id: unknown }).device_id) : 'pk',
          sequenceNumber,
          data: Buffer.from(text, 'utf8').toString('base64'),
          approximateArrivalTimestamp: (arrival + i) / 1000,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `shardId-000000000000:${sequenceNumber}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: 'arn:aws:iam::000000000000:role/ingest-lambda-role',
        awsRegion: 'us-east-1',
        eventSourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/iot-sensor-stream',
      };
    }),
  };
}

export function sequence(n: number): string {
  return `4959${String(n).padStart(52, '0')}`;
}

/** An SQS event; SentTimestamp is the receive time for messages without a timestamp. */
export function sqsEvent(messages: ReadonlyArray<string | object>, options: { sentMs?: number } = {}): SQSEvent {
  const sent = options.sentMs ?? Date.now();
  return {
    Records: messages.map(
      (m, i): SQSRecord => ({
        messageId: `msg-${i + 1}`,
        receiptHandle: `handle-${i + 1}`,
        body: typeof m === 'string' ? m : JSON.stringify(m),
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(sent + i),
          SenderId: 'AIDAEXAMPLE',
          ApproximateFirstReceiveTimestamp: String(sent + i + 5),
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:ingest',
        awsRegion: 'us-east-1',
      }),
    ),
  };
}

/** A valid message in the recipe's shape. */
export function sensorMessage(deviceId: string, timeMs: number | undefined, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const n = Number(deviceId.replace(/\D/g, '')) || 1;
  return {
    device_id: deviceId,
    location: `factory-floor-${(n % 3) + 1}`,
    ...(timeMs !== undefined ? { timestamp: new Date(timeMs).toISOString() } : {}),
    sensors: { temperature: 20 + (n % 10), humidity: 50 + (n % 20), pressure: 1013.25, vibration: 0.05 },
    ...overrides,
  };
}
