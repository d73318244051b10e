import type { SensorReading } from '@iot-timeseries/schema';

/**
 * Drops exact duplicates (same device, location, time and measure values), which a batch holds
 * when an event source delivers a message twice. `uniqueOf[i]` is the index in `unique` of reading i.
 */
export function dedupeReadings(readings: readonly SensorReading[]): { unique: SensorReading[]; uniqueOf: number[] } {
  const seen = new Map<string, number>();
  const unique: SensorReading[] = [];
  const uniqueOf = readings.map((r) => {
    const key = `${r.deviceId}\u0000${r.location}\u0000${r.time}\u0000${JSON.stringify(r.measures)}`;
    let u = seen.get(key);
    if (u === undefined) {
      u = unique.push(r) - 1;
      seen.set(key, u);
    }
    return u;
  });
  return { unique, uniqueOf };
}
