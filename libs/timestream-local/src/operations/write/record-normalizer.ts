import type { _Record, Dimension, MeasureValue } from '@aws-sdk/client-timestream-write';
import type { ScalarType } from '../../storage/catalog-types';
import type { NormalizedRecord } from '../../storage/resource-types';
import { canonicalValue, toNanoseconds, type TimeUnit } from './record-values';
import { reasons } from './reasons';

export const LIMITS = {
  recordsPerWrite: 100,
  recordBytes: 2048,
  dimensionNameBytes: 60,
  dimensionValueBytes: 2048,
  measureNameBytes: 256,
  measureValuesPerRecord: 256,
  dimensionsPerRecord: 128,
};

const RESERVED_EXACT = new Set(['time', 'measure_name', 'measure_value']);
const isReserved = (name: string): boolean => {
  const lower = name.toLowerCase();
  return RESERVED_EXACT.has(lower) || lower.startsWith('ts_') || lower.startsWith('measure_value');
};

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

export type Normalized = { ok: true; record: NormalizedRecord } | { ok: false; reason: string };

const fail = (reason: string): Normalized => ({ ok: false, reason });

/** Validates and adds dimensions (names unique across CommonAttributes and the record); returns a reason or undefined. */
function addDimensions(list: Dimension[] | undefined, out: Array<{ name: string; value: string }>, sizeRef: { size: number }): string | undefined {
  if (!list) return undefined;
  for (const d of list) {
    const name = d.Name as string;
    const value = d.Value as string;
    if (name.length === 0) return reasons.emptyDimensionName();
    for (const seen of out) if (seen.name === name) return reasons.duplicateDimension(name);
    const nameBytes = bytes(name);
    if (nameBytes > LIMITS.dimensionNameBytes) return reasons.dimensionNameTooLong(name, LIMITS.dimensionNameBytes);
    if (isReserved(name)) return reasons.reservedDimension(name);
    if (value.length === 0) return reasons.emptyDimensionValue(name);
    const valueBytes = bytes(value);
    if (valueBytes > LIMITS.dimensionValueBytes) return reasons.dimensionValueTooLong(name, LIMITS.dimensionValueBytes);
    sizeRef.size += nameBytes + valueBytes;
    out.push({ name, value });
  }
  return undefined;
}

/** Merges CommonAttributes into a record (record members win; dimensions are combined) and validates it. */
export function normalizeRecord(index: number, common: _Record | undefined, record: _Record): Normalized {
  const type = record.MeasureValueType ?? common?.MeasureValueType ?? 'DOUBLE';
  const unit = (record.TimeUnit ?? common?.TimeUnit ?? 'MILLISECONDS') as TimeUnit;
  const version = record.Version ?? common?.Version ?? 1;
  const measureName = record.MeasureName ?? common?.MeasureName;
  const time = record.Time ?? common?.Time;

  const dimensions: Array<{ name: string; value: string }> = [];
  const sizeRef = { size: 8 };
  const dimensionProblem = addDimensions(common?.Dimensions, dimensions, sizeRef) ?? addDimensions(record.Dimensions, dimensions, sizeRef);
  if (dimensionProblem) return fail(dimensionProblem);
  let size = sizeRef.size;

  if (measureName === undefined || measureName.length === 0) return fail(reasons.missingMeasureName());
  const measureNameBytes = bytes(measureName);
  if (measureNameBytes > LIMITS.measureNameBytes) return fail(reasons.measureNameTooLong(LIMITS.measureNameBytes));
  size += measureNameBytes;

  if (version === null || !Number.isInteger(version) || version < 1) return fail(reasons.invalidVersion());
  if (time === undefined || time === null || time.length === 0) return fail(reasons.missingTime());
  const timeNs = toNanoseconds(time, unit);
  if (timeNs === undefined) return fail(reasons.invalidTime());

  const values: Array<{ name: string; type: ScalarType; value: string }> = [];
  const measureValue = record.MeasureValue ?? common?.MeasureValue;
  const measureValues = record.MeasureValues ?? common?.MeasureValues;
  if (type === 'MULTI') {
    if (measureValue !== undefined) return fail(reasons.measureValueWithMulti());
    if (!measureValues || measureValues.length === 0) return fail(reasons.missingMeasureValues());
    if (measureValues.length > LIMITS.measureValuesPerRecord) return fail(reasons.tooManyMeasureValues(LIMITS.measureValuesPerRecord));
    for (const mv of measureValues as MeasureValue[]) {
      const name = mv.Name as string;
      for (const seen of values) if (seen.name === name) return fail(reasons.duplicateMeasureValue(name));
      if (isReserved(name)) return fail(reasons.reservedMeasure(name));
      const nameBytes = bytes(name);
      if (nameBytes > LIMITS.measureNameBytes) return fail(reasons.measureNameTooLong(LIMITS.measureNameBytes));
      if (mv.Type === 'MULTI') return fail(reasons.multiInsideMulti(name));
      const valueType = mv.Type as ScalarType;
      const value = canonicalValue(mv.Value as string, valueType, unit);
      if (value === undefined) return fail(reasons.invalidValue(name, mv.Value as string, valueType));
      size += nameBytes + bytes(mv.Value as string);
      values.push({ name, type: valueType, value });
    }
  } else {
    if (measureValues !== undefined && measureValues.length > 0) return fail(reasons.measureValuesWithoutMulti(type));
    if (type === 'TIMESTAMP') return fail(reasons.timestampNotMulti());
    if (measureValue === undefined) return fail(reasons.missingMeasureValue(type));
    const value = canonicalValue(measureValue, type, unit);
    if (value === undefined) return fail(reasons.invalidValue(measureName, measureValue, type));
    size += bytes(measureValue);
    values.push({ name: measureName, type, value });
  }
  if (size > LIMITS.recordBytes) return fail(reasons.recordTooLarge(size, LIMITS.recordBytes));
  return {
    ok: true,
    record: { index, dimensions, measureName, kind: type, values, timeNs, timeMs: Number(timeNs / 1_000_000n), version },
  };
}
