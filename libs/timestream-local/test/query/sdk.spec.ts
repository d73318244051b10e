import { CancelQueryCommand, PrepareQueryCommand, QueryCommand, ValidationException } from '@aws-sdk/client-timestream-query';
import type { _Record } from '@aws-sdk/client-timestream-write';
import { createQueryOperations } from '../../src/operations/query';
import { scalar } from './fixture';
import { allPages, createTable, sdkRows, startSdkFixture, writeAll, type SdkFixture } from './sdk-fixture';

/** The query engine through the real SDK clients over HTTP, data written with WriteRecords. */
const DB = 'iot-sdk';
const TABLE = 'sensor.readings';
const FROM = `"${DB}"."${TABLE}"`;
const now = Date.now();
const START = Math.floor(now / 60_000) * 60_000 - 60 * 60_000;
const DEVICES = ['dev-1', 'dev-2', 'dev-3', 'dev-4'];

interface Point { device: string; time: number; temperature: number; humidity: number }
const points: Point[] = DEVICES.flatMap((device, d) =>
  Array.from({ length: 30 }, (_, k) => ({ device, time: START + k * 60_000, temperature: Math.round((18 + d + Math.cos(k / 3) * 2) * 100) / 100, humidity: 40 + ((k * 3 + d) % 25) })));

const records: _Record[] = points.map((p) => ({
  Dimensions: [{ Name: 'device_id', Value: p.device }, { Name: 'location', Value: p.device === 'dev-4' ? 'roof' : 'lab' }],
  MeasureName: 'metrics',
  MeasureValueType: 'MULTI',
  MeasureValues: [
    { Name: 'temperature', Value: String(p.temperature), Type: 'DOUBLE' },
    { Name: 'humidity', Value: String(p.humidity), Type: 'DOUBLE' },
  ],
  Time: String(p.time),
  TimeUnit: 'MILLISECONDS',
}));

let fx: SdkFixture;
beforeAll(async () => {
  fx = await startSdkFixture();
  await createTable(fx, DB, TABLE);
  await writeAll(fx, DB, TABLE, records);
  await createTable(fx, DB, 'host_metrics');
  await writeAll(fx, DB, 'host_metrics', [
    { Dimensions: [{ Name: 'hostname', Value: 'h1' }], MeasureName: 'cpu_user', MeasureValue: '12.5', MeasureValueType: 'DOUBLE', Time: String(START) },
    { Dimensions: [{ Name: 'hostname', Value: 'h1' }], MeasureName: 'tasks', MeasureValue: '7', MeasureValueType: 'BIGINT', Time: String(START) },
  ]);
}, 30_000);
afterAll(async () => fx.close());

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const doubleText = (x: number) => (Number.isInteger(x) ? `${x}.0` : String(x));
const tsText = (ms: number) => `${new Date(ms).toISOString().replace('T', ' ').slice(0, 23)}000000`;

