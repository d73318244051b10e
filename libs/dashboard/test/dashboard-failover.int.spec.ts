import { WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { FailoverQueryClient } from '@iot-timeseries/queries';
import { schemaSeedRecord, timestreamSettings, toWriteRequests, type SensorReading } from '@iot-timeseries/schema';
import { startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import { createDashboardLoader } from '../src';

const TABLE = {
  DatabaseName: timestreamSettings.databaseName,
  TableName: timestreamSettings.tableName,
  RetentionProperties: { MemoryStoreRetentionPeriodInHours: 24, MagneticStoreRetentionPeriodInDays: 30 },
};
const fleetStats = { elapsedMs: 60_000, devices: 1, silentDevices: 0, messagesSent: 0, messagesPerSecond: 0, duplicates: 0, late: 0, invalid: 0, anomalies: 0, failedSends: 0 };

async function writeReadings(ts: TestTimestream, deviceId: string): Promise<void> {
  const now = Date.now();
  const readings: SensorReading[] = Array.from({ length: 5 }, (_, i) => ({
    deviceId,
    location: 'hall-1',
    // a minute apart, so some lie in minutes that have ended (all the data-quality figures count)
    time: now - (i + 1) * 60_000,
    timeFromReceipt: false,
    measures: { temperature: 20 + i, humidity: 50, pressure: 1010, vibration: 0.02 },
  }));
  const client = ts.writeClient();
  // what a deployment's seed writes first: every column the analytics read
  await client.send(new WriteRecordsCommand({ DatabaseName: TABLE.DatabaseName, TableName: TABLE.TableName, Records: [schemaSeedRecord(now - 7_200_000)] }));
  for (const plan of toWriteRequests(readings, { databaseName: TABLE.DatabaseName, tableName: TABLE.TableName })) await client.send(new WriteRecordsCommand(plan.input));
}

/** Two local servers standing for the primary and the disaster-recovery region, each holding its own device. */
describe('the dashboard over a failover query client', () => {
  let primary: TestTimestream;
  let secondary: TestTimestream;

  beforeAll(async () => {
    [primary, secondary] = await Promise.all([startTestTimestream({ tables: [TABLE] }), startTestTimestream({ tables: [TABLE] })]);
    await Promise.all([writeReadings(primary, 'sensor-primary'), writeReadings(secondary, 'sensor-secondary')]);
  }, 60_000);
  afterAll(async () => {
    await primary?.close().catch(() => undefined);
    await secondary?.close();
  });

  it('shows the primary while it answers, then the secondary once the primary stops, and says where it reads', async () => {
    const client = new FailoverQueryClient([
      { label: primary.endpoint, client: primary.queryClient() },
      { label: secondary.endpoint, client: secondary.queryClient() },
    ]);
    const load = createDashboardLoader({ queryClient: client, source: () => client.active(), windowMinutes: 15, expectedIntervalMs: 60_000, fleet: { stats: () => fleetStats }, targetDescription: () => 'MQTT test' });

    const before = await load();
    expect(before.source).toBe(primary.endpoint);
    expect(before.latest.map((r) => r.deviceId)).toEqual(['sensor-primary']);
    // the window function's tables are not deployed here: said as notices, and nothing failed
    expect(Object.keys(before.notices).sort()).toEqual(['alerts', 'forecasts']);
    expect(before.errors).toEqual({});

    await primary.close();
    const after = await load();
    expect(after.source).toBe(secondary.endpoint);
    expect(after.latest.map((r) => r.deviceId)).toEqual(['sensor-secondary']);
    expect(after.charts.temperature?.series.map((s) => s.deviceId)).toEqual(['sensor-secondary']);
    expect(Object.keys(after.notices).sort()).toEqual(['alerts', 'forecasts']);
    expect(after.errors).toEqual({});
    expect(after.dataQuality?.devices).toBe(1);
    expect(after.pipeline.fleet.target).toBe('MQTT test');
  }, 60_000);
});
