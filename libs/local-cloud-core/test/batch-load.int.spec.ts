import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { QueryCommand, type QueryCommandOutput, type TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import {
  CreateBatchLoadTaskCommand,
  CreateTableCommand,
  DescribeBatchLoadTaskCommand,
  WriteRecordsCommand,
  type BatchLoadTaskDescription,
  type DataModel,
  type TimestreamWriteClient,
  type _Record,
} from '@aws-sdk/client-timestream-write';
import { LOCAL_EXPORTS_BUCKET, LOCAL_SCHEDULED_QUERY_ERRORS_BUCKET, timestreamSettings } from '@iot-timeseries/schema';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { countStaleDevices, localS3Client, startLocalCloud, startLocalTimestream, type LocalCloud } from '../src';
import { localQueryClient, localWriteClient } from '../src/timestream/clients';
import { directConfig } from './support/direct-config';

jest.setTimeout(120_000);
const DB = timestreamSettings.databaseName;
const SOURCE = `"${DB}"."${timestreamSettings.tableName}"`;
const DEVICES = ['sensor-001', 'sensor-002', 'sensor-003'];
const PER_DEVICE = 300;
const T0 = Date.now() - 3_600_000;

function records(device: string, d: number, from: number): _Record[] {
  return Array.from({ length: 100 }, (_, k) => {
    const i = from + k;
    return {
      Dimensions: [{ Name: 'device_id', Value: device }, { Name: 'location', Value: `hall "${d}", east` }],
      MeasureName: timestreamSettings.multiMeasureName,
      MeasureValueType: 'MULTI',
      MeasureValues: [{ Name: 'temperature', Value: String(20 + d + i / 8), Type: 'DOUBLE' }, { Name: 'humidity', Value: String(40 + (i % 9)), Type: 'DOUBLE' }],
      Time: String(T0 + i * 1000),
    };
  });
}

/** The data model of the export below: time in milliseconds, both dimensions, one MULTI record per row. */
const MODEL: DataModel = {
  TimeColumn: 'time_ms',
  TimeUnit: 'MILLISECONDS',
  DimensionMappings: [{ SourceColumn: 'device_id' }, { SourceColumn: 'location' }],
  MultiMeasureMappings: {
    TargetMultiMeasureName: timestreamSettings.multiMeasureName,
    MultiMeasureAttributeMappings: [
      { SourceColumn: 'temperature', MeasureValueType: 'DOUBLE' },
      { SourceColumn: 'humidity', MeasureValueType: 'DOUBLE' },
    ],
  },
};

describe('batch load from the local S3: UNLOAD a table, load it into another, read it back with Query', () => {
  let dataDir: string;
  let cloud: LocalCloud;
  let write: TimestreamWriteClient;
  let query: TimestreamQueryClient;
  let s3: S3Client;

  const rows = async (sql: string) => {
    let out: QueryCommandOutput = await query.send(new QueryCommand({ QueryString: sql }));
    const all = [...(out.Rows ?? [])];
    while (out.NextToken) {
      out = await query.send(new QueryCommand({ QueryString: sql, NextToken: out.NextToken }));
      all.push(...(out.Rows ?? []));
    }
    return all.map((r) => (r.Data ?? []).map((d) => d.ScalarValue ?? null));
  };
  /** Device, row count and rounded temperature sum per device: what must be the same in the source and the copy. */
  const perDevice = (table: string) => rows(`SELECT device_id, location, count(*), round(sum(temperature), 6), round(sum(humidity), 6) FROM ${table} WHERE measure_name = '${timestreamSettings.multiMeasureName}' GROUP BY device_id, location ORDER BY device_id`);
  const loaded = async (taskId: string): Promise<BatchLoadTaskDescription | undefined> => {
    for (let i = 0; i < 600; i++) {
      const task = (await write.send(new DescribeBatchLoadTaskCommand({ TaskId: taskId }))).BatchLoadTaskDescription;
      if (task?.TaskStatus === 'SUCCEEDED' || task?.TaskStatus === 'FAILED') return task;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`batch load task ${taskId} did not finish in 60 s`);
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'local-cloud-batch-load-'));
    cloud = await startLocalCloud(directConfig(dataDir, { durability: 'write', alarmIntervalMs: 60_000, staleCheckMs: 60_000 }), { startTimestream: startLocalTimestream, countStaleDevices });
    write = localWriteClient(cloud.endpoints.timestream, 'us-east-1');
    query = localQueryClient(cloud.endpoints.timestream, 'us-east-1');
    s3 = localS3Client(cloud.endpoints.s3, 'us-east-1');
    for (const [d, device] of DEVICES.entries()) {
      for (let from = 0; from < PER_DEVICE; from += 100) await write.send(new WriteRecordsCommand({ DatabaseName: DB, TableName: timestreamSettings.tableName, Records: records(device, d, from) }));
    }
  });
  afterAll(async () => {
    write?.destroy();
    query?.destroy();
    s3?.destroy();
    await cloud?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads an UNLOAD export (quoted, escaped dimension values) into a new table with the same rows per device', async () => {
    await rows(
      `UNLOAD (SELECT device_id, location, to_milliseconds(time) AS time_ms, temperature, humidity FROM ${SOURCE} WHERE measure_name = '${timestreamSettings.multiMeasureName}') ` +
        `TO 's3://${LOCAL_EXPORTS_BUCKET}/dr/' WITH (format = 'CSV', compression = 'NONE', include_header = 'true')`,
    );
    await write.send(new CreateTableCommand({ DatabaseName: DB, TableName: 'readings_copy' }));
    const { TaskId } = await write.send(
      new CreateBatchLoadTaskCommand({
        TargetDatabaseName: DB,
        TargetTableName: 'readings_copy',
        DataSourceConfiguration: { DataSourceS3Configuration: { BucketName: LOCAL_EXPORTS_BUCKET, ObjectKeyPrefix: 'dr/results/' }, DataFormat: 'CSV', CsvConfiguration: { EscapeChar: '\\' } },
        DataModelConfiguration: { DataModel: MODEL },
        ReportConfiguration: { ReportS3Configuration: { BucketName: LOCAL_SCHEDULED_QUERY_ERRORS_BUCKET, ObjectKeyPrefix: 'batch-load' } },
      }),
    );
    const task = await loaded(TaskId as string);
    expect(task).toMatchObject({ TaskStatus: 'SUCCEEDED', ProgressReport: { RecordsProcessed: DEVICES.length * PER_DEVICE, RecordsIngested: DEVICES.length * PER_DEVICE, ParseFailures: 0, RecordIngestionFailures: 0, FileFailures: 0 } });
    const source = await perDevice(SOURCE);
    expect(source.map((r) => [r[0], r[1], r[2]])).toEqual(DEVICES.map((device, d) => [device, `hall "${d}", east`, String(PER_DEVICE)]));
    expect(await perDevice(`"${DB}"."readings_copy"`)).toEqual(source);
  });

  it('writes the report of malformed and refused lines to the S3 report location; the valid lines are stored', async () => {
    await write.send(new CreateTableCommand({ DatabaseName: DB, TableName: 'readings_bad' }));
    const csv = ['device_id,location,time_ms,temperature,humidity', `d1,"hall 1",${T0},20,40`, `d1,"hall 1"x,${T0 + 1000},21,41`, `d1,hall,${T0 + 2000},warm,42`, `d1,hall,${T0 + 3000},22,43`].join('\n');
    await s3.send(new PutObjectCommand({ Bucket: LOCAL_EXPORTS_BUCKET, Key: 'bad/part.csv', Body: csv }));
    const { TaskId } = await write.send(
      new CreateBatchLoadTaskCommand({
        TargetDatabaseName: DB,
        TargetTableName: 'readings_bad',
        DataSourceConfiguration: { DataSourceS3Configuration: { BucketName: LOCAL_EXPORTS_BUCKET, ObjectKeyPrefix: 'bad/' }, DataFormat: 'CSV' },
        DataModelConfiguration: { DataModel: MODEL },
        ReportConfiguration: { ReportS3Configuration: { BucketName: LOCAL_SCHEDULED_QUERY_ERRORS_BUCKET, ObjectKeyPrefix: 'batch-load' } },
      }),
    );
    const task = await loaded(TaskId as string);
    expect(task).toMatchObject({ TaskStatus: 'FAILED', ProgressReport: { RecordsProcessed: 4, RecordsIngested: 2, ParseFailures: 1, RecordIngestionFailures: 1 } });
    const key = `batch-load/${TaskId}/batch_load_error_report.json`;
    expect(task?.ErrorMessage).toContain(`s3://${LOCAL_SCHEDULED_QUERY_ERRORS_BUCKET}/${key}`);
    const body = await (await s3.send(new GetObjectCommand({ Bucket: LOCAL_SCHEDULED_QUERY_ERRORS_BUCKET, Key: key }))).Body?.transformToString();
    const report = JSON.parse(body ?? '{}');
    expect(report).toMatchObject({ taskId: TaskId, taskErrors: [], fileErrors: [{ fileName: 'bad/part.csv' }] });
    const errors = report.fileErrors[0].errors as Array<{ reason: string; lineRanges: number[][] }>;
    expect(errors).toContainEqual({ reason: 'Malformed CSV: text after the closing quote of field 2.', lineRanges: [[3, 3]] });
    expect(errors.filter((e) => !e.reason.startsWith('Malformed')).flatMap((e) => e.lineRanges)).toEqual([[4, 4]]);
    expect(await rows(`SELECT count(*) FROM "${DB}"."readings_bad"`)).toEqual([['2']]);
  });

  it('refuses a task whose source bucket does not exist, naming it', async () => {
    await expect(
      write.send(
        new CreateBatchLoadTaskCommand({
          TargetDatabaseName: DB,
          TargetTableName: timestreamSettings.tableName,
          DataSourceConfiguration: { DataSourceS3Configuration: { BucketName: 'no-such-bucket' }, DataFormat: 'CSV' },
          DataModelConfiguration: { DataModel: MODEL },
          ReportConfiguration: { ReportS3Configuration: { BucketName: LOCAL_SCHEDULED_QUERY_ERRORS_BUCKET } },
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException', message: 'The S3 bucket no-such-bucket of DataSourceConfiguration.DataSourceS3Configuration.BucketName does not exist.' });
  });
});
