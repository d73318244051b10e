import { WriteRecordsCommand, type TimestreamWriteClient, type WriteRecordsCommandInput } from '@aws-sdk/client-timestream-write';
import { putAsideRecord, timestreamSettings, toWriteRequests, type SensorReading } from '@iot-timeseries/schema';

const MINUTE = 60_000;
/** Readings per request: one device's 100 consecutive minutes (its dimensions go into CommonAttributes). */
const BLOCK = 100;

/** A deterministic hash in [0, 1) of two numbers (murmur3's finaliser): which readings are missing, small variations. */
function unit(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

/** About 0.5 % of the readings are missing, and every 100th device is silent for three hours mid-week. */
const missing = (fleet: FleetWeek, device: number, minute: number, minutes: number) =>
  unit(device, minute) < 0.005 || (fleet.silentStretch !== false && device % 100 === 7 && minute >= minutes / 2 && minute < minutes / 2 + 180);

export interface FleetWeek {
  devices: number;
  startMs: number;
  endMs: number;
  /** every 100th device silent for three hours from the middle (default true; a short top-up of a kept directory has none) */
  silentStretch?: boolean;
}

const deviceId = (d: number) => `sensor-${String(d).padStart(4, '0')}`;

/** The requests of the fleet, block by block (every device's first 100 minutes, then the next ...), made as they are sent. */
function* requests(fleet: FleetWeek): Generator<WriteRecordsCommandInput> {
  const minutes = Math.floor((fleet.endMs - fleet.startMs) / MINUTE);
  for (let block = 0; block * BLOCK < minutes; block++) {
    for (let d = 0; d < fleet.devices; d++) {
      const readings: SensorReading[] = [];
      for (let m = block * BLOCK; m < Math.min(minutes, (block + 1) * BLOCK); m++) {
        if (missing(fleet, d, m, minutes)) continue;
        const daily = Math.sin((m / 1440) * 2 * Math.PI);
        readings.push({
          deviceId: deviceId(d),
          location: `hall-${d % 20}`,
          time: fleet.startMs + m * MINUTE + (d % 60) * 1000,
          timeFromReceipt: false,
          measures: { temperature: 20 + (d % 7) + 4 * daily + unit(d, m + 1), humidity: 45 + 10 * daily + (m % 5), pressure: 1000 + (d % 13) + (m % 3) / 10, vibration: 0.02 + unit(m, d) / 50 },
        });
      }
      for (const plan of toWriteRequests(readings, timestreamSettings)) yield plan.input;
    }
  }
}

/** Two put-aside markers per device over the week (the ingest function writes them for readings it put aside). */
function markers(fleet: FleetWeek): WriteRecordsCommandInput[] {
  const out: WriteRecordsCommandInput[] = [];
  for (let d = 0; d < fleet.devices; d += 50) {
    const records = [];
    for (let k = d; k < Math.min(fleet.devices, d + 50); k++) {
      for (const at of [0.3, 0.8]) {
        const record = putAsideRecord({ deviceId: deviceId(k), location: `hall-${k % 20}`, kind: k % 2 ? 'invalid' : 'rejected', receivedAtMs: fleet.startMs + Math.floor((fleet.endMs - fleet.startMs) * at) + k, identity: `bench-${k}-${at}` });
        if (record) records.push(record);
      }
    }
    out.push({ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName, Records: records });
  }
  return out;
}

/** Writes the fleet's week of readings, `concurrency` calls in flight; resolves with the readings written. */
export async function writeFleetWeek(client: TimestreamWriteClient, fleet: FleetWeek, concurrency: number, onProgress: (written: number) => void): Promise<number> {
  const source = requests(fleet);
  let written = 0;
  let reported = 0;
  const worker = async () => {
    for (let next = source.next(); !next.done; next = source.next()) {
      await client.send(new WriteRecordsCommand(next.value));
      written += next.value.Records?.length ?? 0;
      if (written - reported >= 1_000_000) onProgress((reported = written));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  for (const input of markers(fleet)) await client.send(new WriteRecordsCommand(input));
  return written;
}
