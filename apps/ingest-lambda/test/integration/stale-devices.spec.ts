import { WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { PIPELINE_METRICS, timestreamSettings, toWriteRequests, type SensorReading } from '@iot-timeseries/schema';
import { startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import { createStaleDevicesHandler } from '../../src/stale-devices/create-stale-devices-handler';
import { RecordingMetrics, silentLogger } from '../support/fakes';

jest.setTimeout(60_000);

describe('stale-device probe against the local Timestream server', () => {
  const { databaseName, tableName } = timestreamSettings;
  let ts: TestTimestream;
  beforeAll(async () => {
    ts = await startTestTimestream({ tables: [{ DatabaseName: databaseName, TableName: tableName }] });
    const now = Date.now();
    const reading = (deviceId: string, agoSeconds: number): SensorReading => ({ deviceId, location: 'hall-1', time: now - agoSeconds * 1000, timeFromReceipt: false, measures: { temperature: 21.5 } });
    const readings = [reading('fresh-1', 30), reading('fresh-2', 90), reading('silent-1', 900), reading('silent-1', 1200), reading('silent-2', 3600)];
    for (const plan of toWriteRequests(readings, { databaseName, tableName })) await ts.writeClient().send(new WriteRecordsCommand(plan.input));
  });
  afterAll(() => ts.close());

  it('publishes the number of devices silent for longer than the threshold as StaleDevices', async () => {
    const metrics = new RecordingMetrics();
    const handler = createStaleDevicesHandler({ queryClient: ts.queryClient(), config: { databaseName, tableName, staleAfterSeconds: 300 }, logger: silentLogger(), metrics });
    await expect(handler()).resolves.toEqual({ staleDevices: 2, devices: ['silent-2', 'silent-1'] });
    expect(metrics.totals.get(PIPELINE_METRICS.staleDevices)).toBe(2);
    expect(metrics.published).toBe(1);
  });

  it('publishes 0 when every device is within the threshold', async () => {
    const metrics = new RecordingMetrics();
    const handler = createStaleDevicesHandler({ queryClient: ts.queryClient(), config: { databaseName, tableName, staleAfterSeconds: 7200 }, logger: silentLogger(), metrics });
    await expect(handler()).resolves.toEqual({ staleDevices: 0, devices: [] });
    expect(metrics.totals.get(PIPELINE_METRICS.staleDevices)).toBe(0);
  });

  it('fails the invocation, publishing nothing, when the table cannot be queried', async () => {
    const metrics = new RecordingMetrics();
    const handler = createStaleDevicesHandler({ queryClient: ts.queryClient(), config: { databaseName, tableName: 'no-such-table', staleAfterSeconds: 300 }, logger: silentLogger(), metrics });
    await expect(handler()).rejects.toThrow(/no-such-table/);
    expect(metrics.totals.size).toBe(0);
  });
});
