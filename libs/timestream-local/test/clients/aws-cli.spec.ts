import { runAws, type CliRun } from './client-process';
import { startClientServer, uniqueName, type ClientServer } from './client-server';
import { awsClis, type AwsCli } from './installed-clients';

jest.setTimeout(300_000);

/** Whether a run succeeded, with what it printed when not (so a failure shows the CLI's own message). */
const ok = (run: CliRun) => expect([run.status, run.stderr]).toEqual([0, '']);

describe.each(awsClis().map((cli) => [cli.label, cli] as const))('AWS CLI: %s', (_label, cli: AwsCli) => {
  let s: ClientServer;
  /**
   * The recipe's commands run unchanged: the server is named by AWS_ENDPOINT_URL where this CLI reads it (then it
   * discovers), by --endpoint-url where it predates it.
   */
  const aws = (...args: string[]) => runAws(cli, args, cli.readsEndpointUrlEnv ? { env: { AWS_ENDPOINT_URL: s.endpoint } } : { endpoint: s.endpoint });
  beforeAll(async () => {
    s = await startClientServer();
  });
  afterAll(() => s.close());

  it("runs the recipe's commands: create-database, describe-database, create-table, describe-table, write-records, list, query, update-table", async () => {
    const db = uniqueName('iot_timeseries');
    const table = 'sensor_data';
    ok(await aws('timestream-write', 'create-database', '--database-name', db, '--tags', 'Key=Project,Value=IoTTimeSeries', 'Key=Environment,Value=Production'));
    const databaseArn = await aws('timestream-write', 'describe-database', '--database-name', db, '--query', 'Database.Arn', '--output', 'text');
    expect(databaseArn.stdout.trim()).toBe(`arn:aws:timestream:us-east-1:000000000000:database/${db}`);
    ok(
      await aws('timestream-write', 'create-table', '--database-name', db, '--table-name', table,
        '--retention-properties', '{ "MemoryStoreRetentionPeriodInHours": 24, "MagneticStoreRetentionPeriodInDays": 365 }',
        '--magnetic-store-write-properties', '{ "EnableMagneticStoreWrites": true }'),
    );
    const tableArn = await aws('timestream-write', 'describe-table', '--database-name', db, '--table-name', table, '--query', 'Table.Arn', '--output', 'text');
    expect(tableArn.stdout.trim()).toBe(`${databaseArn.stdout.trim()}/table/${table}`);
    const tags = await aws('timestream-write', 'list-tags-for-resource', '--resource-arn', databaseArn.stdout.trim());
    expect(tags.json.Tags).toEqual([{ Key: 'Project', Value: 'IoTTimeSeries' }, { Key: 'Environment', Value: 'Production' }]);

    const now = Date.now();
    const written = await aws('timestream-write', 'write-records', '--database-name', db, '--table-name', table,
      '--common-attributes', JSON.stringify({ Dimensions: [{ Name: 'device_id', Value: 'sensor-001' }, { Name: 'location', Value: 'factory-floor-1' }], MeasureValueType: 'DOUBLE', TimeUnit: 'MILLISECONDS' }),
      '--records', JSON.stringify([
        { MeasureName: 'temperature', MeasureValue: '22.5', Time: String(now - 2_000) },
        { MeasureName: 'humidity', MeasureValue: '51.25', Time: String(now - 1_000) },
      ]));
    ok(written);
    expect(written.json.RecordsIngested).toEqual({ Total: 2, MemoryStore: 2, MagneticStore: 0 });

    expect((await aws('timestream-write', 'list-databases')).json.Databases).toEqual(expect.arrayContaining([expect.objectContaining({ DatabaseName: db, TableCount: 1 })]));
    expect((await aws('timestream-write', 'list-tables', '--database-name', db)).json.Tables).toEqual([
      expect.objectContaining({ TableName: table, TableStatus: 'ACTIVE', MagneticStoreWriteProperties: { EnableMagneticStoreWrites: true } }),
    ]);
    const query = await aws('timestream-query', 'query', '--query-string',
      `SELECT device_id, location, measure_name, measure_value::double, time FROM "${db}"."${table}" WHERE time >= ago(1h) ORDER BY time DESC LIMIT 10`);
    ok(query);
    expect((query.json.ColumnInfo as Array<{ Name: string }>).map((c) => c.Name)).toEqual(['device_id', 'location', 'measure_name', 'measure_value::double', 'time']);
    expect((query.json.Rows as Array<{ Data: Array<{ ScalarValue: string }> }>).map((r) => r.Data.slice(0, 4).map((d) => d.ScalarValue))).toEqual([
      ['sensor-001', 'factory-floor-1', 'humidity', '51.25'],
      ['sensor-001', 'factory-floor-1', 'temperature', '22.5'],
    ]);

    ok(
      await aws('timestream-write', 'update-table', '--database-name', db, '--table-name', table,
        '--retention-properties', '{ "MemoryStoreRetentionPeriodInHours": 12, "MagneticStoreRetentionPeriodInDays": 1095 }',
        '--magnetic-store-write-properties', JSON.stringify({ EnableMagneticStoreWrites: true, MagneticStoreRejectedDataLocation: { S3Configuration: { BucketName: 'timestream-rejected-data-local', ObjectKeyPrefix: 'rejected-records/' } } })),
    );
    const described = await aws('timestream-write', 'describe-table', '--database-name', db, '--table-name', table);
    expect(described.json.Table).toMatchObject({
      RetentionProperties: { MemoryStoreRetentionPeriodInHours: 12, MagneticStoreRetentionPeriodInDays: 1095 },
      MagneticStoreWriteProperties: { EnableMagneticStoreWrites: true, MagneticStoreRejectedDataLocation: { S3Configuration: { BucketName: 'timestream-rejected-data-local', ObjectKeyPrefix: 'rejected-records/' } } },
    });
  });

  it('pages a query by itself (--page-size: one Query call per page) and by --max-items / --starting-token', async () => {
    const db = uniqueName('cli_paging');
    ok(await aws('timestream-write', 'create-database', '--database-name', db));
    ok(await aws('timestream-write', 'create-table', '--database-name', db, '--table-name', 'readings'));
    const now = Date.now();
    const records = Array.from({ length: 11 }, (_, n) => ({ Dimensions: [{ Name: 'device_id', Value: 'd1' }], MeasureName: 'temperature', MeasureValue: String(n), Time: String(now - 1_000 * n) }));
    ok(await aws('timestream-write', 'write-records', '--database-name', db, '--table-name', 'readings', '--records', JSON.stringify(records)));
    const sql = `SELECT measure_value::double FROM "${db}"."readings" ORDER BY time`;
    const values = (run: CliRun) => (run.json.Rows as Array<{ Data: Array<{ ScalarValue: string }> }>).map((r) => Number(r.Data[0].ScalarValue));
    s.take();

    const all = await aws('timestream-query', 'query', '--query-string', sql, '--page-size', '3');
    ok(all);
    expect(values(all)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(all.json.NextToken).toBeUndefined();
    expect(s.take().filter((call) => call === 'Query:200')).toHaveLength(4);

    const first = await aws('timestream-query', 'query', '--query-string', sql, '--page-size', '3', '--max-items', '5');
    expect(values(first)).toEqual([10, 9, 8, 7, 6]);
    expect(typeof first.json.NextToken).toBe('string');
    const rest = await aws('timestream-query', 'query', '--query-string', sql, '--page-size', '3', '--starting-token', String(first.json.NextToken));
    expect(values(rest)).toEqual([5, 4, 3, 2, 1, 0]);
  });

  it('reports rejected records (RejectedRecordsException) and fails, storing the valid record of the call', async () => {
    const db = uniqueName('cli_rejected');
    ok(await aws('timestream-write', 'create-database', '--database-name', db));
    ok(await aws('timestream-write', 'create-table', '--database-name', db, '--table-name', 'readings'));
    const at = String(Date.now());
    const record = (device: string, value: string) => ({ Dimensions: [{ Name: 'device_id', Value: device }], MeasureName: 'temperature', MeasureValue: value, Time: at });
    const write = (records: Array<ReturnType<typeof record>>) => aws('timestream-write', 'write-records', '--database-name', db, '--table-name', 'readings', '--records', JSON.stringify(records));
    ok(await write([record('d1', '21.5')]));
    const rejected = await write([record('d2', '19'), record('d1', '22')]);
    expect(rejected.status).not.toBe(0);
    expect(rejected.stderr).toContain('An error occurred (RejectedRecordsException) when calling the WriteRecords operation');
    const rows = await aws('timestream-query', 'query', '--query-string', `SELECT device_id, measure_value::double FROM "${db}"."readings" ORDER BY device_id`);
    expect((rows.json.Rows as Array<{ Data: Array<{ ScalarValue: string }> }>).map((r) => r.Data.map((d) => d.ScalarValue))).toEqual([
      ['d1', '21.5'],
      ['d2', '19.0'],
    ]);
  });
});
