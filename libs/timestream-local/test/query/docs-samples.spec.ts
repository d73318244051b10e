import { NOW, scalar } from './fixture';
import { HOSTS, TRUCKS, hostRecords, truckRecords } from './sample-data';
import { addSampleTablesThroughSdk, sdkRunner, type SdkRunner } from './sdk-datasets';
import { startSdkFixture, type SdkFixture } from './sdk-fixture';
import { DOC_SAMPLES } from './doc-sample-queries';

/** The sample tables written with WriteRecords to a server whose clock stands at NOW; queries through the SDK. */
let fx: SdkFixture;
let sdk: SdkRunner;
beforeAll(async () => {
  fx = await startSdkFixture({ now: () => NOW });
  await addSampleTablesThroughSdk(fx);
  sdk = sdkRunner(fx);
}, 60_000);
afterAll(async () => fx.close());

const run = async (sql: string) => (await sdk(sql)).rows.map((r) => r.map(scalar));
const trucks = truckRecords();
const hosts = hostRecords();
const round2 = (x: number) => Math.round(x * 100) / 100;

describe('the documentation sample queries (IoT)', () => {
  it('lists every sensor attribute per truck', async () => {
    const rows = await run(DOC_SAMPLES.iotAttributes);
    expect(rows).toHaveLength(TRUCKS.length * 4);
    expect(new Set(rows.map((r) => r[6]))).toEqual(new Set(['fuel-reading', 'load', 'speed', 'location']));
  });

  it('gets the most recent fuel reading per truck', async () => {
    const rows = await run(DOC_SAMPLES.iotLatestFuel);
    expect(rows.map((r) => [r[1], Number(r[5])])).toEqual(TRUCKS.map((t) => {
      const latest = trucks.filter((r) => r.truck_id === t.truck_id && r.measure_name === 'fuel-reading').sort((a, b) => b.time - a.time)[0];
      return [t.truck_id, latest['measure_value::double']];
    }));
  });

  it('finds trucks running low on fuel in the last 48 hours', async () => {
    const rows = await run(DOC_SAMPLES.iotLowFuel);
    const expected = trucks.filter((r) => r.measure_name === 'fuel-reading' && (r['measure_value::double'] as number) < 10 && r.time >= NOW.getTime() - 48 * 3_600_000);
    expect(rows).toHaveLength(expected.length);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['123456783']));
  });

  it('average load and max speed per truck per day for the last week', async () => {
    const rows = await run(DOC_SAMPLES.iotLoadAndSpeed);
    const first = rows.find((r) => r[2] === '123456781') as Array<string | undefined>;
    const day = Date.parse(`${(first[0] as string).slice(0, 10)}T00:00:00Z`);
    const inDay = trucks.filter((r) => r.truck_id === '123456781' && r.time >= day && r.time < day + 86_400_000);
    const loads = inDay.filter((r) => r.measure_name === 'load').map((r) => r['measure_value::double'] as number);
    const speeds = inDay.filter((r) => r.measure_name === 'speed').map((r) => r['measure_value::double'] as number);
    expect(Number(first[5])).toBeCloseTo(loads.reduce((a, b) => a + b, 0) / loads.length, 9);
    expect(Number(first[6])).toBe(Math.max(...speeds));
  });

  it('load efficiency per truck over the past week', async () => {
    const rows = await run(DOC_SAMPLES.iotLoadEfficiency);
    const loads = trucks.filter((r) => r.truck_id === '123456781' && r.measure_name === 'load').sort((a, b) => a.time - b.time);
    const avg = loads.reduce((a, r) => a + (r['measure_value::double'] as number), 0) / loads.length;
    expect(rows.filter((r) => r[0] === '123456781').map((r) => Number(r[2]))).toEqual(loads.map((r) => expect.closeTo(((r['measure_value::double'] as number) * 100) / avg, 9)));
  });
});

describe('the documentation sample queries (DevOps)', () => {
  const cpu = (host: string) => hosts.filter((r) => r.hostname === host && r.measure_name === 'cpu_utilization');

  it('average and p90/p95/p99 CPU per 15 s bin for one host', async () => {
    const rows = await run(DOC_SAMPLES.devopsPercentiles);
    expect(rows).toHaveLength(cpu('host-Hovjv').filter((r) => r.time > NOW.getTime() - 2 * 3_600_000).length);
    const last = rows[rows.length - 1];
    expect(Number(last[4])).toBe(round2(cpu('host-Hovjv')[0]['measure_value::double']));
  });

  it('hosts whose CPU is above 1.1x the fleet average', async () => {
    const rows = await run(DOC_SAMPLES.devopsAboveFleetAverage);
    const all = hosts.filter((r) => r.measure_name === 'cpu_utilization');
    const fleet = all.reduce((a, r) => a + r['measure_value::double'], 0) / all.length;
    const expected = HOSTS.map((h) => [h.hostname, cpu(h.hostname).reduce((a, r) => a + r['measure_value::double'], 0) / cpu(h.hostname).length] as const)
      .filter(([, avg]) => avg > 1.1 * fleet).map(([h]) => h);
    expect(rows.map((r) => r[2])).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });

  it('interpolates the 30 s binned CPU at 15 s steps (linear and LOCF)', async () => {
    for (const sql of [DOC_SAMPLES.devopsInterpolateLinear, DOC_SAMPLES.devopsInterpolateLocf]) {
      const rows = await run(sql);
      const bins = new Set(cpu('host-Hovjv').filter((r) => r.time > NOW.getTime() - 2 * 3_600_000).map((r) => Math.floor(r.time / 30_000)));
      const span = (Math.max(...bins) - Math.min(...bins)) * 2 + 1;
      expect(rows).toHaveLength(span);
      expect(rows.every((r) => Number.isFinite(Number(r[1])))).toBe(true);
    }
  });

  it('fraction of points above 70 % with FILTER and REDUCE over an interpolated series', async () => {
    const { rows } = await sdk(DOC_SAMPLES.devopsFractionAbove);
    const points = cpu('host-Hovjv').filter((r) => r.time > NOW.getTime() - 30 * 60_000).sort((a, b) => a.time - b.time)
      .map((r) => ({ t: r.time, v: round2(r['measure_value::double']) }));
    const values: number[] = [];
    for (let t = points[0].t; t <= points[points.length - 1].t; t += 10_000) {
      const next = points.findIndex((p) => p.t >= t);
      const b = points[next];
      const a = b.t === t ? b : points[next - 1];
      values.push(a === b ? a.v : a.v + ((b.v - a.v) * (t - a.t)) / (b.t - a.t));
    }
    const above = values.filter((v) => v > 70);
    const [series, count, fraction] = rows[0];
    expect(series.TimeSeriesValue?.map((p) => Number(p.Value?.ScalarValue))).toEqual(above.map((v) => expect.closeTo(v, 9)));
    expect(Number(scalar(count))).toBe(above.length);
    expect(Number(scalar(fraction))).toBeCloseTo(Math.round((above.length / values.length) * 10_000) / 10_000, 9);
    expect(above.length).toBeGreaterThan(0);
  });
});
