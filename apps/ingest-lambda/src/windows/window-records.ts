import type { WindowReading } from '@iot-timeseries/analytics';
import { validateMessageText } from '@iot-timeseries/schema';
import type { KinesisStreamRecord } from 'aws-lambda';

/** The readings in a batch of Kinesis records (what libs/schema accepts); the rest is counted, not stored (the ingest function puts it aside). */
export function windowReadings(records: readonly KinesisStreamRecord[]): { readings: WindowReading[]; skipped: number } {
  const readings: WindowReading[] = [];
  let skipped = 0;
  for (const record of records) {
    const text = Buffer.from(record.kinesis.data, 'base64').toString('utf8');
    const result = validateMessageText(text, { receivedAt: Math.round(record.kinesis.approximateArrivalTimestamp * 1000) });
    skipped += result.problems.length;
    for (const { reading: r } of result.accepted) readings.push({ deviceId: r.deviceId, location: r.location, time: r.time, values: r.measures });
  }
  return { readings, skipped };
}
