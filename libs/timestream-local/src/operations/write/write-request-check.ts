import type { WriteRecordsRequest } from '@aws-sdk/client-timestream-write';
import { InputChecker, RESOURCE_NAME } from '../shared/validate';
import { LIMITS } from './record-normalizer';

const VALUE_TYPES = ['DOUBLE', 'BIGINT', 'VARCHAR', 'BOOLEAN', 'TIMESTAMP', 'MULTI'] as const;
const TIME_UNITS = ['MILLISECONDS', 'SECONDS', 'MICROSECONDS', 'NANOSECONDS'] as const;

/** Model constraints of a WriteRecords request (types, enums, lengths); violations fail the whole call. */
export function checkWriteRequest(input: unknown): WriteRecordsRequest {
  const check = InputChecker.of(input);
  const request = input as Record<string, unknown>;
  check.string('DatabaseName', { required: true, ...RESOURCE_NAME });
  check.string('TableName', { required: true, ...RESOURCE_NAME });
  const common = check.object('CommonAttributes');
  if (common) checkRecord(check, common, 'commonAttributes');
  const records = check.list('Records', { required: true, min: 1, max: LIMITS.recordsPerWrite });
  records?.forEach((r, i) => {
    const path = `records.${i + 1}.member`;
    const record = check.object('Record', { value: r, path, required: true });
    if (record) checkRecord(check, record, path);
  });
  check.done();
  return request as unknown as WriteRecordsRequest;
}

function checkRecord(check: InputChecker, record: Record<string, unknown>, path: string): void {
  const dims = check.list('Dimensions', { value: record.Dimensions, path: `${path}.dimensions`, max: LIMITS.dimensionsPerRecord });
  dims?.forEach((d, i) => {
    const p = `${path}.dimensions.${i + 1}.member`;
    const dim = check.object('Dimension', { value: d, path: p, required: true });
    if (!dim) return;
    check.string('Name', { value: dim.Name, path: `${p}.name`, required: true, min: 1 });
    check.string('Value', { value: dim.Value, path: `${p}.value`, required: true });
    check.enumValue('DimensionValueType', ['VARCHAR'] as const, { value: dim.DimensionValueType, path: `${p}.dimensionValueType` });
  });
  check.string('MeasureName', { value: record.MeasureName, path: `${path}.measureName`, min: 1 });
  check.string('MeasureValue', { value: record.MeasureValue, path: `${path}.measureValue`, min: 1, max: 2048 });
  check.enumValue('MeasureValueType', VALUE_TYPES, { value: record.MeasureValueType, path: `${path}.measureValueType` });
  check.string('Time', { value: record.Time, path: `${path}.time`, min: 1, max: 256 });
  check.enumValue('TimeUnit', TIME_UNITS, { value: record.TimeUnit, path: `${path}.timeUnit` });
  check.integer('Version', { value: record.Version, path: `${path}.version` });
  const values = check.list('MeasureValues', { value: record.MeasureValues, path: `${path}.measureValues` });
  values?.forEach((v, i) => {
    const p = `${path}.measureValues.${i + 1}.member`;
    const mv = check.object('MeasureValue', { value: v, path: p, required: true });
    if (!mv) return;
    check.string('Name', { value: mv.Name, path: `${p}.name`, required: true, min: 1 });
    check.string('Value', { value: mv.Value, path: `${p}.value`, required: true, min: 1, max: 2048 });
    check.enumValue('Type', VALUE_TYPES, { value: mv.Type, path: `${p}.type`, required: true });
  });
}
