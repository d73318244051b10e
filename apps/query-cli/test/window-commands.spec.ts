import { CreateTableCommand, WriteRecordsCommand, type _Record } from '@aws-sdk/client-timestream-write';
import { analyticsTables, timestreamSettings } from '@iot-timeseries/schema';
import { startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import { execFile } from 'node:child_process';
import { join } from 'node:path';

jest.setTimeout(60_000);

const BIN = join(__dirname, '../bin/iot-query.js');
const db = timestreamSettings.databaseName;

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 30_000 }, (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

const num = (Name: string, v: number) => ({ Name, Value: String(v), Type: 'DOUBLE' as const });
const text = (Name: string, Value: string) => ({ Name, Value, Type: 'VARCHAR' as const });
const dims = (device: string, extra: Array<{ Name: string; Value: string }> = []) => [{ Name: 'device_id', Value: device }, { Name: 'location', Value: 'hall-1' }, ...extra];

describe('iot-query events and forecasts (the window function tables)', () => {
  let ts: TestTimestream;
  let endpoint: string[];
  const minute = Math.floor(Date.now() / 60_000) * 60_000;

  beforeAll(async () => {
    ts = await startTestTimestream({ tables: [{ DatabaseName: db, TableName: analyticsTables.windows.tableName }, { DatabaseName: db, TableName: analyticsTables.events.tableName }] });
    endpoint = ['--endpoint', ts.endpoint];
    const window = (device: string, start: number, extra: ReturnType<typeof num>[]): _Record => ({
      Dimensions: dims(device),
      MeasureName: analyticsTables.windows.measureName,
      MeasureValueType: 'MULTI',
      MeasureValues: [num('readings', 6), num('window_end', start + 60_000), num('temperature_mean', 21), num('vibration_mean', 0.3), text('episodes', '{}'), ...extra],
      Time: String(start),
      TimeUnit: 'MILLISECONDS',
    });
    await ts.writeClient().send(new WriteRecordsCommand({ DatabaseName: db, TableName: analyticsTables.windows.tableName, Records: [
      window('sensor-001', minute - 180_000, []),
      window('sensor-001', minute - 120_000, [num('temperature_forecast', 21.5), num('temperature_forecast_at', minute), num('temperature_forecast_lower', 20.5), num('temperature_forecast_upper', 22.5), num('vibration_forecast', 0.35), num('vibration_forecast_at', minute), num('time_to_failure_s', 5400)]),
      window('sensor-002', minute - 120_000, [num('temperature_forecast', 30), num('temperature_forecast_at', minute)]),
    ] }));
    const event = (device: string, kind: string, detector: string, state: string, at: number): _Record => ({
      Dimensions: dims(device, [{ Name: 'kind', Value: kind }, { Name: 'detector', Value: detector }]),
      MeasureName: analyticsTables.events.measureName,
      MeasureValueType: 'MULTI',
      MeasureValues: [text('state', state), text('severity', 'critical'), text('evidence', '{"z":14}'), num('window_start', at - 60_000), num('episode_start', at)],
      Time: String(at),
      TimeUnit: 'MILLISECONDS',
    });
    await ts.writeClient().send(new WriteRecordsCommand({ DatabaseName: db, TableName: analyticsTables.events.tableName, Records: [
      event('sensor-001', 'failure-predicted', 'vibration-wear', 'alert', minute - 120_000),
      event('sensor-002', 'anomaly', 'temperature-spike', 'alert', minute - 300_000),
      event('sensor-002', 'anomaly', 'temperature-spike', 'clear', minute - 240_000),
    ] }));
  });
  afterAll(() => ts.close());

  it('events: newest first from the events table, filtered by kind and state', async () => {
    const all = await cli(['events', ...endpoint, '--format', 'json']);
    expect(all.code).toBe(0);
    expect((JSON.parse(all.stdout) as Array<Record<string, unknown>>).map((e) => [e.device_id, e.detector, e.state])).toEqual([
      ['sensor-001', 'vibration-wear', 'alert'],
      ['sensor-002', 'temperature-spike', 'clear'],
      ['sensor-002', 'temperature-spike', 'alert'],
    ]);
    const alerts = await cli(['events', ...endpoint, '--kinds', 'anomaly', '--states', 'alert', '--format', 'csv']);
    expect(alerts.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(alerts.stdout).toContain('temperature-spike');
    const bad = await cli(['events', ...endpoint, '--states', 'open']);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toMatch(/^iot-query: --states takes alert and clear, got "open"/);
  });

  it('forecasts: the latest window of each device, one row per forecast measure, with its interval and the time to failure', async () => {
    const { code, stdout } = await cli(['forecasts', ...endpoint, '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      { device_id: 'sensor-001', location: 'hall-1', measure: 'temperature', window_end: new Date(minute - 60_000).toISOString(), forecast_for: new Date(minute).toISOString(), forecast: 21.5, lower: 20.5, upper: 22.5, time_to_failure_s: 5400 },
      { device_id: 'sensor-001', location: 'hall-1', measure: 'vibration', window_end: new Date(minute - 60_000).toISOString(), forecast_for: new Date(minute).toISOString(), forecast: 0.35, lower: null, upper: null, time_to_failure_s: 5400 },
      { device_id: 'sensor-002', location: 'hall-1', measure: 'temperature', window_end: new Date(minute - 60_000).toISOString(), forecast_for: new Date(minute).toISOString(), forecast: 30, lower: null, upper: null, time_to_failure_s: null },
    ]);
    const one = await cli(['forecasts', ...endpoint, '--devices', 'sensor-001', '--measures', 'vibration']);
    expect(one.stdout.trimEnd().split('\n').slice(2)).toEqual([expect.stringMatching(/^sensor-001 +hall-1 +vibration .* 0\.35 /), '(1 row)']);
  });

  it('a table the window function has not written to yet: no rows and a note, not an error', async () => {
    await ts.writeClient().send(new CreateTableCommand({ DatabaseName: db, TableName: 'empty-events' }));
    const { code, stdout, stderr } = await cli(['events', ...endpoint, '--table', 'empty-events', '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([]);
    expect(stderr).toBe('iot-query: the window function has written nothing to this table yet\n');
  });
});
