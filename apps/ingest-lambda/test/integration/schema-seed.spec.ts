import { CreateTableCommand } from '@aws-sdk/client-timestream-write';
import { CreateScheduledQueryCommand, ListScheduledQueriesCommand } from '@aws-sdk/client-timestream-query';
import { rollupList, rollupScheduledQueries, rollupSettings, SCHEMA_SEED, SCHEMA_SEED_EVENT } from '@iot-timeseries/schema';
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
    for (const q of rollupScheduledQueries({ environment: 'test' })) await create(q);
    const listed = await stack.query.send(new ListScheduledQueriesCommand({}));
    expect(listed.ScheduledQueries?.map((s) => s.Name).sort()).toEqual(rollupScheduledQueries({ environment: 'test' }).map((q) => q.name).sort());
    // the seed is no reading: the analytics' measure name does not match it
    expect(await stack.rows(`SELECT count(*) AS n FROM "${stack.databaseName}"."${stack.tableName}" WHERE measure_name = 'sensor_reading'`)).toEqual([{ n: '0' }]);
  });
});
