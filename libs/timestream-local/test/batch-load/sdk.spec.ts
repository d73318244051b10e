import { mkdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QueryCommand } from '@aws-sdk/client-timestream-query';
import {
  CreateBatchLoadTaskCommand,
  CreateDatabaseCommand,
  CreateTableCommand,
  DescribeBatchLoadTaskCommand,
  ListBatchLoadTasksCommand,
  ResumeBatchLoadTaskCommand,
  type CreateBatchLoadTaskCommandInput,
  type DataModel,
} from '@aws-sdk/client-timestream-write';
import { errorOf, startHarness, type Harness } from '../write/harness';

jest.setTimeout(60_000);

const MODEL: DataModel = {
  TimeColumn: 'time_ms',
  TimeUnit: 'MILLISECONDS',
  DimensionMappings: [{ SourceColumn: 'device', DestinationColumn: 'device_id' }],
  MultiMeasureMappings: {
    TargetMultiMeasureName: 'readings',
    MultiMeasureAttributeMappings: [
      { SourceColumn: 'temperature', MeasureValueType: 'DOUBLE' },
      { SourceColumn: 'humidity', MeasureValueType: 'DOUBLE' },
    ],
  },
};
const T0 = Date.now() - 3_600_000;

/** A CSV of `rows` readings per device, and the sum of its temperatures per device. */
function readingsCsv(devices: string[], rows: number, start = 0): { text: string; sums: Map<string, number> } {
  const lines = ['device,time_ms,temperature,humidity'];
  const sums = new Map<string, number>();
  for (const device of devices) {
    for (let i = start; i < start + rows; i++) {
      const temperature = 20 + (i % 10) / 4;
      lines.push(`${device},${T0 + i * 1000},${temperature},${40 + (i % 7)}`);
      sums.set(device, (sums.get(device) ?? 0) + temperature);
    }
  }
  return { text: `${lines.join('\n')}\n`, sums };
}

