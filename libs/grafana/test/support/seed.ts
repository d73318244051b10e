import { WriteRecordsCommand, type TimestreamWriteClient, type _Record } from '@aws-sdk/client-timestream-write';
import { putAsideRecord, timestreamSettings, toWriteRequests, type SensorReading } from '@iot-timeseries/schema';

export const STEP_MS = 30_000;
export const DEVICES = [
  { deviceId: 'press-01', location: "hall 1 (o'neil)" },
  { deviceId: 'press-02', location: "hall 1 (o'neil)" },
  { deviceId: 'pump-07', location: 'yard' },
];

/** Every 30 s for two hours; pump-07 went silent 20 minutes ago; press-01 read one 95 °C. */
export function fleetReadings(now: number): SensorReading[] {
  const start = Math.floor((now - 2 * 3_600_000) / STEP_MS) * STEP_MS;
  return DEVICES.flatMap((d, j) => {
    const readings: SensorReading[] = [];
    for (let t = start, i = 0; t <= now - 5_000; t += STEP_MS, i++) {
      if (d.deviceId === 'pump-07' && t > now - 20 * 60_000) break;
      const temperature = d.deviceId === 'press-01' && t >= now - 5 * 60_000 && t < now - 5 * 60_000 + STEP_MS ? 95 : 20 + j + ((i * 7) % 11) / 5;
      readings.push({ deviceId: d.deviceId, location: d.location, time: t, timeFromReceipt: false, measures: { temperature, humidity: 40 + (i % 9), pressure: 1000 + (i % 5), vibration: 0.01 * (1 + (i % 4)) } });
    }
    return readings;
  });
}

export async function writeFleet(client: TimestreamWriteClient, readings: SensorReading[]): Promise<void> {
  const target = { databaseName: timestreamSettings.databaseName, tableName: timestreamSettings.tableName };
  for (const plan of toWriteRequests(readings, target)) await client.send(new WriteRecordsCommand(plan.input));
}

/** Two readings of press-01 put aside (the ingest function's markers), ten minutes ago. */
export async function writePutAside(client: TimestreamWriteClient, now: number): Promise<void> {
  const records = [0, 1].map((i) => putAsideRecord({ deviceId: 'press-01', location: DEVICES[0].location, kind: 'invalid', receivedAtMs: now - 10 * 60_000 + i, identity: `seed-${i}` }));
  await client.send(new WriteRecordsCommand({ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName, Records: records.filter((r): r is _Record => r !== undefined) }));
}

/** A DevOps-style table of single-measure records, as the plugin's sample dashboard reads (written here, not copied). */
export const DEVOPS = { DatabaseName: 'grafanaDB', TableName: 'grafanaTable' };

export async function writeDevOps(client: TimestreamWriteClient, now: number): Promise<void> {
  const hosts = ['apollo', 'athena', 'zeus'].flatMap((service) =>
    [1, 2].map((n) => ({ region: 'us-east-1', cell: 'us-east-1-cell-1', silo: `us-east-1-cell-1-silo-${n}`, availability_zone: `us-east-1-${n}`, microservice_name: service, instance_type: 'm5.4xlarge', os_version: 'AL2', instance_name: `i-${service}-000${n}`, process_name: 'server', jdk_version: 'JDK_11' })),
  );
  const records: _Record[] = [];
  for (const [h, host] of hosts.entries()) {
    for (let k = 0; k < 20; k++) {
      const time = String(now - (20 - k) * 60_000);
      const Dimensions = Object.entries(host).map(([Name, Value]) => ({ Name, Value }));
      records.push(
        { Dimensions, MeasureName: 'cpu_user', MeasureValue: String(10 + ((h * 13 + k * 7) % 80)), MeasureValueType: 'DOUBLE', Time: time },
        { Dimensions, MeasureName: 'memory_used', MeasureValue: String(30 + ((h * 5 + k) % 60)), MeasureValueType: 'DOUBLE', Time: time },
        { Dimensions, MeasureName: 'gc_pause', MeasureValue: String(((h + 1) * (k + 3)) % 50), MeasureValueType: 'DOUBLE', Time: time },
        { Dimensions, MeasureName: 'disk_io_reads', MeasureValue: String(100 * h + k), MeasureValueType: 'BIGINT', Time: time },
        { Dimensions, MeasureName: 'task_end_state', MeasureValue: ['SUCCESS', 'FAILURE', 'SUCCESS', 'TIMEOUT'][(h + k) % 4], MeasureValueType: 'VARCHAR', Time: time },
      );
    }
  }
  for (let i = 0; i < records.length; i += 100) await client.send(new WriteRecordsCommand({ DatabaseName: DEVOPS.DatabaseName, TableName: DEVOPS.TableName, Records: records.slice(i, i + 100) }));
}
