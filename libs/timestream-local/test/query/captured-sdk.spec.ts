import { QueryCommand } from '@aws-sdk/client-timestream-query';
import { CreateDatabaseCommand, CreateTableCommand, type _Record } from '@aws-sdk/client-timestream-write';
import { asMultiset, captured, plain } from './captured';
import { allPages, startSdkFixture, writeAll, type SdkFixture } from './sdk-fixture';

/**
 * The captured live-service responses, reproduced through the SDK against the server: data written with
 * WriteRecords (rebuilt from the captured values), the server's clock set just after the captured data.
 */
const SERIES_FILES = ['complex-timeseries', 'some-timeseries'] as const;
const latestPoint = Math.max(...SERIES_FILES.flatMap((file) => captured(file).Rows.flatMap((r) =>
  (r.Data[r.Data.length - 1].TimeSeriesValue ?? []).map((p) => Date.parse(`${(p.Time as string).slice(0, 19).replace(' ', 'T')}Z`)))));
const NOW = new Date(latestPoint + 60_000);

let fx: SdkFixture;
beforeAll(async () => {
  fx = await startSdkFixture({ now: () => NOW });
  await fx.write.send(new CreateDatabaseCommand({ DatabaseName: 'grafanaDB' }));
  for (const table of ['DevOps', 'IoT', 'Measures']) {
    await fx.write.send(new CreateTableCommand({ DatabaseName: 'grafanaDB', TableName: table, RetentionProperties: { MemoryStoreRetentionPeriodInHours: 24, MagneticStoreRetentionPeriodInDays: 7 } }));
  }
  // the time series of both captured responses, as single-measure records
  const records: _Record[] = [];
  for (const file of SERIES_FILES) {
    const response = captured(file);
    const dims = response.ColumnInfo.slice(0, -1).map((c) => c.Name as string);
    for (const row of response.Rows) {
      const measureName = dims.includes('measure_name') ? (plain(row.Data[dims.indexOf('measure_name')]) as string) : 'gc_reclaimed';
      const dimensions = dims.flatMap((name, i) => (name === 'measure_name' ? [] : [{ Name: name, Value: plain(row.Data[i]) as string }]));
      for (const point of row.Data[row.Data.length - 1].TimeSeriesValue ?? []) {
        const ms = Date.parse(`${(point.Time as string).slice(0, 19).replace(' ', 'T')}Z`);
        records.push({ Dimensions: dimensions, MeasureName: measureName, MeasureValue: point.Value?.ScalarValue, MeasureValueType: 'DOUBLE', Time: String(ms), TimeUnit: 'MILLISECONDS' });
      }
    }
  }
  await writeAll(fx, 'grafanaDB', 'DevOps', records);
  // SHOW MEASURES: one record per measure, with the captured dimensions in the captured order
  const measures = captured('show-measures').Rows.map((r): _Record => ({
    Dimensions: (r.Data[2].ArrayValue ?? []).map((d) => ({ Name: plain(d.RowValue?.Data?.[0] ?? {}) as string, Value: 'x' })),
    MeasureName: plain(r.Data[0]) as string,
    MeasureValueType: (plain(r.Data[1]) as string).toUpperCase() as 'DOUBLE',
    MeasureValue: plain(r.Data[1]) === 'varchar' ? 'SUCCESS' : '1',
    Time: String(NOW.getTime() - 60_000),
  }));
  await writeAll(fx, 'grafanaDB', 'Measures', measures);
}, 60_000);
afterAll(async () => fx.close());