describe('batch load through the SDK, objects in the data directory', () => {
  let dataDir: string;
  let h: Harness;
  const objectFile = (bucket: string, key: string) => path.join(dataDir, 's3', bucket, ...key.split('/'));
  const put = (bucket: string, key: string, text: string) => {
    mkdirSync(path.dirname(objectFile(bucket, key)), { recursive: true });
    writeFileSync(objectFile(bucket, key), text);
  };
  const request = (table: string, prefix: string, extra: Partial<CreateBatchLoadTaskCommandInput> = {}): CreateBatchLoadTaskCommandInput => ({
    TargetDatabaseName: 'drdb',
    TargetTableName: table,
    DataSourceConfiguration: { DataSourceS3Configuration: { BucketName: 'exports', ObjectKeyPrefix: prefix }, DataFormat: 'CSV' },
    DataModelConfiguration: { DataModel: MODEL },
    ReportConfiguration: { ReportS3Configuration: { BucketName: 'reports', ObjectKeyPrefix: 'batch' } },
    ...extra,
  });
  const describe = async (taskId: string) => (await h.write.send(new DescribeBatchLoadTaskCommand({ TaskId: taskId }))).BatchLoadTaskDescription;
  const rowsOf = async (sql: string) => (await h.query.send(new QueryCommand({ QueryString: sql }))).Rows?.map((r) => (r.Data ?? []).map((d) => d.ScalarValue)) ?? [];
  const createTable = async (name: string) => h.write.send(new CreateTableCommand({ DatabaseName: 'drdb', TableName: name }));

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'tsl-batch-load-'));
    h = await startHarness({ dataDir });
    await h.write.send(new CreateDatabaseCommand({ DatabaseName: 'drdb' }));
    mkdirSync(path.join(dataDir, 's3', 'reports'), { recursive: true });
  });
  afterAll(async () => {
    await h.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads every file under the prefix in the background; Query reads back the rows, Describe and List report the task', async () => {
    await createTable('copy');
    const a = readingsCsv(['d1', 'd2'], 700);
    const b = readingsCsv(['d3'], 500);
    put('exports', 'full/part-1.csv', a.text);
    put('exports', 'full/part-2.csv', b.text);
    put('exports', 'other/ignored.csv', 'device,time_ms,temperature,humidity\nd9,1,1,1\n');
    const { TaskId } = await h.write.send(new CreateBatchLoadTaskCommand(request('copy', 'full/')));
    expect(TaskId).toMatch(/^[A-Z0-9]{32}$/);
    await h.server.batchLoads.idle();

    const task = await describe(TaskId as string);
    expect(task).toMatchObject({ TaskId, TaskStatus: 'SUCCEEDED', TargetDatabaseName: 'drdb', TargetTableName: 'copy', RecordVersion: 1, DataModelConfiguration: { DataModel: MODEL } });
    expect(task?.ErrorMessage).toBeUndefined();
    expect(task?.ProgressReport).toMatchObject({ RecordsProcessed: 1900, RecordsIngested: 1900, ParseFailures: 0, RecordIngestionFailures: 0, FileFailures: 0 });
    expect(task?.ProgressReport?.BytesMetered).toBeGreaterThan(1900 * 8);
    expect(task?.CreationTime).toBeInstanceOf(Date);

    const rows = await rowsOf('SELECT device_id, count(*), sum(temperature) FROM "drdb"."copy" GROUP BY device_id ORDER BY device_id');
    const sums = new Map([...a.sums, ...b.sums]);
    expect(rows.map((r) => [r[0], Number(r[1])])).toEqual([['d1', 700], ['d2', 700], ['d3', 500]]);
    for (const r of rows) expect(Number(r[2])).toBeCloseTo(sums.get(r[0] as string) as number, 6);

    const listed = await h.write.send(new ListBatchLoadTasksCommand({ TaskStatus: 'SUCCEEDED' }));
    expect(listed.BatchLoadTasks?.map((t) => t.TaskId)).toContain(TaskId);
    expect((await h.write.send(new ListBatchLoadTasksCommand({ TaskStatus: 'PENDING_RESUME' }))).BatchLoadTasks).toEqual([]);
    // a finished task cannot be resumed
    const resume = await errorOf(h.write.send(new ResumeBatchLoadTaskCommand({ TaskId })));
    expect(resume.name).toBe('ValidationException');
    expect(resume.message).toContain('only a task in PROGRESS_STOPPED can be resumed');
  });

  it('keeps the valid rows and reports every bad line with its reason: FAILED with the report in S3', async () => {
    await createTable('partial');
    const text = [
      'device|time_ms|temperature|humidity',
      `d1|${T0}|21.5|40`,
      `d1|not-a-time|21.5|40`,
      `d1|${T0 + 1000}|"broken"x|40`,
      `d1|${T0 + 2000}|hot|40`,
      `d1|${T0 + 3000}|||`,
      `d1|${T0 + 4000}|22|41`,
      `d1|${T0 + 5000}|23|42`,
      `d1|${Date.now() - 30 * 86_400_000}|23|42`,
      '',
    ].join('\n');
    put('exports', 'bad/p.csv', text);
    put('exports', 'bad/q.csv', 'device|when|temperature\nd1|1|2\n');
    const { TaskId } = await h.write.send(
      new CreateBatchLoadTaskCommand(request('partial', 'bad/', { DataSourceConfiguration: { DataSourceS3Configuration: { BucketName: 'exports', ObjectKeyPrefix: 'bad/' }, DataFormat: 'CSV', CsvConfiguration: { ColumnSeparator: '|' } } })),
    );
    await h.server.batchLoads.idle();
    const task = await describe(TaskId as string);
    expect(task?.TaskStatus).toBe('FAILED');
    expect(task?.ProgressReport).toMatchObject({ RecordsProcessed: 8, RecordsIngested: 3, ParseFailures: 3, RecordIngestionFailures: 2, FileFailures: 1 });
    const key = `batch/${TaskId}/batch_load_error_report.json`;
    expect(task?.ErrorMessage).toContain(`s3://reports/${key}`);

    const report = JSON.parse(readFileSync(objectFile('reports', key), 'utf8'));
    expect(report.taskId).toBe(TaskId);
    expect(report.taskErrors).toEqual([]);
    const [p, q] = report.fileErrors;
    expect(p.fileName).toBe('bad/p.csv');
    const lines = Object.fromEntries(p.errors.map((e: { reason: string; lineRanges: number[][] }) => [e.reason, e.lineRanges]));
    expect(lines["The time column time_ms has the value 'not-a-time', which is not an integer number of milliseconds since the epoch."]).toEqual([[3, 3]]);
    expect(lines['Malformed CSV: text after the closing quote of field 3.']).toEqual([[4, 4]]);
    expect(lines['The row has no measure value: every mapped measure column is empty.']).toEqual([[6, 6]]);
    const rejected = p.errors.filter((e: { reason: string }) => /measure value|memory store/.test(e.reason) && !e.reason.startsWith('The row'));
    expect(rejected.flatMap((e: { lineRanges: number[][] }) => e.lineRanges).sort()).toEqual([[5, 5], [9, 9]]);
    expect(q).toEqual({ fileName: 'bad/q.csv', errors: [{ reason: 'The header line has no column time_ms (TimeColumn), humidity (multi-measure attribute humidity) that the data model maps.', lineRanges: [] }] });

    const rows = await rowsOf('SELECT count(*) FROM "drdb"."partial"');
    expect(rows).toEqual([['3']]);
  });

  it('writes large files in calls over the API limit of 100 with the same rules: rejected rows are reported by line', async () => {
    await createTable('large');
    const lines = ['device,time_ms,temperature,humidity'];
    const tooOld = Date.now() - 30 * 86_400_000;
    for (let i = 0; i < 12_000; i++) lines.push(`L${i % 10},${i === 6999 || i === 11_498 ? tooOld : T0 + i * 100},${20 + (i % 10) / 4},40`);
    put('exports', 'large/p.csv', `${lines.join('\n')}\n`);
    const { TaskId } = await h.write.send(new CreateBatchLoadTaskCommand(request('large', 'large/')));
    await h.server.batchLoads.idle();
    const task = await describe(TaskId as string);
    expect(task?.ProgressReport).toMatchObject({ RecordsProcessed: 12_000, RecordsIngested: 11_998, ParseFailures: 0, RecordIngestionFailures: 2, FileFailures: 0 });
    const report = JSON.parse(readFileSync(objectFile('reports', `batch/${TaskId}/batch_load_error_report.json`), 'utf8'));
    const ranges = report.fileErrors[0].errors.flatMap((e: { reason: string; lineRanges: number[][] }) => (/memory store/.test(e.reason) ? e.lineRanges : []));
    expect(ranges.sort((a: number[], b: number[]) => a[0] - b[0])).toEqual([[7001, 7001], [11_500, 11_500]]);
    expect(await rowsOf('SELECT count(*) FROM "drdb"."large"')).toEqual([['11998']]);
  });

  it('reads the data model from S3 (DataModelS3Configuration)', async () => {
    await createTable('from_model');
    put('models', 'readings.json', JSON.stringify(MODEL));
    put('exports', 'm/p.csv', readingsCsv(['m1'], 10).text);
    const { TaskId } = await h.write.send(new CreateBatchLoadTaskCommand(request('from_model', 'm/', { DataModelConfiguration: { DataModelS3Configuration: { BucketName: 'models', ObjectKey: 'readings.json' } } })));
    await h.server.batchLoads.idle();
    expect(await describe(TaskId as string)).toMatchObject({ TaskStatus: 'SUCCEEDED', ProgressReport: { RecordsIngested: 10 }, DataModelConfiguration: { DataModelS3Configuration: { BucketName: 'models', ObjectKey: 'readings.json' } } });
  });

  it('refuses at Create what cannot run, naming the field: bad data models, missing buckets and tables, constraints', async () => {
    await createTable('refused');
    const send = (input: CreateBatchLoadTaskCommandInput) => errorOf(h.write.send(new CreateBatchLoadTaskCommand(input)));
    const noTarget = await send(request('refused', 'full/', { DataModelConfiguration: { DataModel: { ...MODEL, MultiMeasureMappings: { MultiMeasureAttributeMappings: MODEL.MultiMeasureMappings?.MultiMeasureAttributeMappings } } } }));
    expect(noTarget.name).toBe('ValidationException');
    expect(noTarget.message).toBe('Invalid DataModelConfiguration.DataModel: MultiMeasureMappings.TargetMultiMeasureName is required when MeasureNameColumn is not given.');
    const badType = await send(request('refused', 'full/', { DataModelConfiguration: { DataModel: { ...MODEL, TimeUnit: 'HOURS' as never } } }));
    expect(badType.message).toContain("Value 'HOURS' at 'dataModelConfiguration.dataModel.timeUnit' failed to satisfy constraint: Member must satisfy enum value set");
    const noBucket = await send(request('refused', 'full/', { DataSourceConfiguration: { DataSourceS3Configuration: { BucketName: 'no-such-bucket' }, DataFormat: 'CSV' } }));
    expect(noBucket.message).toBe('The S3 bucket no-such-bucket of DataSourceConfiguration.DataSourceS3Configuration.BucketName does not exist.');
    const noReportBucket = await send(request('refused', 'full/', { ReportConfiguration: { ReportS3Configuration: { BucketName: 'no-reports' } } }));
    expect(noReportBucket.message).toBe('The S3 bucket no-reports of ReportConfiguration.ReportS3Configuration.BucketName does not exist.');
    const noModel = await send(request('refused', 'full/', { DataModelConfiguration: { DataModelS3Configuration: { BucketName: 'models', ObjectKey: 'missing.json' } } }));
    expect(noModel.message).toContain('The data model of DataModelConfiguration.DataModelS3Configuration (s3://models/missing.json) cannot be read');
    const separator = await send(request('refused', 'full/', { DataSourceConfiguration: { DataSourceS3Configuration: { BucketName: 'exports' }, DataFormat: 'CSV', CsvConfiguration: { ColumnSeparator: 'x' } } }));
    expect(separator.message).toBe('Invalid CreateBatchLoadTask request: DataSourceConfiguration.CsvConfiguration: ColumnSeparator "x" is not one of comma, pipe, semicolon, tab or blank space.');
    const bucketName = await send(request('refused', 'full/', { DataSourceConfiguration: { DataSourceS3Configuration: { BucketName: 'Bad_Bucket' }, DataFormat: 'CSV' } }));
    expect(bucketName.message).toContain("Value 'Bad_Bucket' at 'dataSourceConfiguration.dataSourceS3Configuration.bucketName' failed to satisfy constraint");
    const table = await send(request('missing', 'full/'));
    expect(table.name).toBe('ResourceNotFoundException');
    const unknown = await errorOf(h.write.send(new DescribeBatchLoadTaskCommand({ TaskId: 'ABC123' })));
    expect(unknown.name).toBe('ResourceNotFoundException');
  });

  it('answers the same TaskId for the same ClientToken', async () => {
    await createTable('idempotent');
    put('exports', 'i/p.csv', readingsCsv(['i1'], 5).text);
    const input = request('idempotent', 'i/', { ClientToken: 'token-1' });
    const first = await h.write.send(new CreateBatchLoadTaskCommand(input));
    const again = await h.write.send(new CreateBatchLoadTaskCommand(input));
    expect(again.TaskId).toBe(first.TaskId);
    await h.server.batchLoads.idle();
  });
});

