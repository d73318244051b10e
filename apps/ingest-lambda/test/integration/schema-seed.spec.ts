import { CreateTableCommand, WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { CreateScheduledQueryCommand, ListScheduledQueriesCommand } from '@aws-sdk/client-timestream-query';
import { rollupList, rollupScheduledQueries, rollupSeedRequests, rollupSettings, SCHEMA_SEED, SCHEMA_SEED_EVENT } from '@iot-timeseries/schema';
import { startLocalStack, type LocalStack } from '../support/local-stack';

jest.setTimeout(60_000);

describe('the schema seed event, through the built bundle', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack();
  });
  afterAll(() => stack?.close());

  const create = (q: ReturnType<typeof rollupScheduledQueries>[number]) =>
    stack.query.send(
      new CreateScheduledQueryCommand({
        Name: q.name,
        QueryString: q.queryString,
        ScheduleConfiguration: { ScheduleExpression: q.scheduleExpression },
        NotificationConfiguration: { SnsConfiguration: { TopicArn: 'arn:aws:sns:us-east-1:000000000000:rollups' } },
        TargetConfiguration: { TimestreamConfiguration: q.target },
        ScheduledQueryExecutionRoleArn: 'arn:aws:iam::000000000000:role/rollups',
        ErrorReportConfiguration: { S3Configuration: { BucketName: 'rollup-errors', ObjectKeyPrefix: q.errorReportKeyPrefix } },
      }),
    );

  it('gives a fresh table every column the rollups read, so their scheduled queries can be created', async () => {
    // the rollup tables live in the readings' database
    for (const rollup of rollupList()) await stack.write.send(new CreateTableCommand({ DatabaseName: rollupSettings.databaseName, TableName: rollup.table.tableName }));
    const [first] = rollupScheduledQueries({ environment: 'test' });
    await expect(create(first)).rejects.toThrow(/Column '.+' does not exist/); // as on AWS: a fresh table has no columns

    expect(await stack.lambda.invoke(SCHEMA_SEED_EVENT)).toEqual({ result: { seeded: { measureName: SCHEMA_SEED.measureName, time: expect.any(String) } } });
    const queries = rollupScheduledQueries({ environment: 'test' });
    for (const q of queries.filter((d) => d.rollup.kind !== 'baseline')) await create(q);
    // the baseline pools the hourly rollup's table: it waits for that table's columns (infra's rollup-seed function writes them first)
    const baseline = queries.find((d) => d.rollup.kind === 'baseline') as (typeof queries)[number];
    await expect(create(baseline)).rejects.toThrow(/Column '.+' does not exist|cannot be resolved/);
    for (const request of rollupSeedRequests(Date.now())) await stack.write.send(new WriteRecordsCommand(request));
    await create(baseline);
    const listed = await stack.query.send(new ListScheduledQueriesCommand({}));
    expect(listed.ScheduledQueries?.map((s) => s.Name).sort()).toEqual(rollupScheduledQueries({ environment: 'test' }).map((q) => q.name).sort());
    // the seed is no reading: the analytics' measure name does not match it
    expect(await stack.rows(`SELECT count(*) AS n FROM "${stack.databaseName}"."${stack.tableName}" WHERE measure_name = 'sensor_reading'`)).toEqual([{ n: '0' }]);
  });
});
