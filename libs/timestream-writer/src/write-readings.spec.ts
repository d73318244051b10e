import { QueryCommand } from '@aws-sdk/client-timestream-query';
import { WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { toRecord } from '@iot-timeseries/schema';
import { startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import { sensorReading } from './testing';
import { writeReadings, type ReadingWriterOptions } from './write-readings';

// The happy path and the permanent refusals against the real local server, through the real SDK.
const databaseName = 'writer';
const tableName = 'readings';
const now = Date.now();
let ts: TestTimestream;
let options: ReadingWriterOptions;

beforeAll(async () => {
  ts = await startTestTimestream({
    tables: [
      {
        DatabaseName: databaseName,
        TableName: tableName,
        RetentionProperties: { MemoryStoreRetentionPeriodInHours: 1, MagneticStoreRetentionPeriodInDays: 1 },
        MagneticStoreWriteProperties: { EnableMagneticStoreWrites: false },
      },
    ],
  });
  options = { client: ts.writeClient(), databaseName, tableName };
});
afterAll(() => ts.close());

async function count(deviceId: string): Promise<number> {
  const sql = `SELECT count(*) AS n FROM "${databaseName}"."${tableName}" WHERE device_id = '${deviceId}'`;
  const result = await ts.queryClient().send(new QueryCommand({ QueryString: sql }));
  return Number(result.Rows?.[0]?.Data?.[0]?.ScalarValue);
}

describe('writeReadings against the local Timestream server', () => {
  it('stores every reading, more than one request of them, and reports each as stored', async () => {
    const readings = Array.from({ length: 250 }, (_, i) => sensorReading(`stored-${i % 3}`, now - 60_000 + i, { temperature: 20 + (i % 7), humidity: 40 }));
    const report = await writeReadings(readings, options);
    expect(report).toEqual({ stored: readings.map((_, i) => i), refused: [], toRetry: [], requests: 3 });
    expect([await count('stored-0'), await count('stored-1'), await count('stored-2')]).toEqual([84, 83, 83]);
  });

  it('writes an exact duplicate once and counts it as stored with its twin', async () => {
    const reading = sensorReading('twin', now - 5_000);
    const report = await writeReadings([reading, { ...reading }, sensorReading('twin', now - 4_000)], options);
    expect(report).toEqual({ stored: [0, 1, 2], refused: [], toRetry: [], requests: 1 });
    expect(await count('twin')).toBe(2);
  });

  it('refuses for good a reading outside the memory store window, with Timestream reason, and stores the rest', async () => {
    const readings = [sensorReading('late', now - 1_000), sensorReading('late', now - 2 * 3_600_000), sensorReading('late', now - 3_000)];
    const report = await writeReadings(readings, options);
    expect(report.stored).toEqual([0, 2]);
    expect(report.toRetry).toEqual([]);
    expect(report.refused).toEqual([
      { index: 1, reading: readings[1], scope: 'record', reason: expect.stringMatching(/^The record timestamp is outside the time range \[.*\) of the memory store\.$/) },
    ]);
    expect(await count('late')).toBe(2);
  });

  it('refuses for good a version conflict with the version Timestream holds', async () => {
    const held = sensorReading('versioned', now - 10_000, { temperature: 30 });
    const record = { ...toRecord(held, { databaseName, tableName }), Version: 2 };
    await options.client.send(new WriteRecordsCommand({ DatabaseName: databaseName, TableName: tableName, Records: [record] }));

    const report = await writeReadings([sensorReading('versioned', now - 10_000, { temperature: 31 })], options);
    expect(report.stored).toEqual([]);
    expect(report.refused).toEqual([
      { index: 0, reading: expect.objectContaining({ deviceId: 'versioned' }), scope: 'record', existingVersion: 2, reason: 'The record version 1 is lower than the existing version 2. A higher version is required to update the measure value.' },
    ]);
  });

  it('refuses a changed value at the same time and version, and re-writes an identical one', async () => {
    const first = sensorReading('changed', now - 20_000, { temperature: 20 });
    expect((await writeReadings([first], options)).stored).toEqual([0]);
    const report = await writeReadings([first, sensorReading('changed', now - 20_000, { temperature: 25 })], options);
    expect(report.stored).toEqual([0]);
    expect(report.refused).toEqual([{ index: 1, reading: expect.objectContaining({ measures: { temperature: 25 } }), scope: 'record', existingVersion: 1, reason: expect.stringMatching(/^A record already exists with the same time, dimensions, measure name, and record version/) }]);
    expect(await count('changed')).toBe(1);
  });
});
