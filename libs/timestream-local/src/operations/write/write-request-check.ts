import type { WriteRecordsRequest } from '@aws-sdk/client-timestream-write';
import { InputChecker, RESOURCE_NAME } from '../shared/validate';
import { LIMITS } from './record-normalizer';

const VALUE_TYPES = ['DOUBLE', 'BIGINT', 'VARCHAR', 'BOOLEAN', 'TIMESTAMP', 'MULTI'] as const;
const TIME_UNITS = ['MILLISECONDS', 'SECONDS', 'MICROSECONDS', 'NANOSECONDS'] as const;

const VALUE_TYPE_SET = new Set<unknown>(VALUE_TYPES);
const TIME_UNIT_SET = new Set<unknown>(TIME_UNITS);
const isStr = (v: unknown, min: number, max: number): boolean => typeof v === 'string' && v.length >= min && v.length <= max;
const optStr = (v: unknown, min: number, max: number): boolean => v === undefined || v === null || isStr(v, min, max);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fast path: true when every member is well-formed (the common case); the slow path then names what is not. */
function wellFormedRecord(r: unknown): boolean {
  if (!isObj(r)) return false;
  const dims = r.Dimensions;
  if (dims !== undefined && dims !== null) {
    if (!Array.isArray(dims) || dims.length > LIMITS.dimensionsPerRecord) return false;
    for (const d of dims) {
      if (!isObj(d) || !isStr(d.Name, 1, Infinity) || typeof d.Value !== 'string') return false;
      if (d.DimensionValueType !== undefined && d.DimensionValueType !== null && d.DimensionValueType !== 'VARCHAR') return false;
    }
  }
  if (!optStr(r.MeasureName, 1, Infinity) || !optStr(r.MeasureValue, 1, 2048) || !optStr(r.Time, 1, 256)) return false;
  if (r.MeasureValueType !== undefined && r.MeasureValueType !== null && !VALUE_TYPE_SET.has(r.MeasureValueType)) return false;
  if (r.TimeUnit !== undefined && r.TimeUnit !== null && !TIME_UNIT_SET.has(r.TimeUnit)) return false;
  if (r.Version !== undefined && r.Version !== null && !Number.isInteger(r.Version)) return false;
  const values = r.MeasureValues;
  if (values !== undefined && values !== null) {
    if (!Array.isArray(values)) return false;
    for (const v of values) if (!isObj(v) || !isStr(v.Name, 1, Infinity) || !isStr(v.Value, 1, 2048) || !VALUE_TYPE_SET.has(v.Type)) return false;
  }
  return true;
}

function wellFormed(input: unknown, maxRecords: number): boolean {
  if (!isObj(input) || !isStr(input.DatabaseName, 1, Infinity) || !isStr(input.TableName, 1, Infinity)) return false;
  if (input.CommonAttributes !== undefined && input.CommonAttributes !== null && !wellFormedRecord(input.CommonAttributes)) return false;
  const records = input.Records;
  if (!Array.isArray(records) || records.length < 1 || records.length > maxRecords) return false;
  for (const r of records) if (!wellFormedRecord(r)) return false;
  return true;
}

/**
 * Model constraints of a WriteRecords request (types, enums, lengths); violations fail the whole call. `maxRecords`
 * is the API's 100 records per call unless an internal writer (batch load) asks for larger batches.
 */
export function checkWriteRequest(input: unknown, maxRecords: number = LIMITS.recordsPerWrite): WriteRecordsRequest {
  if (wellFormed(input, maxRecords)) return input as WriteRecordsRequest;
  const check = InputChecker.of(input);
  const request = input as Record<string, unknown>;
  check.string('DatabaseName', { required: true, ...RESOURCE_NAME });
  check.string('TableName', { required: true, ...RESOURCE_NAME });
  const common = check.object('CommonAttributes');
  if (common) checkRecord(check, common, 'commonAttributes');
  const records = check.list('Records', { required: true, min: 1, max: maxRecords });
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