describe('Query through the SDK', () => {
  it('SELECT * shows dimensions, measure_name, time, then the multi-measure columns', async () => {
    const [page] = await allPages(fx, `SELECT * FROM ${FROM} ORDER BY time, device_id LIMIT 2`);
    expect(page.ColumnInfo?.map((c) => [c.Name, c.Type?.ScalarType])).toEqual([
      ['device_id', 'VARCHAR'], ['location', 'VARCHAR'], ['measure_name', 'VARCHAR'], ['time', 'TIMESTAMP'], ['temperature', 'DOUBLE'], ['humidity', 'DOUBLE'],
    ]);
    expect(page.Rows?.[0].Data?.map(scalar)).toEqual(['dev-1', 'lab', 'metrics', tsText(START), doubleText(points[0].temperature), doubleText(points[0].humidity)]);
    expect(page.QueryId).toMatch(/^[A-Z0-9]+$/);
    expect(page.QueryStatus?.CumulativeBytesMetered).toBe(10_000_000);
  });

  it('single-measure records appear as measure_value::<type> columns', async () => {
    const rows = await sdkRows(fx, `SELECT measure_name, measure_value::double, measure_value::bigint FROM "${DB}".host_metrics ORDER BY measure_name`);
    expect(rows.map((r) => r.map(scalar))).toEqual([['cpu_user', '12.5', undefined], ['tasks', undefined, '7']]);
  });

  it('the analytics libs/queries builds: ago, bin, avg, stddev, max_by, approx_percentile, windows', async () => {
    const rows = await sdkRows(fx, `WITH recent AS (SELECT device_id, time, temperature FROM ${FROM} WHERE time > ago(2h))
      SELECT device_id, bin(time, 10m) AS t, avg(temperature) AS avg_t, stddev(temperature) AS sd, max_by(temperature, time) AS last_t,
             approx_percentile(temperature, 0.5) AS p50, row_number() OVER (PARTITION BY device_id ORDER BY bin(time, 10m)) AS n
      FROM recent GROUP BY device_id, bin(time, 10m) ORDER BY device_id, t`);
    const expected = DEVICES.flatMap((device) => {
      const buckets = new Map<number, Point[]>();
      for (const p of points.filter((x) => x.device === device)) {
        const b = Math.floor(p.time / 600_000) * 600_000;
        buckets.set(b, [...(buckets.get(b) ?? []), p]);
      }
      return [...buckets].sort((a, b) => a[0] - b[0]).map(([b, ps], i) => {
        const t = ps.map((p) => p.temperature);
        const m = mean(t);
        return { device, b, m, sd: Math.sqrt(t.reduce((a, x) => a + (x - m) ** 2, 0) / (t.length - 1)), last: t[t.length - 1], n: i + 1, sorted: [...t].sort((x, y) => x - y) };
      });
    });
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => {
      const e = expected[i];
      expect([scalar(row[0]), scalar(row[1])]).toEqual([e.device, tsText(e.b)]);
      expect(Number(scalar(row[2]))).toBeCloseTo(e.m, 9);
      if (e.sorted.length > 1) expect(Number(scalar(row[3]))).toBeCloseTo(e.sd, 9);
      expect(Number(scalar(row[4]))).toBe(e.last);
      expect(Number(scalar(row[5]))).toBe(e.sorted[Math.ceil(0.5 * e.sorted.length) - 1]);
      expect(scalar(row[6])).toBe(String(e.n));
    });
  });

  it('CREATE_TIME_SERIES, INTERPOLATE_LINEAR over SEQUENCE and UNNEST', async () => {
    const [page] = await allPages(fx, `SELECT device_id, INTERPOLATE_LINEAR(CREATE_TIME_SERIES(time, humidity), SEQUENCE(min(time), max(time), 30s)) AS h
      FROM ${FROM} WHERE device_id = 'dev-2' GROUP BY device_id`);
    expect(page.ColumnInfo?.[1]).toEqual({ Name: 'h', Type: { TimeSeriesMeasureValueColumnInfo: { Type: { ScalarType: 'DOUBLE' } } } });
    const series = page.Rows?.[0].Data?.[1].TimeSeriesValue ?? [];
    const dev2 = points.filter((p) => p.device === 'dev-2');
    expect(series).toHaveLength(dev2.length * 2 - 1);
    series.forEach((point, i) => {
      const a = dev2[Math.floor(i / 2)];
      const b = dev2[Math.ceil(i / 2)];
      expect(point.Time).toBe(tsText(START + i * 30_000));
      expect(Number(point.Value?.ScalarValue)).toBeCloseTo((a.humidity + b.humidity) / 2, 9);
    });
    const unnested = await sdkRows(fx, `WITH s AS (SELECT CREATE_TIME_SERIES(time, temperature) AS ts FROM ${FROM} WHERE device_id = 'dev-3')
      SELECT t.time, t.value FROM s CROSS JOIN UNNEST(ts) AS t(time, value) ORDER BY t.time LIMIT 3`);
    expect(unnested.map((r) => r.map(scalar))).toEqual(points.filter((p) => p.device === 'dev-3').slice(0, 3).map((p) => [tsText(p.time), doubleText(p.temperature)]));
  });

  it('pages with MaxRows and refuses an invalid token', async () => {
    const sql = `SELECT device_id, time FROM ${FROM} ORDER BY device_id, time`;
    const pages = await allPages(fx, sql, 50);
    expect(pages.map((p) => p.Rows?.length)).toEqual([50, 50, 20]);
    expect(new Set(pages.map((p) => p.QueryId)).size).toBe(1);
    const all = pages.flatMap((p) => p.Rows ?? []).map((r) => r.Data?.map(scalar));
    expect(all).toEqual([...points].sort((a, b) => (a.device === b.device ? a.time - b.time : a.device < b.device ? -1 : 1)).map((p) => [p.device, tsText(p.time)]));
    await expect(fx.query.send(new QueryCommand({ QueryString: sql, NextToken: 'AYnotatoken' }))).rejects.toMatchObject({ name: 'ValidationException', message: 'Invalid pagination token' });
  });

  it('unknown names and unsupported functions are ValidationException with the service words', async () => {
    const error = await fx.query.send(new QueryCommand({ QueryString: `SELECT device_id, vehicleName FROM ${FROM}` })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as Error).message).toBe("line 1:19: Column 'vehicleName' does not exist");
    await expect(fx.query.send(new QueryCommand({ QueryString: 'SELECT * FROM abc.sampleDB' }))).rejects.toMatchObject({
      name: 'ValidationException', message: "Requested database 'abc' not found for identifier 'abc.sampleDB' at line 1:15",
    });
    await expect(fx.query.send(new QueryCommand({ QueryString: 'SELECT geo_distance(1, 2)' }))).rejects.toMatchObject({ message: 'line 1:8: Function geo_distance not registered' });
  });

  it('a failure while running is QueryExecutionException without DuckDB text', async () => {
    const error = (await fx.query.send(new QueryCommand({ QueryString: `SELECT CAST(device_id AS bigint) FROM ${FROM}` })).catch((e: unknown) => e)) as Error;
    expect(error.name).toBe('QueryExecutionException');
    expect(error.message).toMatch(/^Timestream was unable to run the query successfully/);
    expect(error.message).not.toMatch(/Conversion|DuckDB|INT64|Error:/);
  });

  it('SHOW and DESCRIBE', async () => {
    expect((await sdkRows(fx, 'SHOW DATABASES')).map((r) => scalar(r[0]))).toContain(DB);
    expect((await sdkRows(fx, `SHOW TABLES FROM "${DB}"`)).map((r) => scalar(r[0]))).toEqual(['host_metrics', TABLE]);
    expect((await sdkRows(fx, `DESCRIBE ${FROM}`)).map((r) => r.map(scalar))).toEqual([
      ['device_id', 'varchar', 'DIMENSION'], ['location', 'varchar', 'DIMENSION'], ['measure_name', 'varchar', 'MEASURE_NAME'],
      ['time', 'timestamp', 'TIMESTAMP'], ['temperature', 'double', 'MULTI'], ['humidity', 'double', 'MULTI'],
    ]);
    const measures = await sdkRows(fx, `SHOW MEASURES FROM "${DB}".host_metrics`);
    expect(measures.map((r) => [scalar(r[0]), scalar(r[1])])).toEqual([['cpu_user', 'double'], ['tasks', 'bigint']]);
  });

  it('PrepareQuery with ValidateOnly and CancelQuery of a finished query', async () => {
    const prepared = await fx.query.send(new PrepareQueryCommand({ QueryString: `SELECT device_id, avg(temperature) AS t FROM ${FROM} GROUP BY device_id`, ValidateOnly: true }));
    expect(prepared.Columns?.map((c) => [c.Name, c.Type?.ScalarType, c.Aliased])).toEqual([['device_id', 'VARCHAR', false], ['t', 'DOUBLE', true]]);
    const page = await fx.query.send(new QueryCommand({ QueryString: 'SELECT 1' }));
    const cancelled = await fx.query.send(new CancelQueryCommand({ QueryId: page.QueryId }));
    expect(cancelled.CancellationMessage).toContain('already completed');
  });
});

