import type { Datum } from '@aws-sdk/client-timestream-query';
import { useSensorServer } from './sdk-datasets';
import { FROM, NOW, readings, scalar, tsText } from './fixture';

/** Derivatives, integrals and correlations of series built from data written with WriteRecords; through the SDK. */
const { run, refusal } = useSensorServer();

const series = (d: Datum): Array<[string, number]> => (d.TimeSeriesValue ?? []).map((p) => [p.Time as string, Number(scalar(p.Value ?? {}))]);
const devA = readings().filter((r) => r.device_id === 'dev-a');
const withHumidity = devA.filter((r) => r.humidity !== null);
const TS = `FROM (SELECT CREATE_TIME_SERIES(time, temperature) AS ts FROM ${FROM} WHERE device_id = 'dev-a')`;

/** the expected derivative per minute, point by point */
const perMinute = devA.slice(1).map((r, i) => [tsText(r.time), (r.temperature - devA[i].temperature) / ((r.time - devA[i].time) / 60_000)] as const);
const trapezoids = (points: Array<{ time: number; temperature: number }>, unitMs: number): number =>
  points.slice(1).reduce((sum, r, i) => sum + ((r.temperature + points[i].temperature) / 2) * ((r.time - points[i].time) / unitMs), 0);

function pearson(x: number[], y: number[]): number {
  const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
  const [mx, my] = [mean(x), mean(y)];
  const cov = x.reduce((s, xi, i) => s + (xi - mx) * (y[i] - my), 0);
  return cov / Math.sqrt(x.reduce((s, xi) => s + (xi - mx) ** 2, 0) * y.reduce((s, yi) => s + (yi - my) ** 2, 0));
}
const averageRanks = (v: number[]): number[] => v.map((x) => v.filter((y) => y < x).length + (v.filter((y) => y === x).length + 1) / 2);

describe('derivatives', () => {
  it('derivative_linear gives the change per interval at each point after the first', async () => {
    const { first, rows } = await run(`SELECT derivative_linear(ts, 1m) AS d ${TS}`);
    expect(first.ColumnInfo?.[0]).toEqual({ Name: 'd', Type: { TimeSeriesMeasureValueColumnInfo: { Type: { ScalarType: 'DOUBLE' } } } });
    const points = series(rows[0][0]);
    expect(points.map((p) => p[0])).toEqual(perMinute.map((p) => p[0]));
    points.forEach((p, i) => expect(p[1]).toBeCloseTo(perMinute[i][1], 9));
    const perSecond = series((await run(`SELECT derivative_linear(ts, 1s) ${TS}`)).rows[0][0]);
    perSecond.forEach((p, i) => expect(p[1]).toBeCloseTo(perMinute[i][1] / 60, 9));
  });

  it('non_negative_derivative_linear leaves out the falling points', async () => {
    const points = series((await run(`SELECT non_negative_derivative_linear(ts, 1m) ${TS}`)).rows[0][0]);
    const rising = perMinute.filter((p) => p[1] >= 0);
    expect(points.map((p) => p[0])).toEqual(rising.map((p) => p[0]));
    points.forEach((p, i) => expect(p[1]).toBeCloseTo(rising[i][1], 9));
  });
});

describe('integral_trapezoidal', () => {
  it('integrates per second by default, per the interval given, and within [start, end]', async () => {
    const [row] = (await run(`SELECT integral_trapezoidal(ts), integral_trapezoidal(ts, 1m), integral_trapezoidal(ts, 1m, ago(5m), now()),
      integral_trapezoidal(ts, ago(5m), now()) ${TS}`)).rows;
    const lastFive = devA.filter((r) => r.time >= NOW.getTime() - 5 * 60_000);
    const [perSecond, perMinuteArea, window, windowPerSecond] = row.map((d) => Number(scalar(d)));
    expect(perSecond).toBeCloseTo(trapezoids(devA, 1000), 6);
    expect(perMinuteArea).toBeCloseTo(trapezoids(devA, 60_000), 9);
    expect(window).toBeCloseTo(trapezoids(lastFive, 60_000), 9);
    expect(windowPerSecond).toBeCloseTo(trapezoids(lastFive, 1000), 6);
  });
});

describe('correlations', () => {
  const both = `FROM (SELECT CREATE_TIME_SERIES(time, temperature) AS a, CREATE_TIME_SERIES(time, humidity) AS b FROM ${FROM}
    WHERE device_id = 'dev-a' AND humidity IS NOT NULL)`;

  it('correlate_pearson and correlate_spearman of two series with the same timestamps', async () => {
    const [row] = (await run(`SELECT correlate_pearson(a, b), correlate_spearman(a, b), correlate_pearson(a, a) ${both}`)).rows;
    const [t, h] = [withHumidity.map((r) => r.temperature), withHumidity.map((r) => r.humidity as number)];
    expect(Number(scalar(row[0]))).toBeCloseTo(pearson(t, h), 9);
    expect(Number(scalar(row[1]))).toBeCloseTo(pearson(averageRanks(t), averageRanks(h)), 9);
    expect(Number(scalar(row[2]))).toBeCloseTo(1, 12);
  });

  it('series with different timestamps or arguments that are no series are refused', async () => {
    const differing = `SELECT correlate_pearson(a, b) FROM (SELECT CREATE_TIME_SERIES(time, temperature) AS a, CREATE_TIME_SERIES(time, humidity) AS b FROM ${FROM} WHERE device_id = 'dev-a')`;
    expect(await refusal(differing)).toEqual({ name: 'ValidationException', message: 'correlate_pearson: the two time series must have the same timestamps' });
    expect(await refusal('SELECT derivative_linear(1, 1m)')).toEqual({ name: 'ValidationException', message: 'line 1:26: derivative_linear expects a timeseries as argument 1' });
  });
});
