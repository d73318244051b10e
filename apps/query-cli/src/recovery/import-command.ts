import { GetObjectCommand } from '@aws-sdk/client-s3';
import {
  CreateBatchLoadTaskCommand,
  CreateDatabaseCommand,
  CreateTableCommand,
  DescribeBatchLoadTaskCommand,
  DescribeDatabaseCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type BatchLoadTaskDescription,
  type TimestreamWriteClient,
} from '@aws-sdk/client-timestream-write';
import type { CliConfig } from '../config';
import { CliError } from '../errors';
import { EXPORT_MANIFEST, isExportManifest, type ExportManifest } from './export-manifest';
import type { RecoveryClients } from './recovery-clients';
import { keyIn, parseS3Uri } from './s3-uri';

const POLL_MS = 500;

async function readManifest(clients: RecoveryClients, bucket: string, key: string): Promise<ExportManifest> {
  let text: string | undefined;
  try {
    text = await (await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body?.transformToString();
  } catch (error) {
    throw new CliError(`cannot read s3://${bucket}/${key}: ${(error as Error).name}: ${(error as Error).message} (is it an iot-query export?)`, 1, { cause: error });
  }
  const parsed: unknown = JSON.parse(text ?? '');
  if (!isExportManifest(parsed)) throw new CliError(`s3://${bucket}/${key} is not an iot-query export (format iot-query-export/1)`);
  return parsed;
}

const exists = async (probe: Promise<unknown>): Promise<boolean> =>
  probe.then(
    () => true,
    (error: unknown) => {
      if (error instanceof ResourceNotFoundException) return false;
      throw error;
    },
  );

/** Creates the database and the table when missing: the source's retention, magnetic-store writes on (old records load). */
async function ensureTable(write: TimestreamWriteClient, config: CliConfig, manifest: ExportManifest): Promise<boolean> {
  if (!(await exists(write.send(new DescribeDatabaseCommand({ DatabaseName: config.database }))))) await write.send(new CreateDatabaseCommand({ DatabaseName: config.database }));
  if (await exists(write.send(new DescribeTableCommand({ DatabaseName: config.database, TableName: config.table })))) return false;
  await write.send(
    new CreateTableCommand({
      DatabaseName: config.database,
      TableName: config.table,
      ...(manifest.retention ? { RetentionProperties: manifest.retention } : {}),
      MagneticStoreWriteProperties: { EnableMagneticStoreWrites: true },
    }),
  );
  return true;
}

/** `import s3://bucket/folder`: batch-loads an export into `--database`/`--table` (created when missing) and waits for the task. */
export async function importTable(config: CliConfig, clients: RecoveryClients, progress: (task: BatchLoadTaskDescription) => void): Promise<Record<string, string | number>> {
  const from = parseS3Uri(config.args[0], 'import');
  const manifest = await readManifest(clients, from.bucket, keyIn(from.folder, EXPORT_MANIFEST));
  const created = await ensureTable(clients.write, config, manifest);
  const { TaskId } = await clients.write.send(
    new CreateBatchLoadTaskCommand({
      TargetDatabaseName: config.database,
      TargetTableName: config.table,
      DataSourceConfiguration: { DataSourceS3Configuration: { BucketName: from.bucket, ObjectKeyPrefix: keyIn(from.folder, 'results/') }, DataFormat: 'CSV', CsvConfiguration: { EscapeChar: '\\' } },
      DataModelConfiguration: { DataModel: manifest.dataModel },
      ReportConfiguration: { ReportS3Configuration: { BucketName: from.bucket, ObjectKeyPrefix: keyIn(from.folder, 'import-reports') } },
    }),
  );
  const deadline = Date.now() + config.timeoutMs;
  for (;;) {
    const task = (await clients.write.send(new DescribeBatchLoadTaskCommand({ TaskId }))).BatchLoadTaskDescription;
    if (task) progress(task);
    const status = task?.TaskStatus;
    if (status === 'SUCCEEDED' || status === 'FAILED' || status === 'PROGRESS_STOPPED') {
      const p = task?.ProgressReport ?? {};
      const summary = { table: `${config.database}.${config.table}`, created: created ? 'yes' : 'no', task: TaskId as string, status, exported: manifest.rows, ingested: p.RecordsIngested ?? 0, failures: (p.ParseFailures ?? 0) + (p.RecordIngestionFailures ?? 0) + (p.FileFailures ?? 0) };
      if (status !== 'SUCCEEDED') throw new CliError(`batch load task ${TaskId} ended ${status}: ${task?.ErrorMessage ?? 'no message'} (${JSON.stringify(summary)})`);
      return summary;
    }
    if (Date.now() > deadline) throw new CliError(`batch load task ${TaskId} is still ${status} after --timeout ${config.timeoutMs} ms; follow it with DescribeBatchLoadTask`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
