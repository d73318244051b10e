import { WriteRecordsCommand, type TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { timestreamSettings, toWriteRequests, type SensorReading } from '@iot-timeseries/schema';

export const STEP_MS = 30_000;

/**
 * Three devices reporting every 30 s for the last two hours: dev-a and dev-b in hall-1, dev-c in
 * hall-2. dev-c went silent 20 minutes ago; dev-a has one 95 °C outlier and a 10-minute gap; the
 * last reading of dev-b carries no humidity.
 */
export function makeDataset(now: number): SensorReading[] {
  const start = Math.floor((now - 2 * 3_600_000) / STEP_MS) * STEP_MS;
  const end = Math.floor((now - 60_000) / STEP_MS) * STEP_MS;
  const readings: SensorReading[] = [];
  const devices = [
    { id: 'dev-a', location: 'hall-1', base: 20 },
    { id: 'dev-b', location: 'hall-1', base: 25 },
    { id: 'dev-c', location: 'hall-2', base: 30 },
  ];
  for (const [d, dev] of devices.entries()) {
    for (let t = start, i = 0; t <= end; t += STEP_MS, i++) {
      if (dev.id === 'dev-c' && t > now - 20 * 60_000) continue;
      if (dev.id === 'dev-a' && t >= start + 30 * 60_000 && t < start + 40 * 60_000) continue;
      const temperature = dev.id === 'dev-a' && i === 150 ? 95 : dev.base + ((i * 7 + d * 3) % 11) / 2;
      const measures: Record<string, number> = { temperature, humidity: 40 + (i % 13), pressure: 1000 + (i % 5), vibration: 0.01 * (1 + (i % 4)) };
      if (dev.id === 'dev-b' && t === end) delete measures.humidity;
      readings.push({ deviceId: dev.id, location: dev.location, time: t, timeFromReceipt: false, measures });
    }
  }
  return readings;
}

export async function writeDataset(client: TimestreamWriteClient, readings: SensorReading[]): Promise<void> {
  const target = { databaseName: timestreamSettings.databaseName, tableName: timestreamSettings.tableName };
  for (const plan of toWriteRequests(readings, target)) await client.send(new WriteRecordsCommand(plan.input));
}

export const TABLE = {
  DatabaseName: timestreamSettings.databaseName,
  TableName: timestreamSettings.tableName,
  RetentionProperties: { MemoryStoreRetentionPeriodInHours: 24, MagneticStoreRetentionPeriodInDays: 365 },
};

export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
export const sampleStddev = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};
