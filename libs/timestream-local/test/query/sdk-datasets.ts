import { QueryCommand, type Datum, type QueryResponse } from '@aws-sdk/client-timestream-query';
import { CreateDatabaseCommand, CreateTableCommand, type _Record } from '@aws-sdk/client-timestream-write';
import { DB, NOW, TABLE, readings, scalar } from './fixture';
import { hostRecords, truckRecords } from './sample-data';
import { startSdkFixture, writeAll, type SdkFixture } from './sdk-fixture';

/** Runs a query to the end through the SDK, like fixture.queryAll does through the QueryService. */
export type SdkRunner = (sql: string, maxRows?: number) => Promise<{ first: QueryResponse; rows: Datum[][] }>;

export function sdkRunner(fx: SdkFixture): SdkRunner {
  return async (sql, maxRows) => {
    let page: QueryResponse = await fx.query.send(new QueryCommand({ QueryString: sql, MaxRows: maxRows }));
    const first = page;
    const rows = (page.Rows ?? []).map((r) => r.Data ?? []);
    for (let i = 0; page.NextToken && i < 1000; i++) {
      page = await fx.query.send(new QueryCommand({ QueryString: sql, MaxRows: maxRows, NextToken: page.NextToken }));
      rows.push(...(page.Rows ?? []).map((r) => r.Data ?? []));
    }
    return { first, rows };
  };
}

async function createTable(fx: SdkFixture, db: string, table: string): Promise<void> {
  await fx.write.send(new CreateDatabaseCommand({ DatabaseName: db })).catch((error: { name?: string }) => {
    if (error.name !== 'ConflictException') throw error;
  });
  await fx.write.send(new CreateTableCommand({
    DatabaseName: db, TableName: table, RetentionProperties: { MemoryStoreRetentionPeriodInHours: 72, MagneticStoreRetentionPeriodInDays: 30 },
  }));
}

/** A server whose clock stands at NOW, holding the sensor readings of fixture.ts as MULTI records. */
export async function startSensorServer(): Promise<SdkFixture> {
  const fx = await startSdkFixture({ now: () => NOW });
  await createTable(fx, DB, TABLE);
  const records = readings().map((r): _Record => ({
    Dimensions: [{ Name: 'device_id', Value: r.device_id }, { Name: 'location', Value: r.location }],
    MeasureName: r.measure_name,
    MeasureValueType: 'MULTI',
    MeasureValues: [
      { Name: 'temperature', Value: String(r.temperature), Type: 'DOUBLE' },
      ...(r.humidity === null ? [] : [{ Name: 'humidity', Value: String(r.humidity), Type: 'DOUBLE' as const }]),
    ],
    Time: String(r.time),
  }));
  await writeAll(fx, DB, TABLE, records);
  return fx;
}

/** The documentation's sample tables (sampleDB.IoT and sampleDB.DevOps) as single-measure records. */
export async function addSampleTablesThroughSdk(fx: SdkFixture): Promise<void> {
  await createTable(fx, 'sampleDB', 'IoT');
  await writeAll(fx, 'sampleDB', 'IoT', truckRecords().map((r): _Record => ({
    Dimensions: ['truck_id', 'fleet', 'fuel_capacity', 'model', 'load_capacity', 'make'].map((name) => ({ Name: name, Value: r[name as 'fleet'] })),
    MeasureName: r.measure_name,
    MeasureValueType: r['measure_value::double'] === null ? 'VARCHAR' : 'DOUBLE',
    MeasureValue: String(r['measure_value::double'] ?? r['measure_value::varchar']),
    Time: String(r.time),
  })));
  await createTable(fx, 'sampleDB', 'DevOps');
  await writeAll(fx, 'sampleDB', 'DevOps', hostRecords().map((r): _Record => ({
    Dimensions: ['region', 'az', 'hostname'].map((name) => ({ Name: name, Value: r[name as 'az'] })),
    MeasureName: r.measure_name,
    MeasureValueType: 'DOUBLE',
    MeasureValue: String(r['measure_value::double']),
    Time: String(r.time),
  })));
}

/** A sensor server for one spec file: started before its tests, closed after them. */
export interface SensorServer {
  readonly fx: SdkFixture;
  /** a query to the end, through the SDK */
  run: SdkRunner;
  /** how the server answers a query that must be refused: the error's name and message */
  refusal(sql: string): Promise<{ name: string; message: string }>;
  /** the first row of a query's answer: its columns' scalar types and its scalar values (undefined for NULL) */
  firstRow(sql: string): Promise<{ types: Array<string | undefined>; values: Array<string | undefined> }>;
  /** one test per [expression, scalar type, value]: `SELECT expression` answers one column of that type and value */
  answers(cases: Array<[string, string, string | undefined]>): void;
  /** one test per [query, message]: the query is refused with a ValidationException of that message */
  refuses(cases: Array<[string, string]>): void;
}

export function useSensorServer(): SensorServer {
  let started: SdkFixture | undefined;
  beforeAll(async () => {
    started = await startSensorServer();
  }, 30_000);
  afterAll(async () => started?.close());
  const fixture = (): SdkFixture => {
    if (!started) throw new Error('the sensor server starts in beforeAll');
    return started;
  };
  const refusal = async (sql: string): Promise<{ name: string; message: string }> => {
    try {
      await fixture().query.send(new QueryCommand({ QueryString: sql }));
    } catch (error) {
      return { name: (error as Error).name, message: (error as Error).message };
    }
    throw new Error(`expected ${sql} to be refused`);
  };
  return {
    get fx() {
      return fixture();
    },
    run: (sql, maxRows) => sdkRunner(fixture())(sql, maxRows),
    refusal,
    firstRow: async (sql) => {
      const { first, rows } = await sdkRunner(fixture())(sql);
      return { types: first.ColumnInfo?.map((c) => c.Type?.ScalarType) ?? [], values: rows[0].map((d) => (d.NullValue ? undefined : d.ScalarValue)) };
    },
    answers: (cases) => {
      it.each(cases)('SELECT %s answers %s %s', async (expr, type, value) => {
        const { first, rows } = await sdkRunner(fixture())(`SELECT ${expr}`);
        expect({ type: first.ColumnInfo?.[0].Type?.ScalarType, value: scalar(rows[0][0]) }).toEqual({ type, value });
      });
    },
    refuses: (cases) => {
      it.each(cases)('%s is refused: %s', async (sql, message) => {
        expect(await refusal(sql)).toEqual({ name: 'ValidationException', message });
      });
    },
  };
}
