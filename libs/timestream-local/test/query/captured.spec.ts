import type { CatalogColumn } from '../../src/query/catalog';
import { QueryService } from '../../src/query/query-service';
import { asMultiset, captured, plain } from './captured';
import { NOW, queryAll } from './fixture';
import { createMemoryStorage, type MemoryStorage } from './memory-storage';

/**
 * For each captured live-service response: a local dataset equivalent to what the service held (rebuilt from the
 * captured values themselves), the same query, and the same column names, types and rendering.
 */
let storage: MemoryStorage;
beforeEach(async () => {
  storage = await createMemoryStorage();
});
afterEach(() => storage.close());

const SCALAR_KIND: Record<string, CatalogColumn['type']> = { VARCHAR: 'VARCHAR', DOUBLE: 'DOUBLE', BIGINT: 'BIGINT', BOOLEAN: 'BOOLEAN', TIMESTAMP: 'TIMESTAMP' };

/** Rebuilds a single-measure DevOps table from a captured SELECT * response. */
async function tableFromSelectStar(name: string, db = 'grafanaDB', table = 'DevOps'): Promise<ReturnType<typeof captured>> {
  const response = captured(name);
  const columns: CatalogColumn[] = response.ColumnInfo.map((c) => ({
    name: c.Name as string,
    type: SCALAR_KIND[c.Type?.ScalarType as string],
    kind: c.Name === 'measure_name' ? 'MEASURE_NAME' : c.Name === 'time' ? 'TIMESTAMP' : c.Name?.startsWith('measure_value::') ? 'SINGLE_MEASURE_VALUE' : 'DIMENSION',
  }));
  const rows = response.Rows.map((r) => Object.fromEntries(r.Data.map((d, i) => [columns[i].name, plain(d)])));
  await storage.addTable(db, table, columns, rows);
  return response;
}

