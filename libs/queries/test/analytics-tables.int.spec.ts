import { CreateTableCommand, WriteRecordsCommand, type _Record } from '@aws-sdk/client-timestream-write';
import { analyticsTables, timestreamSettings } from '@iot-timeseries/schema';
import { startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import { deviceEvents, deviceWindows, isMissingColumnError, missingTableOf, QueryFailedError, runQuery } from '../src';

jest.setTimeout(60_000);

const db = timestreamSettings.databaseName;
const dims = (device: string) => [{ Name: 'device_id', Value: device }, { Name: 'location', Value: 'hall-1' }];
const num = (Name: string, v: number) => ({ Name, Value: String(v), Type: 'DOUBLE' as const });

describe('the window function tables through the builders (local Timestream server)', () => {
  let ts: TestTimestream;
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  const start = (i: number) => now - (10 - i) * 60_000;

  beforeAll(async () => {
    ts = await startTestTimestream({ tables: [{ DatabaseName: db, TableName: analyticsTables.windows.tableName }, { DatabaseName: db, TableName: analyticsTables.events.tableName }] });
    const windows: _Record[] = [];
    for (const device of ['dev-a', 'dev-b']) {
      for (let i = 0; i < 5; i++) {
        const values = [num('readings', 10), num('window_end', start(i) + 60_000), num('temperature_mean', 20 + i)];
        if (device === 'dev-a' && i >= 3) values.push(num('temperature_forecast', 30 + i), num('temperature_forecast_at', start(i + 2)));
        windows.push({ Dimensions: dims(device), MeasureName: analyticsTables.windows.measureName, MeasureValueType: 'MULTI', MeasureValues: [...values, { Name: 'episodes', Value: '{}', Type: 'VARCHAR' }], Time: String(start(i)), TimeUnit: 'MILLISECONDS' });
      }
    }
    await ts.writeClient().send(new WriteRecordsCommand({ DatabaseName: db, TableName: analyticsTables.windows.tableName, Records: windows.filter((r) => !(r.Dimensions?.[0].Value === 'dev-b' && Number(r.Time) === start(4))) }));
    const event = (device: string, kind: string, detector: string, state: string, at: number, ttf?: number): _Record => ({
      Dimensions: [...dims(device), { Name: 'kind', Value: kind }, { Name: 'detector', Value: detector }],
      MeasureName: analyticsTables.events.measureName,
      MeasureValueType: 'MULTI',
      MeasureValues: [{ Name: 'state', Value: state, Type: 'VARCHAR' }, { Name: 'severity', Value: 'warning', Type: 'VARCHAR' }, { Name: 'evidence', Value: '{"z":12}', Type: 'VARCHAR' }, num('window_start', at - 60_000), num('episode_start', at), ...(ttf ? [num('time_to_failure_s', ttf)] : [])],
      Time: String(at),
      TimeUnit: 'MILLISECONDS',
    });
    await ts.writeClient().send(new WriteRecordsCommand({ DatabaseName: db, TableName: analyticsTables.events.tableName, Records: [
      event('dev-a', 'anomaly', 'temperature-spike', 'alert', start(1)),
      event('dev-a', 'anomaly', 'temperature-spike', 'clear', start(3)),
      event('dev-b', 'failure-predicted', 'vibration-wear', 'alert', start(4), 5400),
    ] }));
  });
  afterAll(() => ts.close());

  it('lists events newest first, filtered by kind and state, with the failure time where there is one', async () => {
    const { rows } = await runQuery(ts.queryClient(), deviceEvents({ window: '1h' }));
    expect(rows.map((r) => [r.device_id, r.detector, r.state])).toEqual([
      ['dev-b', 'vibration-wear', 'alert'],
      ['dev-a', 'temperature-spike', 'clear'],
      ['dev-a', 'temperature-spike', 'alert'],
    ]);
    expect(rows[0].time_to_failure_s).toBe(5400);
    expect(rows[1].time_to_failure_s).toBeNull();
    expect(rows[0].time.date.getTime()).toBe(start(4));
    const alerts = await runQuery(ts.queryClient(), deviceEvents({ window: '1h', states: ['alert'], kinds: ['anomaly'], order: 'oldest' }));
    expect(alerts.rows.map((r) => r.device_id)).toEqual(['dev-a']);
    const range = await runQuery(ts.queryClient(), deviceEvents({ from: start(2), before: start(5) }));
    expect(range.rows).toHaveLength(2);
  });

  it('reads the windows per device oldest first, or only the latest window of each device with its forecast', async () => {
    const all = await runQuery(ts.queryClient(), deviceWindows({ window: '1h', devices: ['dev-a'] }));
    expect(all.rows.map((r) => r.temperature_mean)).toEqual([20, 21, 22, 23, 24]);
    expect(all.rows[0].temperature_forecast).toBeNull();
    const latest = await runQuery(ts.queryClient(), deviceWindows({ window: '1h', latest: true }));
    expect(latest.rows.map((r) => [r.device_id, r.temperature_mean, r.temperature_forecast])).toEqual([
      ['dev-a', 24, 34],
      ['dev-b', 23, null],
    ]);
    expect(latest.rows[0].temperature_forecast_at).toBe(start(6));
  });

  it('a table nothing was written to has no device_id: the error says so, unlike a missing table', async () => {
    await ts.writeClient().send(new CreateTableCommand({ DatabaseName: db, TableName: 'empty-events' }));
    const empty = await runQuery(ts.queryClient(), deviceEvents({ table: 'empty-events', devices: ['dev-a'] })).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(QueryFailedError);
    expect(isMissingColumnError(empty)).toBe(true);
    const missing = await runQuery(ts.queryClient(), deviceEvents({ table: 'no-such-table' })).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(QueryFailedError);
    expect(isMissingColumnError(missing)).toBe(false);
    // the missing table is named (the dashboard says the window function is not deployed there)
    expect(missingTableOf(missing)).toBe(`${db}.no-such-table`);
    expect(missingTableOf(empty)).toBeUndefined();
  });
});
