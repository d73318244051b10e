import { CreateTableCommand, WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { analyticsTables, timestreamSettings, toWriteRequests } from '@iot-timeseries/schema';
import { startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import { createDashboardLoader, createQueriesAdapter, PanelSourceMissingError } from '../src';

jest.setTimeout(120_000);

const db = timestreamSettings.databaseName;
const fleet = { stats: () => ({ elapsedMs: 1000, devices: 1, silentDevices: 0, messagesSent: 1, messagesPerSecond: 1, duplicates: 0, late: 0, invalid: 0, anomalies: 0, failedSends: 0 }) };

/** A pipeline without the window function (the direct ingest path, or `--window-seconds 0`): no events or windows tables. */
describe('the alerts and forecasts panels where the window function is not deployed', () => {
  let ts: TestTimestream;

  beforeAll(async () => {
    ts = await startTestTimestream({ tables: [{ DatabaseName: db, TableName: timestreamSettings.tableName }] });
    const reading = { deviceId: 'dev-a', location: 'hall-1', time: Date.now() - 5_000, timeFromReceipt: false, measures: { temperature: 21, humidity: 40, pressure: 1000, vibration: 0.02 } };
    for (const plan of toWriteRequests([reading], timestreamSettings)) await ts.writeClient().send(new WriteRecordsCommand(plan.input));
  });
  afterAll(() => ts?.close());

  it('the adapter names the missing table and the window function, as a PanelSourceMissingError', async () => {
    const adapter = createQueriesAdapter(ts.queryClient());
    const failure = await adapter.events(15).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PanelSourceMissingError);
    expect((failure as Error).message).toContain(`table '${db}.${analyticsTables.events.tableName}' does not exist`);
    expect((failure as Error).message).toContain('The window function is not running here');
    await expect(adapter.forecasts(15)).rejects.toThrow(`table '${db}.${analyticsTables.windows.tableName}' does not exist`);
  });

  it('the page model shows them as notices, not failed queries, and every other panel still answers', async () => {
    const model = await createDashboardLoader({ queryClient: ts.queryClient(), source: 'local', windowMinutes: 15, expectedIntervalMs: 2000, fleet, targetDescription: 'MQTT' })();
    expect(Object.keys(model.notices).sort()).toEqual(['alerts', 'forecasts']);
    expect(model.notices.alerts).toMatch(/window function is not running here.*--window-seconds 0/);
    expect(model.errors.alerts).toBeUndefined();
    expect(model.errors.forecasts).toBeUndefined();
    expect(model.alerts).toEqual([]);
    expect(model.latest.map((r) => r.deviceId)).toEqual(['dev-a']);
  });

  it('once the tables exist but nothing was written to them, the panels are simply empty', async () => {
    for (const table of [analyticsTables.events, analyticsTables.windows]) await ts.writeClient().send(new CreateTableCommand({ DatabaseName: db, TableName: table.tableName }));
    const model = await createDashboardLoader({ queryClient: ts.queryClient(), source: 'local', windowMinutes: 15, expectedIntervalMs: 2000, fleet, targetDescription: 'MQTT' })();
    expect(model.notices).toEqual({});
    expect(model.errors.alerts).toBeUndefined();
    expect(model.errors.forecasts).toBeUndefined();
    expect(model.alerts).toEqual([]);
  });
});