describe('captured responses, reproduced locally', () => {
  it('select-consts.json value for value', async () => {
    const expected = captured('select-consts');
    const { first } = await queryAll(new QueryService(storage), "SELECT 1 as t_int32, 'two' as t_varchar, timestamp '2020-08-08 01:00' as timestamp, interval '2' day - interval '3' hour as interval_day_to_second, interval '3' year - interval '5' month as interval_year_to_month, time '01:00' as time, date '2020-08-08' as date");
    expect(first.ColumnInfo).toEqual(expected.ColumnInfo);
    expect(first.Rows).toEqual(expected.Rows);
    expect(first.QueryStatus).toEqual(expected.QueryStatus);
    expect(first.NextToken).toBeUndefined();
  });

  it('show-databases.json and show-tables.json', async () => {
    storage.addDatabase('grafanaDB');
    await storage.addTable('grafanaDB', 'DevOps', [{ name: 'time', type: 'TIMESTAMP', kind: 'TIMESTAMP' }], []);
    await storage.addTable('grafanaDB', 'IoT', [{ name: 'time', type: 'TIMESTAMP', kind: 'TIMESTAMP' }], []);
    const service = new QueryService(storage);
    for (const [file, sql] of [['show-databases', 'SHOW DATABASES'], ['show-tables', 'SHOW TABLES FROM grafanaDB']]) {
      const expected = captured(file);
      const { first } = await queryAll(service, sql);
      expect({ ColumnInfo: first.ColumnInfo, Rows: first.Rows, QueryStatus: first.QueryStatus }).toEqual({ ColumnInfo: expected.ColumnInfo, Rows: expected.Rows, QueryStatus: expected.QueryStatus });
    }
  });

  it('describe-table.json', async () => {
    const expected = captured('describe-table');
    const kinds: Record<string, CatalogColumn['kind']> = { DIMENSION: 'DIMENSION', MEASURE_NAME: 'MEASURE_NAME', TIMESTAMP: 'TIMESTAMP', MEASURE_VALUE: 'SINGLE_MEASURE_VALUE' };
    const columns = expected.Rows.map((r): CatalogColumn => ({ name: plain(r.Data[0]) as string, type: (plain(r.Data[1]) as string).toUpperCase() as CatalogColumn['type'], kind: kinds[plain(r.Data[2]) as string] }));
    await storage.addTable('grafanaDB', 'DevOps', columns, []);
    const { first } = await queryAll(new QueryService(storage), 'DESCRIBE grafanaDB.DevOps');
    expect({ ColumnInfo: first.ColumnInfo, Rows: first.Rows, QueryStatus: first.QueryStatus }).toEqual({ ColumnInfo: expected.ColumnInfo, Rows: expected.Rows, QueryStatus: expected.QueryStatus });
  });

  it('show-measures.json', async () => {
    const expected = captured('show-measures');
    const dimensions = new Map<string, string>();
    const measures = expected.Rows.map((r) => {
      const dims = (r.Data[2].ArrayValue ?? []).map((d) => d.RowValue?.Data?.map((x) => plain(x) as string) as [string, string]);
      for (const [name, type] of dims) dimensions.set(name, type);
      return { name: plain(r.Data[0]) as string, type: (plain(r.Data[1]) as string).toUpperCase() as 'DOUBLE', dimensions: dims.map(([n]) => n) };
    });
    const columns: CatalogColumn[] = [...dimensions].map(([name]) => ({ name, type: 'VARCHAR', kind: 'DIMENSION' }));
    await storage.addTable('grafanaDB', 'DevOps', columns, [], measures);
    const { first } = await queryAll(new QueryService(storage), 'SHOW MEASURES FROM grafanaDB.DevOps');
    expect({ ColumnInfo: first.ColumnInfo, Rows: first.Rows, QueryStatus: first.QueryStatus }).toEqual({ ColumnInfo: expected.ColumnInfo, Rows: expected.Rows, QueryStatus: expected.QueryStatus });
  });

  it('select-star.json', async () => {
    const expected = await tableFromSelectStar('select-star');
    const { first } = await queryAll(new QueryService(storage), 'SELECT * FROM grafanaDB.DevOps LIMIT 10');
    expect(first.ColumnInfo).toEqual(expected.ColumnInfo);
    expect(asMultiset(first.Rows ?? [])).toEqual(asMultiset(expected.Rows));
    expect(first.QueryStatus?.CumulativeBytesMetered).toBe(expected.QueryStatus?.CumulativeBytesMetered);
  });

  it('pagination-off_1.json then pagination-off_2.json: an empty first page, then the rows', async () => {
    const expected1 = captured('pagination-off_1');
    const expected2 = await tableFromSelectStar('pagination-off_2');
    const slowStorage = { ...storage, runQuery: async (sql: string, signal?: AbortSignal) => {
      if (!sql.endsWith('LIMIT 0')) await new Promise((resolve) => setTimeout(resolve, 30));
      return storage.runQuery(sql, signal);
    } };
    const service = new QueryService(slowStorage, { firstPageWaitMs: 0 });
    const sql = 'SELECT * FROM grafanaDB.DevOps LIMIT 3';
    const page1 = await service.query({ QueryString: sql }, NOW);
    expect(page1.ColumnInfo).toEqual(expected1.ColumnInfo);
    expect(page1.Rows).toEqual([]);
    expect(page1.NextToken).toEqual(expect.any(String));
    expect(page1.QueryStatus).toEqual(expected1.QueryStatus);
    const page2 = await service.query({ QueryString: sql, NextToken: page1.NextToken }, NOW);
    expect(page2.ColumnInfo).toEqual(expected2.ColumnInfo);
    expect(asMultiset(page2.Rows ?? [])).toEqual(asMultiset(expected2.Rows));
    expect(page2.NextToken).toBeUndefined();
  });

  it('select-null-timestamp.json', async () => {
    const expected = captured('select-null-timestamp');
    const rows = expected.Rows.map((r, i) => ({ measure_name: plain(r.Data[0]), time: plain(r.Data[1]) ?? `2021-03-21 21:0${i}:00` }));
    await storage.addTable('grafanaDB', 'DevOps', [
      { name: 'measure_name', type: 'VARCHAR', kind: 'MEASURE_NAME' }, { name: 'time', type: 'TIMESTAMP', kind: 'TIMESTAMP' },
    ], rows);
    const { first } = await queryAll(new QueryService(storage), "SELECT measure_name, CASE WHEN measure_name = 'task_completed' THEN (SELECT NULL) ELSE time END FROM grafanaDB.DevOps LIMIT 10");
    expect(first.ColumnInfo).toEqual(expected.ColumnInfo);
    expect(asMultiset(first.Rows ?? [])).toEqual(asMultiset(expected.Rows));
  });

  it.each([
    ['complex-timeseries', (t: string) => `select measure_name, availability_zone, region, cell, silo, instance_type, instance_name, create_time_series(time, measure_value::double) from ${t} where time > ago(30m) AND (measure_name = 'cpu_user' or measure_name = 'cpu_system') group by measure_name, availability_zone, region, cell, silo, instance_type, instance_name`],
    ['some-timeseries', (t: string) => `SELECT region, cell, silo, availability_zone, microservice_name, instance_name, process_name, jdk_version, CREATE_TIME_SERIES(time, measure_value::double) AS gc_reclaimed FROM ${t} WHERE time > ago(1h) AND measure_name = 'gc_reclaimed' GROUP BY region, cell, silo, availability_zone, microservice_name, instance_name, process_name, jdk_version ORDER BY AVG(measure_value::double) DESC LIMIT 10`],
  ])('%s.json', async (file, query) => {
    const expected = captured(file);
    const dims = expected.ColumnInfo.slice(0, -1).map((c) => c.Name as string);
    const records: Array<Record<string, unknown>> = [];
    let latest = 0;
    for (const row of expected.Rows) {
      const values = Object.fromEntries(dims.map((d, i) => [d, plain(row.Data[i])]));
      for (const point of row.Data[row.Data.length - 1].TimeSeriesValue ?? []) {
        latest = Math.max(latest, Date.parse(`${(point.Time as string).slice(0, 19).replace(' ', 'T')}Z`));
        records.push({ measure_name: 'gc_reclaimed', ...values, time: point.Time, 'measure_value::double': plain(point.Value ?? {}) });
      }
    }
    const columns: CatalogColumn[] = [
      ...dims.filter((d) => d !== 'measure_name').map((name): CatalogColumn => ({ name, type: 'VARCHAR', kind: 'DIMENSION' })),
      { name: 'measure_name', type: 'VARCHAR', kind: 'MEASURE_NAME' }, { name: 'time', type: 'TIMESTAMP', kind: 'TIMESTAMP' },
      { name: 'measure_value::double', type: 'DOUBLE', kind: 'SINGLE_MEASURE_VALUE' },
    ];
    await storage.addTable('grafanaDB', 'DevOps', columns, records);
    const service = new QueryService(storage);
    const response = await service.query({ QueryString: query('"grafanaDB"."DevOps"') }, new Date(latest + 60_000));
    expect(response.ColumnInfo).toEqual(expected.ColumnInfo);
    const sorted = file === 'some-timeseries' ? (rows: Array<{ Data?: unknown[] }>) => rows.map((r) => JSON.stringify(r.Data)) : asMultiset;
    expect(sorted(response.Rows ?? [])).toEqual(sorted(expected.Rows));
  });

  it('time-series-with-null-data-points.json: a series over no data is NullValue', async () => {
    const expected = captured('time-series-with-null-data-points');
    await storage.addTable('grafanaDB', 'DevOps', [
      { name: 'hostname', type: 'VARCHAR', kind: 'DIMENSION' }, { name: 'measure_name', type: 'VARCHAR', kind: 'MEASURE_NAME' },
      { name: 'time', type: 'TIMESTAMP', kind: 'TIMESTAMP' }, { name: 'measure_value::double', type: 'DOUBLE', kind: 'SINGLE_MEASURE_VALUE' },
    ], []);
    const { first } = await queryAll(new QueryService(storage), `WITH binned AS (
        SELECT BIN(time, 10000ms) AS binned_time, avg(measure_value::double) AS avg_value FROM grafanaDB.DevOps
        WHERE measure_name = 'cpu_user' AND time > ago(1h) GROUP BY BIN(time, 10000ms))
      SELECT INTERPOLATE_LINEAR(CREATE_TIME_SERIES(binned_time, avg_value), SEQUENCE(min(binned_time), max(binned_time), 10s)) AS interpolatedValue FROM binned`);
    expect(first.ColumnInfo).toEqual(expected.ColumnInfo);
    expect(first.Rows).toEqual(expected.Rows);
    expect(first.QueryStatus).toEqual(expected.QueryStatus);
  });
});
