import { WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { putAsideRecord, rollupSettings, timestreamSettings, toWriteRequests, type SensorReading } from '@iot-timeseries/schema';
import { createManualClock, startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { anomalies, dataQuality, rangeSeries, rollupRows, runQuery, type BuiltQuery } from '../src';
import { backfillRollups, provisionRollups } from '../src/testing';
import { TABLE } from './dataset';

jest.setTimeout(120_000);

const NOW = Date.parse('2026-03-02T12:34:30Z');
const MINUTE = 60_000;

/**
 * Four devices, one reading a minute for 30 hours: dev-b silent for 40 minutes ten hours ago, dev-c joining
 * 8.5 hours ago, dev-d missing every 13th minute; dev-a has three readings put aside.
 */
function readings(): SensorReading[] {
  const out: SensorReading[] = [];
  const start = NOW - 30 * 3_600_000;
  for (const [d, id] of ['dev-a', 'dev-b', 'dev-c', 'dev-d'].entries()) {
    for (let t = start, i = 0; t < NOW - MINUTE; t += MINUTE, i++) {
      if (id === 'dev-b' && t >= NOW - 10 * 3_600_000 && t < NOW - 10 * 3_600_000 + 40 * MINUTE) continue;
      if (id === 'dev-c' && t < NOW - 8.5 * 3_600_000) continue;
      if (id === 'dev-d' && i % 13 === 0) continue;
      const measures: Record<string, number> = { temperature: 20 + d + ((i * 7) % 17) / 4, humidity: 40 + (i % 23), pressure: 1000 + (i % 7) };
      if (i % 5 !== 0) measures.vibration = 0.01 * (1 + (i % 9));
      out.push({ deviceId: id, location: d < 2 ? 'hall-1' : 'hall-2', time: t + d * 1000, timeFromReceipt: false, measures });
    }
  }
  return out;
}

const close = (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)) : a === b || String(a) === String(b));
/** Rows as plain values (timestamps as text) for comparing two answers within rounding. */
const plain = (rows: Array<Record<string, unknown>>) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'object' && v !== null && 'text' in v ? (v as { text: string }).text : typeof v === 'bigint' ? Number(v) : v])));

