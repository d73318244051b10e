import { startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import type { SensorReading } from '@iot-timeseries/schema';
import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { anomalies, completeness, gapFilledSeries, latestReadings, percentiles, runQuery, staleDevices, trends } from '../src';
import { STEP_MS, TABLE, groupBy, makeDataset, mean, sampleStddev, writeDataset } from './dataset';

jest.setTimeout(60_000);

describe('analytics against the local Timestream server', () => {
  let ts: TestTimestream;
  let client: TimestreamQueryClient;
  let data: SensorReading[];
  const byDevice = () => groupBy(data, (r) => r.deviceId);

  beforeAll(async () => {
    ts = await startTestTimestream({ tables: [TABLE] });
    data = makeDataset(Date.now());
    await writeDataset(ts.writeClient(), data);
    client = ts.queryClient();
  });
  afterAll(() => ts.close());

  it('latest readings: the last time per device, each measure its latest non-null value', async () => {
    const { rows } = await runQuery(client, latestReadings());
    expect(rows.map((r) => r.device_id)).toEqual(['dev-a', 'dev-b', 'dev-c']);
    for (const row of rows) {
      const readings = byDevice().get(row.device_id) ?? [];
      const last = readings[readings.length - 1];
      expect(row.time.date.getTime()).toBe(last.time);
      expect(row.temperature).toBe(last.measures.temperature);
      const lastHumidity = [...readings].reverse().find((r) => r.measures.humidity !== undefined);
      expect(row.humidity).toBe(lastHumidity?.measures.humidity);
    }
    expect(rows[1].humidity).not.toBeNull();
  });

  it('trends: avg/min/max/count per 10-minute bin', async () => {
    const { rows } = await runQuery(client, trends({ measures: ['temperature'] }));
    const expected = groupBy(data, (r) => `${r.deviceId}|${Math.floor(r.time / 600_000) * 600_000}`);
    expect(rows).toHaveLength(expected.size);
    for (const row of rows) {
      const bin = expected.get(`${row.device_id}|${row.bin_time.date.getTime()}`);
      const temps = (bin ?? []).map((r) => r.measures.temperature);
      expect(row.measure).toBe('temperature');
      expect(row.readings).toBe(BigInt(temps.length));
      expect(row.avg_value).toBeCloseTo(mean(temps), 9);
      expect(row.min_value).toBe(Math.min(...temps));
      expect(row.max_value).toBe(Math.max(...temps));
    }
  });

  it('anomalies: exactly the readings whose |z| against the 7-day baseline exceeds 2', async () => {
    const { rows } = await runQuery(client, anomalies());
    const expected: Array<{ device: string; time: number; z: number }> = [];
    for (const [device, readings] of byDevice()) {
      const temps = readings.map((r) => r.measures.temperature);
      const m = mean(temps);
      const sd = sampleStddev(temps);
      for (const r of readings) {
        const z = (r.measures.temperature - m) / sd;
        if (Math.abs(z) > 2) expected.push({ device, time: r.time, z });
      }
    }
    expected.sort((a, b) => Math.abs(b.z) - Math.abs(a.z));
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((r) => [r.device_id, r.time.date.getTime()])).toEqual(expected.map((e) => [e.device, e.time]));
    rows.forEach((r, i) => expect(r.z_score).toBeCloseTo(expected[i].z, 9));
    expect(rows[0]).toMatchObject({ device_id: 'dev-a', value: 95 });
  });

  it('stale devices: only the device silent for longer than the threshold', async () => {
    const { rows } = await runQuery(client, staleDevices({ staleAfter: '10m' }));
    expect(rows.map((r) => r.device_id)).toEqual(['dev-c']);
    const readings = byDevice().get('dev-c') ?? [];
    expect(rows[0].last_seen.date.getTime()).toBe(readings[readings.length - 1].time);
    const silent = Number(rows[0].silent_seconds);
    expect(silent).toBeGreaterThanOrEqual(20 * 60 - 5);
    expect(silent).toBeLessThan(25 * 60);
    expect((await runQuery(client, staleDevices({ staleAfter: '1h' }))).rows).toEqual([]);
  });

  it('percentiles: p50/p90/p99 within one rank of the exact percentiles', async () => {
    const { rows } = await runQuery(client, percentiles({ measure: 'humidity' }));
    for (const row of rows) {
      const values = (byDevice().get(row.device_id) ?? []).map((r) => r.measures.humidity).filter((v) => v !== undefined).sort((a, b) => a - b);
      expect(row.readings).toBe(BigInt(values.length));
      for (const [p, got] of [[0.5, row.p50], [0.9, row.p90], [0.99, row.p99]] as const) {
        const lo = values[Math.max(0, Math.floor(p * (values.length - 1)) - 1)];
        const hi = values[Math.min(values.length - 1, Math.ceil(p * (values.length - 1)) + 1)];
        expect(got).toBeGreaterThanOrEqual(lo);
        expect(got).toBeLessThanOrEqual(hi);
      }
    }
  });

  it('gap-filled series: minute averages, with the gap filled by linear interpolation', async () => {
    const { rows } = await runQuery(client, gapFilledSeries({ devices: ['dev-a'], window: '3h', step: '1m' }));
    const minutes = groupBy(byDevice().get('dev-a') ?? [], (r) => String(Math.floor(r.time / 60_000) * 60_000));
    const known = new Map([...minutes].map(([t, rs]) => [Number(t), mean(rs.map((r) => r.measures.temperature))]));
    const times = [...known.keys()].sort((a, b) => a - b);
    expect(rows.map((r) => r.time.date.getTime())).toEqual(Array.from({ length: (times[times.length - 1] - times[0]) / 60_000 + 1 }, (_, i) => times[0] + i * 60_000));
    let filled = 0;
    for (const row of rows) {
      const t = row.time.date.getTime();
      const value = known.get(t);
      if (value !== undefined) {
        expect(row.value).toBeCloseTo(value, 9);
        continue;
      }
      filled++;
      const before = times.filter((x) => x < t).pop() as number;
      const after = times.find((x) => x > t) as number;
      const expected = (known.get(before) as number) + (((known.get(after) as number) - (known.get(before) as number)) * (t - before)) / (after - before);
      expect(row.value).toBeCloseTo(expected, 9);
    }
    // The 10-minute gap (30 s steps) empties 10 whole minute bins when it starts on a minute, 9 otherwise.
    const gapStart = Math.min(...data.map((r) => r.time)) + 30 * 60_000;
    expect(filled).toBe(gapStart % 60_000 === 0 ? 10 : 9);
  });

  it('completeness: readings received vs expected per 10-minute bin, zero where a device sent nothing', async () => {
    const { rows } = await runQuery(client, completeness({ window: '3h', interval: '10m', expectedEvery: '30s' }));
    const counts = groupBy(data, (r) => `${r.deviceId}|${Math.floor(r.time / 600_000) * 600_000}`);
    const bins = [...new Set(rows.map((r) => r.bin_time.date.getTime()))];
    expect(rows).toHaveLength(3 * bins.length);
    for (const row of rows) {
      const received = counts.get(`${row.device_id}|${row.bin_time.date.getTime()}`)?.length ?? 0;
      expect(row.received).toBe(BigInt(received));
      expect(row.expected).toBe(600_000 / STEP_MS);
      expect(row.completeness).toBeCloseTo(received / 20, 12);
    }
    const lastBin = Math.max(...bins);
    expect(rows.find((r) => r.device_id === 'dev-c' && r.bin_time.date.getTime() === lastBin)?.received).toBe(0n);
  });

  it('injection attempts change no query structure: hostile filters match nothing', async () => {
    for (const evil of [`dev-a') OR ('1'='1`, `dev-a' OR '1'='1`, `x'; SELECT 1; --`]) {
      expect((await runQuery(client, latestReadings({ devices: [evil] }))).rows).toEqual([]);
      expect((await runQuery(client, trends({ locations: [evil] }))).rows).toEqual([]);
    }
  });
});
