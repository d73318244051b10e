import type { CsvConfiguration, DataModel } from '@aws-sdk/client-timestream-write';
import { ValidationException } from '../../errors';
import { readDataModel } from '../../batch-load/data-model';
import type { BatchLoadRequest } from '../../batch-load/task';
import { InputChecker } from '../shared/validate';

/** The model's patterns (S3BucketName, S3ObjectKey / S3ObjectKeyPrefix, ResourceCreateAPIName). */
export const BUCKET_PATTERN = /^[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9]$/;
const KEY_PATTERN = new RegExp(`^${"[a-zA-Z0-9|!\\-_*'\\(\\)]([a-zA-Z0-9]|[!\\-_*'\\(\\)\\/.])+"}$`);
const NAME_PATTERN = /^[a-zA-Z0-9_.-]+$/;
const BUCKET = { min: 3, max: 63, pattern: BUCKET_PATTERN };

/** CsvConfiguration's documented values. */
const SEPARATORS = [',', '|', ';', '\t', ' '];
const QUOTES = ["'", '"'];

export interface CheckedCreateRequest {
  request: BatchLoadRequest;
  /** the inline data model (undefined: it is at `dataModelS3`) */
  dataModel?: DataModel;
  dataModelS3?: { bucket: string; key: string };
  clientToken?: string;
}

function readCsv(check: InputChecker, value: unknown): CsvConfiguration | undefined {
  const path = 'dataSourceConfiguration.csvConfiguration';
  const csv = check.object('CsvConfiguration', { value, path });
  if (!csv) return undefined;
  const one = (member: string) => check.string(member, { value: csv[member], path: `${path}.${member.charAt(0).toLowerCase()}${member.slice(1)}`, min: 1, max: 1 });
  const c: CsvConfiguration = {
    ColumnSeparator: one('ColumnSeparator'),
    EscapeChar: one('EscapeChar'),
    QuoteChar: one('QuoteChar'),
    NullValue: check.string('NullValue', { value: csv.NullValue, path: `${path}.nullValue`, min: 1, max: 256 }),
    TrimWhiteSpace: check.boolean('TrimWhiteSpace', { value: csv.TrimWhiteSpace, path: `${path}.trimWhiteSpace` }),
  };
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as CsvConfiguration;
}

/** The documented CSV rules the model's constraints cannot express. */
function csvProblems(c: CsvConfiguration | undefined): string[] {
  if (!c) return [];
  const problems: string[] = [];
  const separator = c.ColumnSeparator ?? ',';
  const quote = c.QuoteChar ?? '"';
  if (c.ColumnSeparator !== undefined && !SEPARATORS.includes(c.ColumnSeparator)) problems.push(`ColumnSeparator ${JSON.stringify(c.ColumnSeparator)} is not one of comma, pipe, semicolon, tab or blank space`);
  if (c.QuoteChar !== undefined && !QUOTES.includes(c.QuoteChar)) problems.push(`QuoteChar ${JSON.stringify(c.QuoteChar)} is not a single or a double quote`);
  if (separator === quote) problems.push('ColumnSeparator and QuoteChar are the same character');
  if (c.EscapeChar !== undefined && c.EscapeChar === separator) problems.push('EscapeChar and ColumnSeparator are the same character');
  return problems;
}

