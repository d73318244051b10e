import { startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import type { SensorReading } from '@iot-timeseries/schema';
import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { anomalies, asTimeSeries, type BuiltQuery, deviceCompleteness, dimensionValues, measureSeries, runQuery, staleDevices, templateToken, timeRangeTemplate } from '../src';
import { STEP_MS, TABLE, groupBy, makeDataset, mean, writeDataset } from './dataset';

jest.setTimeout(60_000);

/** What a front end does with the tokens (here: the Grafana Timestream plugin's macros, by plain replacement). */
function expand<Row>(query: BuiltQuery<Row>, range: { from: number; to: number }, intervalMs = 60_000): BuiltQuery<Row> {
  const sql = query.sql
    .replaceAll('$__timeFilter', `time BETWEEN from_milliseconds(${range.from}) AND from_milliseconds(${range.to})`)
    .replaceAll('$__timeFrom', String(range.from))
    .replaceAll('$__timeTo', String(range.to))
    .replaceAll('$__interval_ms', `${intervalMs}ms`)
    .replaceAll('$__database', `"${TABLE.DatabaseName}"`)
    .replaceAll('$__table', `"${TABLE.TableName}"`)
    .replaceAll('$location', `'hall-1'`);
  return { name: query.name, sql };
}

describe('analytics for dashboards and alerting, against the local Timestream server', () => {
  let ts: TestTimestream;
  let client: TimestreamQueryClient;
  let data: SensorReading[];
  let now: number;
  const range = timeRangeTemplate('$__timeFilter', '$__timeFrom', '$__timeTo');
  const table = { database: templateToken('$__database'), table: templateToken('$__table') };

  beforeAll(async () => {
    ts = await startTestTimestream({ tables: [TABLE] });
    now = Date.now();
    data = makeDataset(now);
    await writeDataset(ts.writeClient(), data);
    client = ts.queryClient();
  });
  afterAll(() => ts.close());

  it('device completeness counts ended bins only, from each device first reading', async () => {
    const { rows } = await runQuery(client, deviceCompleteness({ window: '3h', interval: '1m', expectedEvery: '30s' }));
    const until = Math.floor(Date.now() / 60_000) * 60_000;
    expect(rows.map((r) => r.device_id)).toEqual(['dev-a', 'dev-b', 'dev-c']);
    for (const row of rows) {
      const readings = data.filter((r) => r.deviceId === row.device_id && r.time < until);
      const first = Math.min(...readings.map((r) => r.time));
      expect(row.first_reading.date.getTime()).toBe(first);
      expect(row.complete_until.date.getTime()).toBe(until);
      expect(row.received).toBe(BigInt(readings.length));
      expect(row.expected).toBeCloseTo((until - first) / STEP_MS, 9);
      expect(row.completeness).toBeCloseTo(Math.min(1, readings.length / ((until - first) / STEP_MS)), 9);
    }
    // dev-b reported every 30 s until a minute ago (at most two readings short); dev-a missed 10 minutes of 2 hours.
    expect(rows[1].completeness).toBeGreaterThan(0.98);
    expect(rows[0].completeness).toBeLessThan(0.95);
  });

  it('device completeness over a dashboard range ends at the range end, filtered by a variable', async () => {
    const to = now - 30 * 60_000;
    const { rows } = await runQuery(client, expand(deviceCompleteness({ ...table, window: range, locations: templateToken('$location'), expectedEvery: '30s' }), { from: now - 3 * 3600_000, to }));
    expect(rows.map((r) => r.device_id)).toEqual(['dev-a', 'dev-b']);
    for (const row of rows) expect(row.complete_until).toMatchObject({ date: new Date(Math.floor(to / 60_000) * 60_000) });
  });

  it('measure series: long rows ordered by time, and the same averages as wide TIMESERIES', async () => {
    const window = { from: now - 3 * 3600_000, to: now };
    const long = (await runQuery(client, expand(measureSeries({ ...table, window: range, measure: 'humidity', interval: templateToken('$__interval_ms') }), window, 300_000))).rows;
    const expected = groupBy(data.filter((r) => r.measures.humidity !== undefined), (r) => `${r.deviceId}|${Math.floor(r.time / 300_000) * 300_000}`);
    expect(long).toHaveLength(expected.size);
    const times = long.map((r) => r.bin_time.date.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const row of long) expect(row.humidity).toBeCloseTo(mean((expected.get(`${row.device_id}|${row.bin_time.date.getTime()}`) ?? []).map((r) => r.measures.humidity)), 9);
    const wide = (await runQuery(client, expand(measureSeries({ ...table, window: range, measure: 'humidity', interval: templateToken('$__interval_ms'), form: 'wide' }), window, 300_000))).rows;
    expect(wide.map((r) => r.device_id)).toEqual(['dev-a', 'dev-b', 'dev-c']);
    for (const series of wide) {
      const points = series.humidity.map((p) => [p.time.date.getTime(), p.value]);
      expect(points).toEqual(long.filter((r) => r.device_id === series.device_id).map((r) => [r.bin_time.date.getTime(), r.humidity]));
    }
  });

  it('dimension values: the distinct values of one dimension in the first column, narrowed by a filter', async () => {
    const window = { from: now - 3 * 3600_000, to: now };
    expect((await runQuery(client, expand(dimensionValues({ ...table, window: range }), window))).rows).toEqual([{ location: 'hall-1' }, { location: 'hall-2' }]);
    const devices = await runQuery(client, expand(dimensionValues({ ...table, window: range, dimension: 'device_id', locations: templateToken('$location') }), window));
    expect(devices.columns.map((c) => c.Name)).toEqual(['device_id']);
    expect(devices.rows).toEqual([{ device_id: 'dev-a' }, { device_id: 'dev-b' }]);
  });

  it('any analytic as wide series: anomalies z-scores and stale devices silence, one TIMESERIES per device', async () => {
    const window = { from: now - 3 * 3600_000, to: now };
    const flat = (await runQuery(client, expand(anomalies({ ...table, recent: range, baseline: '1d', threshold: 0, withMeasure: true }), window))).rows;
    expect(new Set(flat.map((r) => r.measure))).toEqual(new Set(['temperature']));
    const wide = (await runQuery(client, expand(asTimeSeries(anomalies({ ...table, recent: range, baseline: '1d', threshold: 0 }), { labels: ['device_id', 'location'], time: 'time', value: 'z_score', name: 'z' }), window))).rows;
    expect(wide.map((r) => r.device_id)).toEqual(['dev-a', 'dev-b', 'dev-c']);
    for (const row of wide) {
      const z = row.z as Array<{ time: { date: Date }; value: number }>;
      expect(z.map((p) => p.value).sort()).toEqual(flat.filter((r) => r.device_id === row.device_id).map((r) => r.z_score).sort());
    }
    const stale = (await runQuery(client, asTimeSeries(staleDevices({ staleAfter: '10m' }), { labels: ['device_id', 'location'], time: 'last_seen', value: 'silent_seconds' }))).rows;
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({ device_id: 'dev-c', location: 'hall-2' });
    const [point] = stale[0].silent_seconds as Array<{ value: bigint }>;
    expect(Number(point.value)).toBeGreaterThanOrEqual(20 * 60 - 5);
  });
});
