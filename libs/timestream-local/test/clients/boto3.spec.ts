import { runBoto3 } from './client-process';
import { startClientServer, uniqueName, type ClientServer } from './client-server';
import { pythonSdks } from './installed-clients';

jest.setTimeout(90_000);

/** `2026-12-01 13:14:42.000000000`: how the service writes a TIMESTAMP of epoch milliseconds `ms`. */
const timestampText = (ms: string): string => `${new Date(Number(ms)).toISOString().slice(0, 23).replace('T', ' ')}000000`;

describe.each(pythonSdks().map((sdk) => [sdk.label, sdk] as const))('boto3: %s', (_label, sdk) => {
  let s: ClientServer;
  beforeAll(async () => {
    s = await startClientServer();
  });
  afterAll(() => s.close());

  it("runs the recipe's Lambda steps: create database and table, write_records, query", async () => {
    const db = uniqueName('recipe');
    const answered = await runBoto3<{ databases: string[]; table: Record<string, unknown>; ingested: unknown; columns: string[]; rows: string[][]; writeEndpoint: string }>(
      sdk, 'recipe', s.endpoint, [db, 'sensor_data'],
    );
    expect(answered.databases).toContain(db);
    expect(answered.table).toMatchObject({
      Arn: `arn:aws:timestream:us-east-1:000000000000:database/${db}/table/sensor_data`,
      TableStatus: 'ACTIVE',
      RetentionProperties: { MemoryStoreRetentionPeriodInHours: 24, MagneticStoreRetentionPeriodInDays: 365 },
    });
    expect(answered.ingested).toEqual({ Total: 3, MemoryStore: 3, MagneticStore: 0 });
    expect(answered.columns).toEqual(['device_id', 'location', 'measure_name', 'measure_value::double']);
    expect(answered.rows).toEqual([
      ['sensor-001', 'factory-floor-1', 'humidity', '51.25'],
      ['sensor-001', 'factory-floor-1', 'pressure', '1013.25'],
      ['sensor-001', 'factory-floor-1', 'temperature', '22.5'],
    ]);
    expect(s.take()).not.toContain('DescribeEndpoints:200'); // endpoint_url= turns discovery off
  });

  it("pages with botocore's Query paginator (NextToken, MaxRows) and a NextToken loop over ListTables", async () => {
    const answered = await runBoto3<{ pageSizes: number[]; values: number[]; columns: unknown; tables: string[]; listTablesCalls: number }>(
      sdk, 'paging', s.endpoint, [uniqueName('paging'), 'readings', '25', '4'],
    );
    expect(answered.pageSizes).toEqual([4, 4, 4, 4, 4, 4, 1]);
    expect(answered.values).toEqual(Array.from({ length: 25 }, (_, n) => 24 - n));
    expect(answered.columns).toEqual([{ Name: 'v', Type: { ScalarType: 'DOUBLE' } }]);
    expect(answered.tables).toEqual(['readings', 'readings_1', 'readings_2', 'readings_3', 'readings_4']);
    expect(answered.listTablesCalls).toBe(3);
    expect(s.take().filter((call) => call === 'Query:200')).toHaveLength(7);
  });

  it('decodes TIMESERIES (CREATE_TIME_SERIES) and ARRAY results, nested arrays included', async () => {
    const answered = await runBoto3<{ recordTimes: string[]; series: unknown; arrays: unknown }>(sdk, 'decoding', s.endpoint, [uniqueName('decoding'), 'readings']);
    const [t0, t1, t2] = answered.recordTimes.map(timestampText);
    expect(answered.series).toEqual({
      ColumnInfo: [
        { Name: 'device_id', Type: { ScalarType: 'VARCHAR' } },
        { Name: 'temperature', Type: { TimeSeriesMeasureValueColumnInfo: { Type: { ScalarType: 'DOUBLE' } } } },
      ],
      Rows: [
        {
          Data: [
            { ScalarValue: 'd1' },
            {
              TimeSeriesValue: [
                { Time: t0, Value: { ScalarValue: '20.5' } },
                { Time: t1, Value: { ScalarValue: '21.0' } },
                { Time: t2, Value: { ScalarValue: '22.25' } },
              ],
            },
          ],
        },
      ],
    });
    const scalars = (...values: string[]) => ({ ArrayValue: values.map((ScalarValue) => ({ ScalarValue })) });
    expect(answered.arrays).toEqual({
      ColumnInfo: [
        { Name: 'numbers', Type: { ArrayColumnInfo: { Type: { ScalarType: 'INTEGER' } } } },
        { Name: 'letters', Type: { ArrayColumnInfo: { Type: { ScalarType: 'VARCHAR' } } } },
        { Name: 'nested', Type: { ArrayColumnInfo: { Type: { ArrayColumnInfo: { Type: { ScalarType: 'INTEGER' } } } } } },
      ],
      Rows: [{ Data: [scalars('1', '2', '3'), scalars('a', 'b'), { ArrayValue: [scalars('1'), scalars('2', '3')] }] }],
    });
  });

  it('raises RejectedRecordsException with each rejected record, ExistingVersion for version conflicts, and stores the valid one', async () => {
    const answered = await runBoto3<{ error: { code: string; status: number; rejected: Array<Record<string, unknown>> }; rows: string[][] }>(
      sdk, 'rejected', s.endpoint, [uniqueName('rejected'), 'readings'],
    );
    expect(answered.error.code).toBe('RejectedRecordsException');
    expect(answered.error.status).toBe(419);
    expect(answered.error.rejected).toEqual([
      {
        RecordIndex: 1,
        Reason:
          'A record already exists with the same time, dimensions, measure name, and record version. A higher record version must be specified in order to update the measure value. Specifying record version is supported by the latest SDKs.',
        ExistingVersion: 3,
      },
      { RecordIndex: 2, Reason: 'The record version 2 is lower than the existing version 7. A higher version is required to update the measure value.', ExistingVersion: 7 },
      { RecordIndex: 3, Reason: expect.stringMatching(/^The record timestamp is outside the time range \[.+\) of the memory store\.$/) },
    ]);
    expect(answered.rows).toEqual([
      ['d1', '21.5'],
      ['d2', '19.0'],
      ['d3', '18.0'],
    ]);
  });
});
