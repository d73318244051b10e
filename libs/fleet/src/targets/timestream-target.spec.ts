import { QueryCommand } from '@aws-sdk/client-timestream-query';
import { ThrottlingException, TimestreamWriteClient, WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { timestreamSettings } from '@iot-timeseries/schema';
import { startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import { recordingSleep } from '@iot-timeseries/timestream-writer/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { ReadingsNotStoredError, TargetError } from '../errors';
import { TimestreamTarget } from './timestream-target';

const device = { deviceId: 'sensor-001', location: 'factory-floor-1' };
const message = (time: number, sensors: Record<string, number> = { temperature: 21 }) => ({ device_id: device.deviceId, location: device.location, timestamp: new Date(time).toISOString(), sensors });
const { databaseName, tableName } = timestreamSettings;

describe('TimestreamTarget against the local server', () => {
  let ts: TestTimestream;
  beforeAll(async () => {
    ts = await startTestTimestream({ tables: [{ DatabaseName: databaseName, TableName: tableName, RetentionProperties: { MemoryStoreRetentionPeriodInHours: 1, MagneticStoreRetentionPeriodInDays: 1 } }] });
  });
  afterAll(() => ts.close());

  it('stores a valid message', async () => {
    const time = Date.now() - 1000;
    await new TimestreamTarget(ts.writeClient()).send(device, message(time));
    const result = await ts.queryClient().send(new QueryCommand({ QueryString: `SELECT temperature FROM "${databaseName}"."${tableName}" WHERE device_id = 'sensor-001'` }));
    expect(result.Rows?.map((r) => r.Data?.[0]?.ScalarValue)).toEqual(['21.0']);
  });

  it('refuses an invalid message with the schema reasons, before writing anything', async () => {
    await expect(new TimestreamTarget(ts.writeClient()).send(device, message(Date.now(), { humidity: 140 }))).rejects.toThrow(/refused sensor-001's message: humidity 140 is outside/);
  });

  it('throws ReadingsNotStoredError naming the reading Timestream refused and why', async () => {
    const time = Date.now() - 3 * 3_600_000;
    const send = new TimestreamTarget(ts.writeClient()).send(device, message(time));
    await expect(send).rejects.toThrow(TargetError);
    await expect(send).rejects.toThrow(`Timestream did not store 1 of 1 reading(s) of sensor-001: ${new Date(time).toISOString()} refused for good: The record timestamp is outside the time range`);
    await expect(send).rejects.toMatchObject({ stored: [], toRetry: [], refused: [expect.objectContaining({ scope: 'record', reading: expect.objectContaining({ time }) })] });
  });
});

describe('TimestreamTarget on transient failures', () => {
  const throttled = () => new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });

  it('throws only after the writer re-sent, keeping the reason', async () => {
    const client = new TimestreamWriteClient({ region: 'us-east-1' });
    const mock = mockClient(client);
    mock.on(WriteRecordsCommand).rejects(throttled());
    const { sleep, waits } = recordingSleep();
    const error = await new TimestreamTarget(client, { sleep }).send(device, message(Date.now())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadingsNotStoredError);
    expect(error).toMatchObject({ deviceId: 'sensor-001', stored: [], refused: [], message: expect.stringContaining('not stored after retries: WriteRecords failed: ThrottlingException (HTTP 400): Rate exceeded') });
    expect(mock.commandCalls(WriteRecordsCommand)).toHaveLength(3);
    expect(waits).toEqual([200, 400]);
  });

  it('resolves when a re-send gets through', async () => {
    const client = new TimestreamWriteClient({ region: 'us-east-1' });
    mockClient(client).on(WriteRecordsCommand).rejectsOnce(throttled()).resolves({});
    await expect(new TimestreamTarget(client, { sleep: recordingSleep().sleep }).send(device, message(Date.now()))).resolves.toBeUndefined();
  });
});