describe('rollups: scheduled queries from libs/schema, read by the range builders', () => {
  let ts: TestTimestream;
  let client: TimestreamQueryClient;
  const run = async <Row>(q: BuiltQuery<Row>) => plain((await runQuery(client, q)).rows as Array<Record<string, unknown>>);
  const expectSame = (a: Array<Record<string, unknown>>, b: Array<Record<string, unknown>>) => {
    expect(a.length).toBe(b.length);
    a.forEach((row, i) => {
      for (const key of Object.keys(row)) if (!close(row[key], b[i][key])) throw new Error(`row ${i} ${key}: ${String(row[key])} vs ${String(b[i][key])} (${JSON.stringify(row)})`);
    });
  };

  beforeAll(async () => {
    const clock = createManualClock(new Date(NOW).toISOString());
    ts = await startTestTimestream({ now: clock.now, timers: clock, tables: [{ ...TABLE, MagneticStoreWriteProperties: { EnableMagneticStoreWrites: true } }] });
    client = ts.queryClient();
    const write = ts.writeClient();
    const provisioned = await provisionRollups({ write, query: client }, { seedTimeMs: NOW - 40 * 3_600_000 });
    for (const plan of toWriteRequests(readings(), { databaseName: timestreamSettings.databaseName, tableName: timestreamSettings.tableName })) await write.send(new WriteRecordsCommand(plan.input));
    const marks = [3, 4, 26].map((h, i) => putAsideRecord({ deviceId: 'dev-a', location: 'hall-1', kind: i === 2 ? 'rejected' : 'invalid', receivedAtMs: NOW - h * 3_600_000, identity: `m${i}` }));
    await write.send(new WriteRecordsCommand({ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName, Records: marks.filter((m) => m !== undefined) }));
    await backfillRollups(client, provisioned, NOW - 31 * 3_600_000, NOW);
  });
  afterAll(() => ts?.close());

  it('a day in hours from the hourly rollup equals the same series from the raw readings', async () => {
    const fromRollup = await run(rangeSeries({ window: '24h', interval: '1h' }));
    const fromRaw = await run(rangeSeries({ window: '24h', interval: '1h', source: 'raw' }));
    expect(fromRollup.length).toBe(4 * 25 - 16); // 25 bins from bin(ago(24h), 1h); dev-c only from 04:00, its first hour
    expectSame(fromRollup, fromRaw);
    // the bin in progress comes from the readings: it is there, partial
    const last = fromRollup.filter((r) => r.bin_time === '2026-03-02 12:00:00.000000000');
    expect(last.map((r) => r.device_id)).toEqual(['dev-a', 'dev-b', 'dev-c', 'dev-d']);
    expect(last[0].temperature_count).toBe(33);
  });

  it('6 hours in 5-minute bins from the minute rollup, and 3-hour bins from the hourly one, equal the raw answers', async () => {
    expectSame(await run(rangeSeries({ window: '6h', interval: '5m', measures: ['temperature', 'vibration'] })), await run(rangeSeries({ window: '6h', interval: '5m', measures: ['temperature', 'vibration'], source: 'raw' })));
    expectSame(await run(rangeSeries({ window: '1d', interval: '3h' })), await run(rangeSeries({ window: '1d', interval: '3h', source: 'raw' })));
  });

  it('the first devices by id, picked by the query itself: the same rows as naming them, from the rollups and from the raw readings', async () => {
    for (const source of ['auto', 'raw']) {
      const options = { window: '1d', interval: '1h', source };
      const named = await run(rangeSeries({ ...options, devices: ['dev-a', 'dev-b'] }));
      expect(new Set(named.map((r) => r.device_id))).toEqual(new Set(['dev-a', 'dev-b']));
      expectSame(await run(rangeSeries({ ...options, firstDevices: 2 })), named);
      // with a filter, the first among the devices it keeps
      expect(new Set((await run(rangeSeries({ ...options, firstDevices: 1, locations: ['hall-2'] }))).map((r) => r.device_id))).toEqual(new Set(['dev-c']));
      expect(new Set((await run(rangeSeries({ ...options, firstDevices: 10 }))).map((r) => r.device_id))).toEqual(new Set(['dev-a', 'dev-b', 'dev-c', 'dev-d']));
    }
  });

  it('a series of averages only carries just those, equal to the full series\' averages, from the rollup and from the raw readings', async () => {
    const full = await run(rangeSeries({ window: '24h', interval: '1h' }));
    for (const source of ['auto', 'raw']) {
      const averages = await run(rangeSeries({ window: '24h', interval: '1h', statistics: ['avg'], source }));
      expect(Object.keys(averages[0])).toEqual(['device_id', 'location', 'bin_time', 'temperature_avg', 'humidity_avg', 'pressure_avg', 'vibration_avg']);
      expectSame(averages, full.map((r) => ({ device_id: r.device_id, location: r.location, bin_time: r.bin_time, temperature_avg: r.temperature_avg, humidity_avg: r.humidity_avg, pressure_avg: r.pressure_avg, vibration_avg: r.vibration_avg })));
    }
  });

  it('reads the rollup table for the bins its runs completed, the readings from there on', async () => {
    const sql = rangeSeries({ window: '24h', interval: '1h', source: rollupSettings.perHour.id }).sql;
    expect(sql).toContain(`FROM "${timestreamSettings.databaseName}"."${rollupSettings.perHour.table.tableName}"`);
    expect(sql).toContain('AND time < bin(bin(now() - 7m, 1h) + 5m, 1h)'); // the 12:05 run counts from 12:07
    expect(sql).toContain('AND time >= bin(bin(now() - 7m, 1h) + 5m, 1h)');
  });

  it('the hourly rows keep each measure p95 as approx_percentile over the raw readings of the hour', async () => {
    const rows = await run(rollupRows({ window: '6h', measures: ['temperature'] }));
    const raw = await run({
      name: 'p95',
      sql: `SELECT device_id, location, bin(time, 1h) AS bin_time, approx_percentile(temperature, 0.95) AS temperature_p95, count(*) AS readings FROM "${timestreamSettings.databaseName}"."${timestreamSettings.tableName}" WHERE measure_name = 'sensor_reading' AND time >= ago(6h) AND time < bin(now(), 1h) - 1h GROUP BY device_id, location, bin(time, 1h) ORDER BY bin_time, device_id, location`,
    });
    const complete = rows.filter((r) => raw.some((x) => x.bin_time === r.bin_time && x.device_id === r.device_id));
    expect(complete.length).toBeGreaterThan(10);
    for (const r of complete) expect([r.temperature_p95, r.readings]).toEqual((([x]) => [x.temperature_p95, x.readings])(raw.filter((x) => x.bin_time === r.bin_time && x.device_id === r.device_id)));
  });

  it("an anomaly baseline pooled from the rollups' bins (counts, means, m2) equals avg and stddev over the raw readings", async () => {
    // threshold 0: every recent reading is an anomaly, carrying its device's baseline mean, standard deviation and z-score
    for (const measure of ['temperature', 'pressure', 'vibration']) {
      const options = { measure, baseline: '1d', recent: '2h', threshold: 0, limit: 10_000, baselineBin: '1h' };
      const fromRaw = await run(anomalies({ ...options, baselineSource: 'raw' }));
      expect(fromRaw.length).toBeGreaterThan(4 * 60);
      for (const source of [rollupSettings.perHour.id, rollupSettings.perMinute.id]) expectSame(await run(anomalies({ ...options, baselineSource: source })), fromRaw);
    }
    // the hourly bins hold the m2 of their readings: var_pop × count
    const bins = await run(rollupRows({ window: '3h', measures: ['humidity'], devices: ['dev-a'] }));
    const raw = await run({
      name: 'm2',
      sql: `SELECT bin(time, 1h) AS bin_time, var_pop(humidity) * count(humidity) AS m2 FROM "${timestreamSettings.databaseName}"."${timestreamSettings.tableName}" WHERE measure_name = 'sensor_reading' AND device_id = 'dev-a' AND time >= ago(4h) GROUP BY bin(time, 1h)`,
    });
    const bin = bins[0];
    const m2 = raw.find((r) => r.bin_time === bin.bin_time)?.m2;
    expect(Number(bin.humidity_m2)).toBeGreaterThan(0);
    expect(Number(bin.humidity_m2)).toBeCloseTo(Number(m2), 6);
    // the mean of the bins' standard deviations would not do: the bins' means differ
    expect(anomalies({ measure: 'humidity', baselineSource: rollupSettings.perHour.id }).sql).toContain('sum(if(p."humidity__n" > 0, p."humidity__m2")) + sum(if(p."humidity__n" > 0, p."humidity__n" * (p."humidity__mean" - t."humidity__mean") * (p."humidity__mean" - t."humidity__mean")))');
  });

  it("the anomalies' 7-day baseline read from its own rollup (pooled hourly) equals the raw readings' and the hourly rollup's; a row its latest run did not write is not used", async () => {
    const options = { measures: ['temperature', 'humidity', 'pressure', 'vibration'], baseline: '7d', recent: '2h', threshold: 0, limit: 10_000, baselineBin: '1h' };
    const fromRaw = await run(anomalies({ ...options, baselineSource: 'raw' }));
    expect(fromRaw.length).toBeGreaterThan(4 * 4 * 100);
    const fromBaseline = anomalies({ ...options, baselineSource: rollupSettings.baseline.id });
    expect(fromBaseline.sql).toContain(`FROM "${rollupSettings.databaseName}"."${rollupSettings.baseline.table.tableName}"`);
    expectSame(await run(fromBaseline), fromRaw);
    expectSame(await run(anomalies({ ...options, baselineSource: rollupSettings.perHour.id })), fromRaw);
    // the rows pooled by the run at 12:10 (until 06:00): one per device, and the window start's
    const rows = await run({
      name: 'baseline rows',
      sql: `SELECT device_id, to_milliseconds(time) AS start, pooled_until_ms, temperature_count FROM "${rollupSettings.databaseName}"."${rollupSettings.baseline.table.tableName}" WHERE measure_name = 'baseline' AND time = bin(ago(7d), 1h) ORDER BY device_id`,
    });
    expect(rows.map((r) => [r.device_id, r.start, r.pooled_until_ms])).toEqual(['dev-a', 'dev-b', 'dev-c', 'dev-d'].map((d) => [d, Math.floor((NOW - 7 * 86_400_000) / 3_600_000) * 3_600_000, Date.parse('2026-03-02T06:00:00Z')]));
    // each counts its device's readings before 06:00 (dev-c joined at 04:04)
    const counts = await run({
      name: 'readings before 06:00',
      sql: `SELECT device_id, count(temperature) AS n FROM "${timestreamSettings.databaseName}"."${timestreamSettings.tableName}" WHERE measure_name = 'sensor_reading' AND time < from_iso8601_timestamp('2026-03-02T06:00:00Z') GROUP BY device_id ORDER BY device_id`,
    });
    expect(rows.map((r) => r.temperature_count)).toEqual(counts.map((r) => r.n));
    expect(Number(rows[2].temperature_count)).toBeLessThan(Number(rows[0].temperature_count));
    // a row pooled until another time (an earlier run's, here written over the latest) is left aside: dev-a's bins are read instead
    const stale = [{ Name: 'temperature_count', Value: '1', Type: 'BIGINT' as const }, { Name: 'temperature_avg', Value: '1000', Type: 'DOUBLE' as const }, { Name: 'temperature_m2', Value: '0', Type: 'DOUBLE' as const }, { Name: 'pooled_until_ms', Value: String(Date.parse('2026-03-02T05:00:00Z')), Type: 'BIGINT' as const }];
    const dims = [{ Name: 'device_id', Value: 'dev-a' }, { Name: 'location', Value: 'hall-1' }];
    await ts.writeClient().send(new WriteRecordsCommand({ DatabaseName: rollupSettings.databaseName, TableName: rollupSettings.baseline.table.tableName, Records: [{ Dimensions: dims, MeasureName: 'baseline', MeasureValueType: 'MULTI', MeasureValues: stale, Time: String(rows[0].start), Version: 3 * NOW }] }));
    expectSame(await run(fromBaseline), fromRaw);
  });

  it('several measures in one query give, per measure, the rows of that measure alone, from the raw readings and from the rollups', async () => {
    const measures = ['temperature', 'humidity', 'pressure', 'vibration'];
    for (const baselineSource of ['raw', rollupSettings.perHour.id]) {
      const options = { baseline: '1d', recent: '2h', threshold: 1, limit: 25, baselineBin: '1h', baselineSource };
      const together = await run(anomalies({ ...options, measures }));
      expect(new Set(together.map((r) => r.measure))).toEqual(new Set(measures));
      for (const measure of measures) {
        const alone = await run(anomalies({ ...options, measure }));
        expect(alone).toHaveLength(25); // the limit holds per measure
        expectSame(together.filter((r) => r.measure === measure).map(({ measure: _, ...r }) => r), alone);
      }
    }
  });

  it('data quality from the hourly rollup equals the same figures from the raw readings', async () => {
    const fromRollup = await run(dataQuality({ window: '24h', expectedEvery: '1m' }));
    const fromRaw = await run(dataQuality({ window: '24h', expectedEvery: '1m', source: 'raw' }));
    expectSame(fromRollup, fromRaw);
    const byDevice = Object.fromEntries(fromRollup.map((r) => [r.device_id, r]));
    // hours from 12:00 yesterday to 12:34 today: 24 full hours and 34 ended minutes, the last (12:33) without a reading yet
    expect(byDevice['dev-a']).toMatchObject({ location: 'hall-1', minutes: 24 * 60 + 34, readings: 24 * 60 + 33, gaps: 1, put_aside_invalid: 2, put_aside_rejected: 0 });
    // the 40-minute silence (02:34 to 03:14) counts in both hours it touches
    expect(byDevice['dev-b']).toMatchObject({ minutes_with_readings: 24 * 60 + 33 - 40, gaps: 3 });
    expect(byDevice['dev-c']).toMatchObject({ location: 'hall-2', minutes: 8 * 60 + 30 }); // tracked from 04:04, the minute of its first reading
    expect(Number(byDevice['dev-d'].completeness)).toBeCloseTo(Number(byDevice['dev-d'].readings) / (24 * 60 + 34), 9);
  });

  it('a bin without m2 (written before the rollups kept it) leaves that device without a pooled baseline deviation, not a wrong one', async () => {
    const options = { measure: 'temperature', baseline: '1d', recent: '2h', threshold: 0, limit: 10_000, baselineSource: rollupSettings.perHour.id };
    expect(new Set((await run(anomalies(options))).map((r) => r.device_id))).toEqual(new Set(['dev-a', 'dev-b', 'dev-c', 'dev-d']));
    const hour = Math.floor((NOW - 5 * 3_600_000) / 3_600_000) * 3_600_000;
    const old = { Dimensions: [{ Name: 'device_id', Value: 'dev-a' }, { Name: 'location', Value: 'hall-1' }], MeasureName: rollupSettings.measureName, MeasureValueType: 'MULTI' as const, Time: String(hour), Version: 2 * NOW };
    const values = [{ Name: 'temperature_avg', Value: '22', Type: 'DOUBLE' as const }, { Name: 'temperature_count', Value: '60', Type: 'BIGINT' as const }];
    await ts.writeClient().send(new WriteRecordsCommand({ DatabaseName: rollupSettings.databaseName, TableName: rollupSettings.perHour.table.tableName, Records: [{ ...old, MeasureValues: values }] }));
    expect(new Set((await run(anomalies(options))).map((r) => r.device_id))).toEqual(new Set(['dev-b', 'dev-c', 'dev-d']));
    // examined together, only the measure whose m2 is missing loses the device
    const { measure: _, ...rest } = options;
    const together = await run(anomalies({ ...rest, measures: ['temperature', 'humidity'] }));
    expect(new Set(together.filter((r) => r.measure === 'temperature').map((r) => r.device_id))).toEqual(new Set(['dev-b', 'dev-c', 'dev-d']));
    expect(new Set(together.filter((r) => r.measure === 'humidity').map((r) => r.device_id))).toEqual(new Set(['dev-a', 'dev-b', 'dev-c', 'dev-d']));
  });
});
