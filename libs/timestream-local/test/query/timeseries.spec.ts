import type { Datum } from '@aws-sdk/client-timestream-query';
import type { SdkFixture } from './sdk-fixture';
import { sdkRunner, startSensorServer, type SdkRunner } from './sdk-datasets';
import { FROM, NOW, POINTS, STEP_MS, readings, scalar, tsText } from './fixture';

/** Data written with WriteRecords to the server; every query through the SDK. */
let fx: SdkFixture;
let run: SdkRunner;
beforeAll(async () => {
  fx = await startSensorServer();
  run = sdkRunner(fx);
}, 30_000);
afterAll(async () => fx.close());

const series = (d: Datum): Array<[string, string | undefined]> => (d.TimeSeriesValue ?? []).map((p) => [p.Time as string, scalar(p.Value ?? {})]);
const devA = readings().filter((r) => r.device_id === 'dev-a');
const start = NOW.getTime() - POINTS * STEP_MS;

describe('time series', () => {
  it('CREATE_TIME_SERIES builds a timeseries column ordered by time, skipping NULL values', async () => {
    const { first, rows } = await run(`SELECT device_id, CREATE_TIME_SERIES(time, humidity) AS h FROM ${FROM} WHERE device_id = 'dev-a' GROUP BY device_id`);
    expect(first.ColumnInfo?.[1]).toEqual({ Name: 'h', Type: { TimeSeriesMeasureValueColumnInfo: { Type: { ScalarType: 'DOUBLE' } } } });
    expect(series(rows[0][1])).toEqual(devA.filter((r) => r.humidity !== null).map((r) => [tsText(r.time), `${r.humidity}.0`]));
  });

  it('INTERPOLATE_LINEAR fills the gaps over SEQUENCE', async () => {
    const { rows } = await run(`SELECT INTERPOLATE_LINEAR(CREATE_TIME_SERIES(time, humidity), SEQUENCE(min(time), max(time), 1m)) FROM ${FROM} WHERE device_id = 'dev-a'`);
    const points = series(rows[0][0]);
    expect(points).toHaveLength(POINTS);
    devA.forEach((r, k) => {
      expect(points[k][0]).toBe(tsText(start + k * STEP_MS));
      const expected = r.humidity ?? ((devA[k - 1].humidity as number) + (devA[k + 1].humidity as number)) / 2;
      expect(Number(points[k][1])).toBeCloseTo(expected, 9);
    });
  });

  it('INTERPOLATE_LOCF carries the last value and INTERPOLATE_FILL uses the fill value', async () => {
    const { rows } = await run(`SELECT INTERPOLATE_LOCF(CREATE_TIME_SERIES(time, humidity), SEQUENCE(min(time), max(time), 1m)),
      INTERPOLATE_FILL(CREATE_TIME_SERIES(time, humidity), SEQUENCE(min(time), max(time), 1m), -1.0) FROM ${FROM} WHERE device_id = 'dev-a'`);
    const locf = series(rows[0][0]).map((p) => Number(p[1]));
    const fill = series(rows[0][1]).map((p) => Number(p[1]));
    devA.forEach((r, k) => {
      expect(locf[k]).toBe(r.humidity ?? devA[k - 1].humidity);
      expect(fill[k]).toBe(r.humidity ?? -1);
    });
  });

  it('UNNEST turns a series back into rows; FILTER and TRANSFORM take lambdas over points', async () => {
    const sql = `WITH s AS (SELECT device_id, CREATE_TIME_SERIES(time, temperature) AS ts FROM ${FROM} GROUP BY device_id)
      SELECT s.device_id, t.time, t.value FROM s CROSS JOIN UNNEST(FILTER(ts, p -> p.value > 21)) AS t(time, value) WHERE s.device_id = 'dev-a' ORDER BY t.time`;
    const { rows } = await run(sql);
    expect(rows.map((r) => r.map(scalar))).toEqual(devA.filter((r) => r.temperature > 21).map((r) => ['dev-a', tsText(r.time), String(Number(r.temperature)).includes('.') ? String(r.temperature) : `${r.temperature}.0`]));
    const { rows: doubled } = await run(`SELECT TRANSFORM(CREATE_TIME_SERIES(time, temperature), p -> p.value * 2) FROM ${FROM} WHERE device_id = 'dev-a'`);
    expect(series(doubled[0][0]).map((p) => Number(p[1]))).toEqual(devA.map((r) => r.temperature * 2));
  });

  it('a NULL series is NullValue and SEQUENCE of integers is an array', async () => {
    const { rows } = await run(`SELECT CREATE_TIME_SERIES(time, humidity), SEQUENCE(1, 5, 2) FROM ${FROM} WHERE device_id = 'none'`);
    expect(rows[0][0]).toEqual({ NullValue: true });
    expect(rows[0][1].ArrayValue?.map(scalar)).toEqual(['1', '3', '5']);
  });

  it('INTERPOLATE_SPLINE_CUBIC follows the natural cubic spline through the points', async () => {
    const { rows } = await run(`SELECT INTERPOLATE_SPLINE_CUBIC(CREATE_TIME_SERIES(time, humidity), SEQUENCE(min(time), max(time), 20s)) FROM ${FROM} WHERE device_id = 'dev-b'`);
    const known = readings().filter((r) => r.device_id === 'dev-b' && r.humidity !== null);
    const expected = naturalSpline(known.map((r) => (r.time - known[0].time) / 1000), known.map((r) => r.humidity as number));
    const points = series(rows[0][0]);
    expect(points).toHaveLength((known[known.length - 1].time - known[0].time) / 20_000 + 1);
    points.forEach(([time, value], j) => {
      expect(time).toBe(tsText(known[0].time + j * 20_000));
      expect(Number(value)).toBeCloseTo(expected(j * 20), 6);
    });
  });
});

/** Natural cubic spline (textbook tridiagonal solve), as an independent reference. */
function naturalSpline(x: number[], y: number[]): (t: number) => number {
  const n = x.length;
  const h = x.slice(1).map((v, i) => v - x[i]);
  const m = new Array<number>(n).fill(0);
  const cp = new Array<number>(n).fill(0);
  const dp = new Array<number>(n).fill(0);
  for (let i = 1; i < n - 1; i++) {
    const a = h[i - 1];
    const b = 2 * (h[i - 1] + h[i]);
    const c = h[i];
    const d = 6 * ((y[i + 1] - y[i]) / h[i] - (y[i] - y[i - 1]) / h[i - 1]);
    const denom = b - a * cp[i - 1];
    cp[i] = c / denom;
    dp[i] = (d - a * dp[i - 1]) / denom;
  }
  for (let i = n - 2; i >= 1; i--) m[i] = dp[i] - cp[i] * m[i + 1];
  return (t) => {
    let k = x.findIndex((v, i) => i < n - 1 && t <= x[i + 1]);
    if (k < 0) k = n - 2;
    const hk = h[k];
    return (m[k] * (x[k + 1] - t) ** 3) / (6 * hk) + (m[k + 1] * (t - x[k]) ** 3) / (6 * hk)
      + (y[k] / hk - (m[k] * hk) / 6) * (x[k + 1] - t) + (y[k + 1] / hk - (m[k + 1] * hk) / 6) * (t - x[k]);
  };
}