/** Model constraints of CreateBatchLoadTask, then the documented rules of the CSV configuration and the data model's choice. */
export function checkCreateRequest(input: unknown): CheckedCreateRequest {
  const check = InputChecker.of(input);
  const clientToken = check.string('ClientToken', { min: 1, max: 64 });
  const database = check.string('TargetDatabaseName', { required: true, pattern: NAME_PATTERN });
  const table = check.string('TargetTableName', { required: true, pattern: NAME_PATTERN });
  const recordVersion = check.integer('RecordVersion', {});
  const source = check.object('DataSourceConfiguration', { required: true });
  const s3 = source && check.object('DataSourceS3Configuration', { value: source.DataSourceS3Configuration, path: 'dataSourceConfiguration.dataSourceS3Configuration', required: true });
  const sourceBucket = s3 && check.string('BucketName', { value: s3.BucketName, path: 'dataSourceConfiguration.dataSourceS3Configuration.bucketName', required: true, ...BUCKET });
  const sourcePrefix = s3 && check.string('ObjectKeyPrefix', { value: s3.ObjectKeyPrefix, path: 'dataSourceConfiguration.dataSourceS3Configuration.objectKeyPrefix', min: 1, max: 1024, pattern: KEY_PATTERN });
  const csv = source ? readCsv(check, source.CsvConfiguration) : undefined;
  const format = source && check.enumValue('DataFormat', ['CSV'] as const, { value: source.DataFormat, path: 'dataSourceConfiguration.dataFormat', required: true });
  const report = check.object('ReportConfiguration', { required: true });
  const r = report && check.object('ReportS3Configuration', { value: report.ReportS3Configuration, path: 'reportConfiguration.reportS3Configuration' });
  const rp = 'reportConfiguration.reportS3Configuration';
  const reportBucket = r && check.string('BucketName', { value: r.BucketName, path: `${rp}.bucketName`, required: true, ...BUCKET });
  const reportPrefix = r && check.string('ObjectKeyPrefix', { value: r.ObjectKeyPrefix, path: `${rp}.objectKeyPrefix`, min: 1, max: 928, pattern: KEY_PATTERN });
  const encryption = r && check.enumValue('EncryptionOption', ['SSE_S3', 'SSE_KMS'] as const, { value: r.EncryptionOption, path: `${rp}.encryptionOption` });
  const kmsKeyId = r && check.string('KmsKeyId', { value: r.KmsKeyId, path: `${rp}.kmsKeyId`, min: 1, max: 2048 });
  const modelConfig = check.object('DataModelConfiguration', {});
  const inline = modelConfig?.DataModel != null ? readDataModel(check, modelConfig.DataModel, 'dataModelConfiguration.dataModel') : undefined;
  const modelS3 = modelConfig && check.object('DataModelS3Configuration', { value: modelConfig.DataModelS3Configuration, path: 'dataModelConfiguration.dataModelS3Configuration' });
  const mp = 'dataModelConfiguration.dataModelS3Configuration';
  const modelBucket = modelS3 && check.string('BucketName', { value: modelS3.BucketName, path: `${mp}.bucketName`, ...BUCKET });
  const modelKey = modelS3 && check.string('ObjectKey', { value: modelS3.ObjectKey, path: `${mp}.objectKey`, min: 1, max: 1024, pattern: KEY_PATTERN });
  check.done();

  const problems = csvProblems(csv).map((p) => `DataSourceConfiguration.CsvConfiguration: ${p}`);
  if (!modelConfig || (inline === undefined) === (modelS3 === undefined)) problems.push('DataModelConfiguration must give exactly one of DataModel and DataModelS3Configuration');
  if (modelS3 && (!modelBucket || !modelKey)) problems.push('DataModelConfiguration.DataModelS3Configuration needs BucketName and ObjectKey');
  if (encryption === 'SSE_KMS' && !kmsKeyId) problems.push('ReportConfiguration.ReportS3Configuration.KmsKeyId is required when EncryptionOption is SSE_KMS');
  if (!r) problems.push('ReportConfiguration.ReportS3Configuration is required: the report of a batch load is written to S3');
  if (problems.length > 0) throw new ValidationException(`Invalid CreateBatchLoadTask request: ${problems.join('; ')}.`);

  const request: BatchLoadRequest = {
    TargetDatabaseName: database as string,
    TargetTableName: table as string,
    DataSourceConfiguration: {
      DataSourceS3Configuration: { BucketName: sourceBucket as string, ...(sourcePrefix !== undefined ? { ObjectKeyPrefix: sourcePrefix } : {}) },
      ...(csv ? { CsvConfiguration: csv } : {}),
      DataFormat: format,
    },
    ReportConfiguration: {
      ReportS3Configuration: {
        BucketName: reportBucket as string,
        ...(reportPrefix !== undefined ? { ObjectKeyPrefix: reportPrefix } : {}),
        ...(encryption !== undefined ? { EncryptionOption: encryption } : {}),
        ...(kmsKeyId !== undefined ? { KmsKeyId: kmsKeyId } : {}),
      },
    },
    DataModelConfiguration: inline ? { DataModel: inline } : { DataModelS3Configuration: { BucketName: modelBucket, ObjectKey: modelKey } },
    ...(recordVersion !== undefined ? { RecordVersion: recordVersion } : {}),
  };
  return { request, ...(inline ? { dataModel: inline } : { dataModelS3: { bucket: modelBucket as string, key: modelKey as string } }), ...(clientToken !== undefined ? { clientToken } : {}) };
}