describe('batch load across a restart', () => {
  it('a task running when the server stops is PROGRESS_STOPPED after the restart; ResumeBatchLoadTask finishes it without duplicates', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tsl-batch-restart-'));
    try {
      let h = await startHarness({ dataDir });
      await h.write.send(new CreateDatabaseCommand({ DatabaseName: 'drdb' }));
      await h.write.send(new CreateTableCommand({ DatabaseName: 'drdb', TableName: 'copy' }));
      const files = ['a', 'b', 'c', 'd'].map((d) => readingsCsv([d], 3000));
      files.forEach((f, i) => {
        const file = path.join(dataDir, 's3', 'exports', 'big', `part-${i}.csv`);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, f.text);
      });
      mkdirSync(path.join(dataDir, 's3', 'reports'), { recursive: true });
      const { TaskId } = await h.write.send(
        new CreateBatchLoadTaskCommand({
          TargetDatabaseName: 'drdb',
          TargetTableName: 'copy',
          DataSourceConfiguration: { DataSourceS3Configuration: { BucketName: 'exports', ObjectKeyPrefix: 'big/' }, DataFormat: 'CSV' },
          DataModelConfiguration: { DataModel: MODEL },
          ReportConfiguration: { ReportS3Configuration: { BucketName: 'reports' } },
        }),
      );
      await h.close(); // stops the task between two batches

      h = await startHarness({ dataDir });
      const stopped = (await h.write.send(new DescribeBatchLoadTaskCommand({ TaskId }))).BatchLoadTaskDescription;
      expect(stopped?.TaskStatus).toBe('PROGRESS_STOPPED');
      expect(stopped?.ProgressReport?.RecordsIngested).toBeLessThan(12_000);
      await h.write.send(new ResumeBatchLoadTaskCommand({ TaskId }));
      expect((await h.write.send(new DescribeBatchLoadTaskCommand({ TaskId }))).BatchLoadTaskDescription?.TaskStatus).toMatch(/^(PENDING_RESUME|IN_PROGRESS)$/);
      await h.server.batchLoads.idle();
      const done = (await h.write.send(new DescribeBatchLoadTaskCommand({ TaskId }))).BatchLoadTaskDescription;
      expect(done).toMatchObject({ TaskStatus: 'SUCCEEDED', ProgressReport: { RecordsProcessed: 12_000, RecordsIngested: 12_000, ParseFailures: 0, RecordIngestionFailures: 0 } });
      const rows = (await h.query.send(new QueryCommand({ QueryString: 'SELECT device_id, count(*) FROM "drdb"."copy" GROUP BY device_id ORDER BY device_id' }))).Rows;
      expect(rows?.map((r) => r.Data?.map((d) => d.ScalarValue))).toEqual([['a', '3000'], ['b', '3000'], ['c', '3000'], ['d', '3000']]);
      await h.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
