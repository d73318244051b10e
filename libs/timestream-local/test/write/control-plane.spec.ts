import {
  CreateBatchLoadTaskCommand,
  CreateDatabaseCommand,
  CreateTableCommand,
  DeleteDatabaseCommand,
  DeleteTableCommand,
  DescribeDatabaseCommand,
  DescribeEndpointsCommand,
  DescribeTableCommand,
  ListBatchLoadTasksCommand,
  ListDatabasesCommand,
  ListTablesCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateDatabaseCommand,
  UpdateTableCommand,
  paginateListDatabases,
} from '@aws-sdk/client-timestream-write';
import { DescribeEndpointsCommand as QueryDescribeEndpointsCommand, ListTagsForResourceCommand as QueryListTags } from '@aws-sdk/client-timestream-query';
import { errorOf, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ inMemory: true });
});
afterAll(() => h.close());

describe('databases', () => {
  it('creates, describes, updates and deletes a database with real ARNs and epoch-second dates', async () => {
    const before = Date.now();
    const created = await h.write.send(new CreateDatabaseCommand({ DatabaseName: 'cp_db1', Tags: [{ Key: 'team', Value: 'iot' }] }));
    expect(created.Database).toMatchObject({ Arn: 'arn:aws:timestream:us-east-1:000000000000:database/cp_db1', DatabaseName: 'cp_db1', TableCount: 0 });
    expect(created.Database?.KmsKeyId).toMatch(/^arn:aws:kms:us-east-1:000000000000:/);
    expect(created.Database?.CreationTime).toBeInstanceOf(Date);
    expect(created.Database?.CreationTime?.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(created.$metadata.requestId).toMatch(/^[A-Z0-9]+$/);

    const described = await h.write.send(new DescribeDatabaseCommand({ DatabaseName: 'cp_db1' }));
    expect(described.Database?.Arn).toBe(created.Database?.Arn);

    const updated = await h.write.send(new UpdateDatabaseCommand({ DatabaseName: 'cp_db1', KmsKeyId: 'arn:aws:kms:us-east-1:000000000000:key/abc' }));
    expect(updated.Database?.KmsKeyId).toBe('arn:aws:kms:us-east-1:000000000000:key/abc');
    expect((await h.write.send(new DescribeDatabaseCommand({ DatabaseName: 'cp_db1' }))).Database?.KmsKeyId).toBe('arn:aws:kms:us-east-1:000000000000:key/abc');

    await h.write.send(new DeleteDatabaseCommand({ DatabaseName: 'cp_db1' }));
    const gone = await errorOf(h.write.send(new DescribeDatabaseCommand({ DatabaseName: 'cp_db1' })));
    expect(gone.name).toBe('ResourceNotFoundException');
    expect(gone.$metadata.httpStatusCode).toBe(404);
    expect(gone.message).toContain('cp_db1');
  });

  it('answers ConflictException for a duplicate and ValidationException naming the member', async () => {
    await h.write.send(new CreateDatabaseCommand({ DatabaseName: 'cp_dup' }));
    const dup = await errorOf(h.write.send(new CreateDatabaseCommand({ DatabaseName: 'cp_dup' })));
    expect(dup.name).toBe('ConflictException');
    expect(dup.$metadata.httpStatusCode).toBe(409);

    const bad = await errorOf(h.write.send(new CreateDatabaseCommand({ DatabaseName: 'no spaces!' })));
    expect(bad.name).toBe('ValidationException');
    expect(bad.$metadata.httpStatusCode).toBe(400);
    expect(bad.message).toContain("'databaseName'");
    expect(bad.message).toContain('regular expression');

    const short = await errorOf(h.write.send(new CreateDatabaseCommand({ DatabaseName: 'ab' })));
    expect(short.message).toContain('length greater than or equal to 3');
  });

  it('refuses to delete a database that still has tables', async () => {
    await h.write.send(new CreateDatabaseCommand({ DatabaseName: 'cp_full' }));
    await h.write.send(new CreateTableCommand({ DatabaseName: 'cp_full', TableName: 'tbl' }));
    const error = await errorOf(h.write.send(new DeleteDatabaseCommand({ DatabaseName: 'cp_full' })));
    expect(error.name).toBe('ValidationException');
    expect((await h.write.send(new DescribeDatabaseCommand({ DatabaseName: 'cp_full' }))).Database?.TableCount).toBe(1);
  });

  it('pages ListDatabases with MaxResults and NextToken', async () => {
    for (const n of ['pg_a', 'pg_b', 'pg_c', 'pg_d', 'pg_e']) await h.write.send(new CreateDatabaseCommand({ DatabaseName: n }));
    const first = await h.write.send(new ListDatabasesCommand({ MaxResults: 2 }));
    expect(first.Databases).toHaveLength(2);
    expect(first.NextToken).toBeDefined();
    const names: string[] = [];
    for await (const page of paginateListDatabases({ client: h.write, pageSize: 2 }, {})) {
      expect((page.Databases ?? []).length).toBeLessThanOrEqual(2);
      names.push(...(page.Databases ?? []).map((d) => d.DatabaseName as string));
    }
    expect(names.filter((n) => n.startsWith('pg_'))).toEqual(['pg_a', 'pg_b', 'pg_c', 'pg_d', 'pg_e']);
    expect(new Set(names).size).toBe(names.length);

    const badToken = await errorOf(h.write.send(new ListDatabasesCommand({ NextToken: 'not-a-token' })));
    expect(badToken.name).toBe('ValidationException');
    const badMax = await errorOf(h.write.send(new ListDatabasesCommand({ MaxResults: 21 })));
    expect(badMax.message).toContain("'maxResults'");
  });
});

describe('tables', () => {
  beforeAll(() => h.write.send(new CreateDatabaseCommand({ DatabaseName: 'cp_tables' })));

  it('creates a table with defaults and describes it', async () => {
    const created = await h.write.send(new CreateTableCommand({ DatabaseName: 'cp_tables', TableName: 'defaults' }));
    expect(created.Table).toMatchObject({
      Arn: 'arn:aws:timestream:us-east-1:000000000000:database/cp_tables/table/defaults',
      TableStatus: 'ACTIVE',
      RetentionProperties: { MemoryStoreRetentionPeriodInHours: 6, MagneticStoreRetentionPeriodInDays: 73000 },
      MagneticStoreWriteProperties: { EnableMagneticStoreWrites: false },
      Schema: { CompositePartitionKey: [{ Type: 'MEASURE' }] },
    });
    const described = await h.write.send(new DescribeTableCommand({ DatabaseName: 'cp_tables', TableName: 'defaults' }));
    expect(described.Table).toEqual(created.Table);
  });

  it('creates with settings, updates them and keeps what was not changed', async () => {
    await h.write.send(
      new CreateTableCommand({
        DatabaseName: 'cp_tables',
        TableName: 'custom',
        RetentionProperties: { MemoryStoreRetentionPeriodInHours: 24, MagneticStoreRetentionPeriodInDays: 30 },
        MagneticStoreWriteProperties: {
          EnableMagneticStoreWrites: true,
          MagneticStoreRejectedDataLocation: { S3Configuration: { BucketName: 'reject-bucket', ObjectKeyPrefix: 'errors', EncryptionOption: 'SSE_S3' } },
        },
      }),
    );
    const updated = await h.write.send(
      new UpdateTableCommand({ DatabaseName: 'cp_tables', TableName: 'custom', RetentionProperties: { MemoryStoreRetentionPeriodInHours: 12, MagneticStoreRetentionPeriodInDays: 7 } }),
    );
    expect(updated.Table?.RetentionProperties).toEqual({ MemoryStoreRetentionPeriodInHours: 12, MagneticStoreRetentionPeriodInDays: 7 });
    expect(updated.Table?.MagneticStoreWriteProperties?.MagneticStoreRejectedDataLocation?.S3Configuration?.BucketName).toBe('reject-bucket');
    expect(updated.Table?.LastUpdatedTime?.getTime()).toBeGreaterThanOrEqual(updated.Table?.CreationTime?.getTime() ?? Infinity);
    const described = await h.write.send(new DescribeTableCommand({ DatabaseName: 'cp_tables', TableName: 'custom' }));
    expect(described.Table?.RetentionProperties?.MagneticStoreRetentionPeriodInDays).toBe(7);
  });

  it('validates retention bounds and the S3 bucket name', async () => {
    const error = await errorOf(
      h.write.send(new CreateTableCommand({ DatabaseName: 'cp_tables', TableName: 'bad', RetentionProperties: { MemoryStoreRetentionPeriodInHours: 0, MagneticStoreRetentionPeriodInDays: 73001 } })),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain('2 validation errors');
    expect(error.message).toContain('retentionProperties.memoryStoreRetentionPeriodInHours');
    expect(error.message).toContain('retentionProperties.magneticStoreRetentionPeriodInDays');
    const bucket = await errorOf(
      h.write.send(
        new CreateTableCommand({
          DatabaseName: 'cp_tables',
          TableName: 'bad',
          MagneticStoreWriteProperties: { EnableMagneticStoreWrites: true, MagneticStoreRejectedDataLocation: { S3Configuration: { BucketName: 'Bad_Bucket' } } },
        }),
      ),
    );
    expect(bucket.message).toContain('bucketName');
  });

  it('answers ConflictException and ResourceNotFoundException', async () => {
    await h.write.send(new CreateTableCommand({ DatabaseName: 'cp_tables', TableName: 'twice' }));
    expect((await errorOf(h.write.send(new CreateTableCommand({ DatabaseName: 'cp_tables', TableName: 'twice' })))).name).toBe('ConflictException');
    expect((await errorOf(h.write.send(new CreateTableCommand({ DatabaseName: 'cp_missing', TableName: 'twice' })))).name).toBe('ResourceNotFoundException');
    expect((await errorOf(h.write.send(new DescribeTableCommand({ DatabaseName: 'cp_tables', TableName: 'nope' })))).name).toBe('ResourceNotFoundException');
    expect((await errorOf(h.write.send(new ListTablesCommand({ DatabaseName: 'cp_missing' })))).name).toBe('ResourceNotFoundException');
  });

  it('lists and pages tables, and deletes them', async () => {
    await h.write.send(new CreateDatabaseCommand({ DatabaseName: 'cp_list' }));
    for (const t of ['tb1', 'tb2', 'tb3']) await h.write.send(new CreateTableCommand({ DatabaseName: 'cp_list', TableName: t }));
    const first = await h.write.send(new ListTablesCommand({ DatabaseName: 'cp_list', MaxResults: 2 }));
    expect(first.Tables?.map((t) => t.TableName)).toEqual(['tb1', 'tb2']);
    const second = await h.write.send(new ListTablesCommand({ DatabaseName: 'cp_list', MaxResults: 2, NextToken: first.NextToken }));
    expect(second.Tables?.map((t) => t.TableName)).toEqual(['tb3']);
    expect(second.NextToken).toBeUndefined();
    await h.write.send(new DeleteTableCommand({ DatabaseName: 'cp_list', TableName: 'tb2' }));
    const after = await h.write.send(new ListTablesCommand({ DatabaseName: 'cp_list' }));
    expect(after.Tables?.map((t) => t.TableName)).toEqual(['tb1', 'tb3']);
    expect((await errorOf(h.write.send(new DeleteTableCommand({ DatabaseName: 'cp_list', TableName: 'tb2' })))).name).toBe('ResourceNotFoundException');
  });
});

describe('tags', () => {
  it('tags, lists and untags databases and tables; unknown ARNs are not found', async () => {
    const db = await h.write.send(new CreateDatabaseCommand({ DatabaseName: 'cp_tags', Tags: [{ Key: 'a', Value: '1' }] }));
    const table = await h.write.send(new CreateTableCommand({ DatabaseName: 'cp_tags', TableName: 'tagged', Tags: [{ Key: 'x', Value: 'y' }] }));
    const dbArn = db.Database?.Arn as string;
    const tableArn = table.Table?.Arn as string;
    await h.write.send(new TagResourceCommand({ ResourceARN: dbArn, Tags: [{ Key: 'b', Value: '2' }, { Key: 'a', Value: 'one' }] }));
    expect((await h.write.send(new ListTagsForResourceCommand({ ResourceARN: dbArn }))).Tags).toEqual([
      { Key: 'a', Value: 'one' },
      { Key: 'b', Value: '2' },
    ]);
    await h.write.send(new UntagResourceCommand({ ResourceARN: dbArn, TagKeys: ['a'] }));
    expect((await h.write.send(new ListTagsForResourceCommand({ ResourceARN: dbArn }))).Tags).toEqual([{ Key: 'b', Value: '2' }]);
    expect((await h.write.send(new ListTagsForResourceCommand({ ResourceARN: tableArn }))).Tags).toEqual([{ Key: 'x', Value: 'y' }]);
    // the query service's client reaches the same operation on the same port
    expect((await h.query.send(new QueryListTags({ ResourceARN: tableArn }))).Tags).toEqual([{ Key: 'x', Value: 'y' }]);
    const missing = await errorOf(h.write.send(new ListTagsForResourceCommand({ ResourceARN: `${dbArn}/table/nope` })));
    expect(missing.name).toBe('ResourceNotFoundException');
  });
});

describe('other operations', () => {
  it('DescribeEndpoints answers the bare host of the request for both services', async () => {
    const write = await h.write.send(new DescribeEndpointsCommand({}));
    expect(write.Endpoints).toEqual([{ Address: '127.0.0.1', CachePeriodInMinutes: 1440 }]);
    const query = await h.query.send(new QueryDescribeEndpointsCommand({}));
    expect(query.Endpoints?.[0].Address).toBe('127.0.0.1');
  });

  it('batch-load operations: none listed, and Create refused for a missing table or without an S3 to read from', async () => {
    expect((await h.write.send(new ListBatchLoadTasksCommand({}))).BatchLoadTasks).toEqual([]);
    const input = {
      TargetDatabaseName: 'db',
      TargetTableName: 't',
      DataSourceConfiguration: { DataSourceS3Configuration: { BucketName: 'bucket' }, DataFormat: 'CSV' as const },
      DataModelConfiguration: { DataModel: { TimeColumn: 'time', DimensionMappings: [{ SourceColumn: 'd' }], MixedMeasureMappings: [{ SourceColumn: 'v', MeasureValueType: 'DOUBLE' as const }] } },
      ReportConfiguration: { ReportS3Configuration: { BucketName: 'bucket' } },
    };
    const missing = await errorOf(h.write.send(new CreateBatchLoadTaskCommand(input)));
    expect(missing.name).toBe('ResourceNotFoundException');
    await h.write.send(new CreateDatabaseCommand({ DatabaseName: 'bl_db' }));
    await h.write.send(new CreateTableCommand({ DatabaseName: 'bl_db', TableName: 'bl_table' }));
    const noS3 = await errorOf(h.write.send(new CreateBatchLoadTaskCommand({ ...input, TargetDatabaseName: 'bl_db', TargetTableName: 'bl_table' })));
    expect(noS3.name).toBe('ValidationException');
    expect(noS3.message).toBe('Batch load needs an S3 to read from: start timestream-local with --s3-endpoint (the local cloud passes its S3) or with a --data-dir.');
  });
});
