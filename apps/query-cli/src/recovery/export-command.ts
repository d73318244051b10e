import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { DescribeTableCommand } from '@aws-sdk/client-timestream-write';
import { quoteIdentifier, runQuery } from '@iot-timeseries/queries';
import type { CliConfig } from '../config';
import { CliError } from '../errors';
import { describeShape } from './describe-shape';
import { EXPORT_MANIFEST, type ExportManifest } from './export-manifest';
import type { RecoveryClients } from './recovery-clients';
import { keyIn, parseS3Uri } from './s3-uri';
import { exportDataModel, exportSql } from './table-shape';

/** `export s3://bucket/folder`: UNLOADs the table as CSV and writes export.json beside it; answers what was written. */
export async function exportTable(config: CliConfig, query: TimestreamQueryClient, clients: RecoveryClients): Promise<Record<string, string | number>> {
  const to = parseS3Uri(config.args[0], 'export');
  const table = `${quoteIdentifier(config.database)}.${quoteIdentifier(config.table)}`;
  const shape = await describeShape(query, table, config.timeoutMs);
  const described = await clients.write.send(new DescribeTableCommand({ DatabaseName: config.database, TableName: config.table }));
  const { rows } = await runQuery(query, exportSql(shape, table, to.uri), { timeoutMs: config.timeoutMs });
  const [answer] = rows;
  if (!answer) throw new CliError('UNLOAD answered no row');
  const manifest: ExportManifest = {
    format: 'iot-query-export/1',
    source: { database: config.database, table: config.table },
    exportedAt: new Date().toISOString(),
    rows: Number(answer.rows),
    unloadManifest: String(answer.manifestFile),
    ...(described.Table?.RetentionProperties ? { retention: described.Table.RetentionProperties } : {}),
    dataModel: exportDataModel(shape),
  };
  const key = keyIn(to.folder, EXPORT_MANIFEST);
  await clients.s3.send(new PutObjectCommand({ Bucket: to.bucket, Key: key, Body: `${JSON.stringify(manifest, null, 2)}\n`, ContentType: 'application/json' }));
  return { table: `${config.database}.${config.table}`, rows: manifest.rows, export: `s3://${to.bucket}/${key}`, results: `s3://${to.bucket}/${keyIn(to.folder, 'results/')}` };
}
