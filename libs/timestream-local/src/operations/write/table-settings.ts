import type { S3Location, TableSettings } from '../../storage/resource-types';
import type { InputChecker } from '../shared/validate';

export const DEFAULT_MEMORY_RETENTION_HOURS = 6;
export const DEFAULT_MAGNETIC_RETENTION_DAYS = 73000;

const BUCKET = /^[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9]$/;
const PREFIX = /^[a-zA-Z0-9|!\-_*'()]([a-zA-Z0-9]|[!\-_*'()/.])+$/;

/** Reads RetentionProperties, MagneticStoreWriteProperties and Schema over the current (or default) settings. */
export function readTableSettings(check: InputChecker, input: Record<string, unknown>, current?: TableSettings): TableSettings {
  const settings: TableSettings = current
    ? structuredClone(current)
    : { memoryStoreRetentionHours: DEFAULT_MEMORY_RETENTION_HOURS, magneticStoreRetentionDays: DEFAULT_MAGNETIC_RETENTION_DAYS, enableMagneticStoreWrites: false };
  const retention = check.object('RetentionProperties', { value: input.RetentionProperties });
  if (retention) {
    const hours = check.integer('MemoryStoreRetentionPeriodInHours', { value: retention.MemoryStoreRetentionPeriodInHours, path: 'retentionProperties.memoryStoreRetentionPeriodInHours', required: true, min: 1, max: 8766 });
    const days = check.integer('MagneticStoreRetentionPeriodInDays', { value: retention.MagneticStoreRetentionPeriodInDays, path: 'retentionProperties.magneticStoreRetentionPeriodInDays', required: true, min: 1, max: 73000 });
    if (hours !== undefined) settings.memoryStoreRetentionHours = hours;
    if (days !== undefined) settings.magneticStoreRetentionDays = days;
  }
  const magnetic = check.object('MagneticStoreWriteProperties', { value: input.MagneticStoreWriteProperties });
  if (magnetic) {
    const base = 'magneticStoreWriteProperties';
    const enabled = check.boolean('EnableMagneticStoreWrites', { value: magnetic.EnableMagneticStoreWrites, path: `${base}.enableMagneticStoreWrites`, required: true });
    if (enabled !== undefined) settings.enableMagneticStoreWrites = enabled;
    const location = check.object('MagneticStoreRejectedDataLocation', { value: magnetic.MagneticStoreRejectedDataLocation, path: `${base}.magneticStoreRejectedDataLocation` });
    settings.rejectedDataLocation = undefined;
    const s3 = location && check.object('S3Configuration', { value: location.S3Configuration, path: `${base}.magneticStoreRejectedDataLocation.s3Configuration` });
    if (s3) {
      const p = `${base}.magneticStoreRejectedDataLocation.s3Configuration`;
      const out: S3Location = {};
      const bucket = check.string('BucketName', { value: s3.BucketName, path: `${p}.bucketName`, min: 3, max: 63, pattern: BUCKET });
      const prefix = check.string('ObjectKeyPrefix', { value: s3.ObjectKeyPrefix, path: `${p}.objectKeyPrefix`, min: 1, max: 928, pattern: PREFIX });
      const encryption = check.enumValue('EncryptionOption', ['SSE_S3', 'SSE_KMS'] as const, { value: s3.EncryptionOption, path: `${p}.encryptionOption` });
      const kms = check.string('KmsKeyId', { value: s3.KmsKeyId, path: `${p}.kmsKeyId`, min: 1, max: 2048 });
      if (bucket !== undefined) out.BucketName = bucket;
      if (prefix !== undefined) out.ObjectKeyPrefix = prefix;
      if (encryption !== undefined) out.EncryptionOption = encryption;
      if (kms !== undefined) out.KmsKeyId = kms;
      settings.rejectedDataLocation = out;
    }
  }
  const schema = check.object('Schema', { value: input.Schema });
  if (schema) {
    const keys = check.list('CompositePartitionKey', { value: schema.CompositePartitionKey, path: 'schema.compositePartitionKey', min: 1 });
    if (keys) {
      settings.compositePartitionKey = keys.map((k, i) => {
        const p = `schema.compositePartitionKey.${i + 1}.member`;
        const key = check.object('PartitionKey', { value: k, path: p, required: true }) ?? {};
        const type = check.enumValue('Type', ['DIMENSION', 'MEASURE'] as const, { value: key.Type, path: `${p}.type`, required: true }) ?? 'MEASURE';
        const name = check.string('Name', { value: key.Name, path: `${p}.name`, min: 1 });
        const enforcement = check.enumValue('EnforcementInRecord', ['REQUIRED', 'OPTIONAL'] as const, { value: key.EnforcementInRecord, path: `${p}.enforcementInRecord` });
        return { Type: type, ...(name !== undefined ? { Name: name } : {}), ...(enforcement !== undefined ? { EnforcementInRecord: enforcement } : {}) };
      });
    }
  }
  return settings;
}