describe('empty first page through the SDK', () => {
  let slow: SdkFixture;
  beforeAll(async () => {
    slow = await startSdkFixture({ queryOperations: createQueryOperations({ firstPageWaitMs: 0 }) });
    await createTable(slow, DB, TABLE);
    await writeAll(slow, DB, TABLE, records);
  }, 30_000);
  afterAll(async () => slow.close());

  it('CancelQuery stops a running query; its next page says so', async () => {
    const heavy = `SELECT count(*) FROM ${FROM} CROSS JOIN UNNEST(SEQUENCE(1, 10000)) AS a(x) CROSS JOIN UNNEST(SEQUENCE(1, 10000)) AS b(y)`;
    const first = await slow.query.send(new QueryCommand({ QueryString: heavy }));
    expect(first.NextToken).toBeDefined();
    // let DuckDB start: an interrupt that arrives before the storage has the connection running is lost (see report)
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    expect(await slow.query.send(new CancelQueryCommand({ QueryId: first.QueryId }))).not.toHaveProperty('CancellationMessage');
    await expect(slow.query.send(new QueryCommand({ QueryString: heavy, NextToken: first.NextToken }))).rejects.toMatchObject({
      name: 'ValidationException', message: `Query ${first.QueryId} was cancelled.`,
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await slow.query.send(new CancelQueryCommand({ QueryId: first.QueryId }))).CancellationMessage).toContain('already been cancelled');
  }, 30_000);

  it('a client that keeps paging gets every row', async () => {
    const pages = await allPages(slow, `SELECT device_id, temperature FROM ${FROM} ORDER BY device_id, time`);
    expect(pages[0].ColumnInfo?.map((c) => c.Name)).toEqual(['device_id', 'temperature']);
    expect(pages[0].Rows).toEqual([]);
    expect(pages[0].QueryStatus?.ProgressPercentage).toBe(0);
    expect(pages).toHaveLength(2);
    expect(pages[1].Rows?.map((r) => scalar(r.Data?.[1] ?? {}))).toEqual(
      [...points].sort((a, b) => (a.device === b.device ? a.time - b.time : a.device < b.device ? -1 : 1)).map((p) => doubleText(p.temperature)));
  });
});