const strip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('captured responses through the SDK', () => {
  it('select-consts.json value for value', async () => {
    const expected = captured('select-consts');
    const [page] = await allPages(fx, "SELECT 1 as t_int32, 'two' as t_varchar, timestamp '2020-08-08 01:00' as timestamp, interval '2' day - interval '3' hour as interval_day_to_second, interval '3' year - interval '5' month as interval_year_to_month, time '01:00' as time, date '2020-08-08' as date");
    expect(strip({ ColumnInfo: page.ColumnInfo, Rows: page.Rows, QueryStatus: page.QueryStatus })).toEqual({ ColumnInfo: expected.ColumnInfo, Rows: expected.Rows, QueryStatus: expected.QueryStatus });
  });

  it('show-tables.json (the two captured tables among ours)', async () => {
    const [page] = await allPages(fx, 'SHOW TABLES FROM grafanaDB');
    const expected = captured('show-tables');
    expect(strip(page.ColumnInfo)).toEqual(expected.ColumnInfo);
    expect(strip(page.Rows)).toEqual(expect.arrayContaining(expected.Rows));
    expect(strip(page.QueryStatus)).toEqual(expected.QueryStatus);
  });

  it('show-measures.json', async () => {
    const [page] = await allPages(fx, 'SHOW MEASURES FROM grafanaDB.Measures');
    const expected = captured('show-measures');
    expect(strip({ ColumnInfo: page.ColumnInfo, Rows: page.Rows })).toEqual({ ColumnInfo: expected.ColumnInfo, Rows: expected.Rows });
  });

  it('complex-timeseries.json', async () => {
    const expected = captured('complex-timeseries');
    const pages = await allPages(fx, "select measure_name, availability_zone, region, cell, silo, instance_type, instance_name, create_time_series(time, measure_value::double) from grafanaDB.DevOps where time > ago(30m) AND (measure_name = 'cpu_user' or measure_name = 'cpu_system') group by measure_name, availability_zone, region, cell, silo, instance_type, instance_name");
    expect(strip(pages[0].ColumnInfo)).toEqual(expected.ColumnInfo);
    expect(asMultiset(strip(pages.flatMap((p) => p.Rows ?? [])))).toEqual(asMultiset(expected.Rows));
  });

  it('some-timeseries.json', async () => {
    const expected = captured('some-timeseries');
    const pages = await allPages(fx, "SELECT region, cell, silo, availability_zone, microservice_name, instance_name, process_name, jdk_version, CREATE_TIME_SERIES(time, measure_value::double) AS gc_reclaimed FROM grafanaDB.DevOps WHERE time > ago(1h) AND measure_name = 'gc_reclaimed' GROUP BY region, cell, silo, availability_zone, microservice_name, instance_name, process_name, jdk_version ORDER BY AVG(measure_value::double) DESC LIMIT 10");
    expect(strip(pages[0].ColumnInfo)).toEqual(expected.ColumnInfo);
    expect(strip(pages.flatMap((p) => p.Rows ?? []))).toEqual(expected.Rows);
    expect(pages[0].QueryStatus?.CumulativeBytesMetered).toBe(expected.QueryStatus?.CumulativeBytesMetered);
  });

  it('time-series-with-null-data-points.json: interpolating a series over no data is NullValue', async () => {
    const expected = captured('time-series-with-null-data-points');
    const [page] = await allPages(fx, `WITH binned AS (
        SELECT BIN(time, 10000ms) AS binned_time, avg(measure_value::double) AS avg_value FROM grafanaDB.DevOps
        WHERE measure_name = 'no-such-measure' AND time > ago(1h) GROUP BY BIN(time, 10000ms))
      SELECT INTERPOLATE_LINEAR(CREATE_TIME_SERIES(binned_time, avg_value), SEQUENCE(min(binned_time), max(binned_time), 10s)) AS interpolatedValue FROM binned`);
    expect(strip({ ColumnInfo: page.ColumnInfo, Rows: page.Rows })).toEqual({ ColumnInfo: expected.ColumnInfo, Rows: expected.Rows });
  });

  it('an unknown column in the captured table is refused with its position', async () => {
    await expect(fx.query.send(new QueryCommand({ QueryString: 'SELECT vehicleName FROM grafanaDB.DevOps' }))).rejects.toMatchObject({ message: "line 1:8: Column 'vehicleName' does not exist" });
  });
});
