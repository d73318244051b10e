import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateScheduledQueryCommand,
  DeleteScheduledQueryCommand,
  DescribeScheduledQueryCommand,
  ExecuteScheduledQueryCommand,
  ListTagsForResourceCommand,
  paginateListScheduledQueries,
  paginateListTagsForResource,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateScheduledQueryCommand,
  type TimestreamQueryClient,
} from '@aws-sdk/client-timestream-query';
import { CreateTableCommand } from '@aws-sdk/client-timestream-write';
import { errorOf } from '../write/harness';
import { create, describe as describeQuery, messages, ROLE, rollupRequest, startSeeded, TOPIC, type SchedulerFixture } from './fixture';

describe('scheduled-query operations through the SDK', () => {
  let f: SchedulerFixture;
  let client: TimestreamQueryClient;
  beforeEach(async () => {
    f = await startSeeded();
    client = f.ts.queryClient();
  });
  afterEach(() => f.close());

  it('CreateScheduledQuery answers a scheduled-query ARN; DescribeScheduledQuery gives back what was defined', async () => {
    const request = rollupRequest({ KmsKeyId: 'alias/sq', Tags: [{ Key: 'team', Value: 'iot' }] });
    const { Arn } = await client.send(new CreateScheduledQueryCommand(request));
    expect(Arn).toMatch(/^arn:aws:timestream:us-east-1:000000000000:scheduled-query\/rollup-5m-[0-9a-f]{12}$/);
    const sq = await describeQuery(f, Arn as string);
    expect(sq).toEqual({
      Arn,
      Name: 'rollup-5m',
      QueryString: request.QueryString,
      CreationTime: new Date('2026-03-01T12:00:30Z'),
      State: 'ENABLED',
      NextInvocationTime: new Date('2026-03-01T12:05:00Z'),
      ScheduleConfiguration: { ScheduleExpression: 'rate(5 minutes)' },
      NotificationConfiguration: { SnsConfiguration: { TopicArn: TOPIC } },
      TargetConfiguration: request.TargetConfiguration,
      ScheduledQueryExecutionRoleArn: ROLE,
      KmsKeyId: 'alias/sq',
      ErrorReportConfiguration: { S3Configuration: { BucketName: 'sq-errors', ObjectKeyPrefix: 'reports', EncryptionOption: 'SSE_S3' } },
      RecentlyFailedRuns: [],
    });
    expect(messages(f)).toEqual([
      { type: 'SCHEDULED_QUERY_CREATING', arn: Arn },
      { type: 'SCHEDULED_QUERY_CREATED', arn: Arn },
    ]);
  });

  it('a name is used once (ConflictException); the same ClientToken within 8 hours answers the first ARN', async () => {
    const token = 'a'.repeat(40);
    const first = await client.send(new CreateScheduledQueryCommand(rollupRequest({ ClientToken: token })));
    const retry = await client.send(new CreateScheduledQueryCommand(rollupRequest({ ClientToken: token })));
    expect(retry.Arn).toBe(first.Arn);
    const conflict = await errorOf(client.send(new CreateScheduledQueryCommand(rollupRequest())));
    expect(conflict.name).toBe('ConflictException');
    expect(conflict.message).toBe('A scheduled query with the name rollup-5m already exists.');
    const reused = await errorOf(client.send(new CreateScheduledQueryCommand(rollupRequest({ Name: 'other', ClientToken: token }))));
    expect(reused.name).toBe('ValidationException');
    expect(reused.message).toMatch(/ClientToken was already used/);
    await f.clock.advance(8 * 3_600_000);
    const later = await errorOf(client.send(new CreateScheduledQueryCommand(rollupRequest({ ClientToken: token }))));
    expect(later.name).toBe('ConflictException');
  });

  it.each([
    [{ Name: 'x' }, "Value 'x' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9|!\\-_*'\\(\\)]([a-zA-Z0-9]|[!\\-_*'\\(\\)\\/.])+"],
    [{ Name: 'a'.repeat(65) }, "at 'name' failed to satisfy constraint: Member must have length less than or equal to 64"],
    [{ ScheduledQueryExecutionRoleArn: undefined }, "Value null at 'scheduledQueryExecutionRoleArn' failed to satisfy constraint: Member must not be null"],
    [{ ErrorReportConfiguration: { S3Configuration: { BucketName: 'Bad_Bucket' } } }, "Value 'Bad_Bucket' at 'errorReportConfiguration.s3Configuration.bucketName' failed to satisfy constraint: Member must satisfy regular expression pattern"],
    [{ ClientToken: 'short' }, "at 'clientToken' failed to satisfy constraint: Member must have length greater than or equal to 32"],
    [{ ScheduleConfiguration: { ScheduleExpression: 'rate(30 seconds)' } }, 'Invalid ScheduleConfiguration.ScheduleExpression "rate(30 seconds)": a rate expression is rate(<value> <unit>)'],
    [{ ScheduleConfiguration: { ScheduleExpression: 'cron(0 8 * * * *)' } }, 'exactly one of Day-of-month and Day-of-week must be ?'],
  ])('refuses %j naming the member', async (overrides, message) => {
    const error = await errorOf(client.send(new CreateScheduledQueryCommand(rollupRequest(overrides))));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain(message);
  });

  it('checks the target mapping: its own rules, then against the query result columns', async () => {
    const target = rollupRequest().TargetConfiguration?.TimestreamConfiguration;
    const withTarget = (t: object) => rollupRequest({ TargetConfiguration: { TimestreamConfiguration: { ...target, ...t } as never } });
    const cases: Array<[object, string]> = [
      [{ MultiMeasureMappings: { MultiMeasureAttributeMappings: target?.MultiMeasureMappings?.MultiMeasureAttributeMappings } }, 'MultiMeasureMappings.TargetMultiMeasureName is required when MeasureNameColumn is not given'],
      [{ MixedMeasureMappings: [{ SourceColumn: 'readings', MeasureValueType: 'BIGINT' }] }, 'exactly one of MultiMeasureMappings and MixedMeasureMappings must be given'],
      [{ TimeColumn: 'max_humidity' }, 'column max_humidity of the query result is DOUBLE; TimeColumn needs TIMESTAMP'],
      [{ TimeColumn: 'device_id' }, 'the time column device_id cannot also be a dimension'],
      [{ DimensionMappings: [{ Name: 'readings', DimensionValueType: 'VARCHAR' }] }, 'column readings of the query result is BIGINT; a dimension needs VARCHAR'],
      [{ DimensionMappings: [{ Name: 'site', DimensionValueType: 'VARCHAR' }] }, 'the query result has no column site (mapped as a dimension)'],
      [{ TableName: 'nope' }, 'The target table rollups.nope does not exist.'],
    ];
    for (const [t, message] of cases) {
      const error = await errorOf(client.send(new CreateScheduledQueryCommand(withTarget(t))));
      expect([error.name, error.message]).toEqual(['ValidationException', expect.stringContaining(message)]);
    }
  });

  it('refuses a query over columns no record has written yet, as the service does on a fresh table', async () => {
    await f.ts.writeClient().send(new CreateTableCommand({ DatabaseName: 'iot', TableName: 'fresh' }));
    const error = await errorOf(client.send(new CreateScheduledQueryCommand(rollupRequest({ QueryString: 'SELECT device_id, bin(time, 5m) AS bin_time, avg(temperature) AS avg_temperature, max(humidity) AS max_humidity, count(*) AS readings FROM iot.fresh GROUP BY device_id, bin(time, 5m)' }))));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe("line 1:8: Column 'device_id' does not exist");
  });

  it('ListScheduledQueries pages by name with MaxResults and NextToken', async () => {
    for (const name of ['e', 'c', 'a', 'd', 'b'].map((n) => `sq-${n}`)) await create(f, { Name: name });
    const pages = [];
    for await (const page of paginateListScheduledQueries({ client, pageSize: 2 }, {})) pages.push(page.ScheduledQueries ?? []);
    expect(pages.map((p) => p.map((q) => q.Name))).toEqual([['sq-a', 'sq-b'], ['sq-c', 'sq-d'], ['sq-e']]);
    expect(pages[0][0]).toEqual({
      Arn: expect.stringMatching(/:scheduled-query\/sq-a-/),
      Name: 'sq-a',
      CreationTime: new Date('2026-03-01T12:00:30Z'),
      State: 'ENABLED',
      NextInvocationTime: new Date('2026-03-01T12:05:00Z'),
      ErrorReportConfiguration: { S3Configuration: { BucketName: 'sq-errors', ObjectKeyPrefix: 'reports', EncryptionOption: 'SSE_S3' } },
      TargetDestination: { TimestreamDestination: { DatabaseName: 'rollups', TableName: 'readings_5m' } },
    });
    await f.clock.advanceTo('2026-03-01T12:05:00Z');
    for await (const page of paginateListScheduledQueries({ client }, {})) expect(page.ScheduledQueries?.map((q) => q.LastRunStatus)).toEqual(Array(5).fill('AUTO_TRIGGER_SUCCESS'));
  });

  it('unknown ARNs: ResourceNotFoundException with ScheduledQueryArn; UpdateScheduledQuery takes only ENABLED or DISABLED', async () => {
    const missing = 'arn:aws:timestream:us-east-1:000000000000:scheduled-query/none-000000000000';
    for (const command of [
      new DescribeScheduledQueryCommand({ ScheduledQueryArn: missing }),
      new UpdateScheduledQueryCommand({ ScheduledQueryArn: missing, State: 'DISABLED' }),
      new DeleteScheduledQueryCommand({ ScheduledQueryArn: missing }),
      new ExecuteScheduledQueryCommand({ ScheduledQueryArn: missing, InvocationTime: new Date() }),
    ]) {
      const error = await errorOf(client.send(command as never));
      expect([error.name, error.message, error.ScheduledQueryArn]).toEqual(['ResourceNotFoundException', `The scheduled query ${missing} does not exist.`, missing]);
    }
    const arn = await create(f);
    const bad = await errorOf(client.send(new UpdateScheduledQueryCommand({ ScheduledQueryArn: arn, State: 'PAUSED' as never })));
    expect(bad.message).toBe("1 validation error detected: Value 'PAUSED' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]");
    const noTime = await errorOf(client.send(new ExecuteScheduledQueryCommand({ ScheduledQueryArn: arn } as never)));
    expect(noTime.message).toContain("Value null at 'invocationTime' failed to satisfy constraint: Member must not be null");
  });

  it('DeleteScheduledQuery removes it for good (and its tags), with a SCHEDULED_QUERY_DELETED notification', async () => {
    const arn = await create(f, { Tags: [{ Key: 'k', Value: 'v' }] });
    await client.send(new DeleteScheduledQueryCommand({ ScheduledQueryArn: arn }));
    expect((await errorOf(client.send(new DescribeScheduledQueryCommand({ ScheduledQueryArn: arn })))).name).toBe('ResourceNotFoundException');
    expect((await errorOf(client.send(new ListTagsForResourceCommand({ ResourceARN: arn })))).name).toBe('ResourceNotFoundException');
    expect(messages(f).at(-1)).toEqual({ type: 'SCHEDULED_QUERY_DELETED', arn });
    await f.clock.advanceTo('2026-03-01T12:10:00Z');
    expect(messages(f).filter((m) => m.type.endsWith('TRIGGER_SUCCESS'))).toEqual([]);
  });

  it('TagResource, UntagResource and ListTagsForResource (paged) work on scheduled-query ARNs', async () => {
    const arn = await create(f, { Tags: [{ Key: 'team', Value: 'iot' }] });
    await client.send(new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'env', Value: 'local' }, { Key: 'team', Value: 'platform' }, { Key: 'cost', Value: 'x' }] }));
    await client.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: ['cost'] }));
    expect((await client.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags).toEqual([{ Key: 'team', Value: 'platform' }, { Key: 'env', Value: 'local' }]);
    const pages = [];
    for await (const page of paginateListTagsForResource({ client, pageSize: 1 }, { ResourceARN: arn })) pages.push(page.Tags);
    expect(pages).toEqual([[{ Key: 'env', Value: 'local' }], [{ Key: 'team', Value: 'platform' }]]);
  });

  it('notifications go to <dataDir>/sns/notifications.jsonl and GET /_local/scheduled-query-notifications, as SNS delivers them', async () => {
    const arn = await create(f);
    await create(f, { Name: 'other', NotificationConfiguration: { SnsConfiguration: { TopicArn: 'arn:aws:sns:us-east-1:000000000000:other' } } });
    await f.clock.advanceTo('2026-03-01T12:05:00Z');
    const response = await fetch(`${f.ts.endpoint}/_local/scheduled-query-notifications?topicArn=${encodeURIComponent(TOPIC)}`);
    expect(response.status).toBe(200);
    const { Notifications } = (await response.json()) as { Notifications: Array<Record<string, unknown>> };
    expect(Notifications.map((n) => (n.MessageAttributes as { notificationType: { Value: string } }).notificationType.Value)).toEqual(['SCHEDULED_QUERY_CREATING', 'SCHEDULED_QUERY_CREATED', 'AUTO_TRIGGER_SUCCESS']);
    expect(Notifications[2]).toEqual({
      Type: 'Notification',
      MessageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      TopicArn: TOPIC,
      Message: expect.any(String),
      Timestamp: '2026-03-01T12:05:00.000Z',
      MessageAttributes: { notificationType: { Type: 'String', Value: 'AUTO_TRIGGER_SUCCESS' }, queryArn: { Type: 'String', Value: arn } },
    });
    expect(JSON.parse(Notifications[2].Message as string)).toEqual({
      type: 'AUTO_TRIGGER_SUCCESS',
      arn,
      nextInvocationEpochSecond: Date.parse('2026-03-01T12:10:00Z') / 1000,
      scheduledQueryRunSummary: {
        invocationEpochSecond: Date.parse('2026-03-01T12:05:00Z') / 1000,
        triggerTimeMillis: Date.parse('2026-03-01T12:05:00Z'),
        runStatus: 'AUTO_TRIGGER_SUCCESS',
        executionStats: expect.objectContaining({ recordsIngested: 6, queryResultRows: 6 }),
      },
    });
    const lines = readFileSync(path.join(f.dataDir, 'sns', 'notifications.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(6);
    expect(lines.filter((n) => n.TopicArn === TOPIC)).toEqual(Notifications);
  });
});
