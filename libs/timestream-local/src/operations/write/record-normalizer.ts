import type { _Record, Dimension, MeasureValue } from '@aws-sdk/client-timestream-write';
import type { ScalarType } from '../../storage/catalog-types';
import type { MeasureValueEntry } from '../../storage/resource-types';
import type { RecordToStore } from '../../storage/write-types';
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
/** time, measure_name, measure_value*, ts_* in any case (only names starting with t or m are lower-cased) */
export const isReserved = (name: string): boolean => {
  const first = name.charCodeAt(0) | 0x20;
  if (first !== 0x74 && first !== 0x6d) return false;
  const lower = name.toLowerCase();
  return RESERVED_EXACT.has(lower) || lower.startsWith('ts_') || lower.startsWith('measure_value');
};

/** UTF-8 length; ASCII text (the usual case) is counted without leaving JavaScript. */
export function bytes(s: string): number {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return Buffer.byteLength(s, 'utf8');
  return s.length;
}

/** A record ready to store (in the memory store until the caller places it), or the reason it is refused. */
export type Normalized = RecordToStore | string;

type DimensionEntry = { name: string; value: string };

/** running byte size of the record being normalized (module state: normalizing is synchronous) */
let recordSize = 0;

/**
 * Validates dimensions into `out` from position `at` (names unique across CommonAttributes and the record);
 * returns a reason or undefined.
 */
function addDimensions(list: Dimension[] | undefined, out: DimensionEntry[], at: number): string | undefined {
  if (!list) return undefined;
  for (let k = 0; k < list.length; k++) {
    const name = list[k].Name as string;
    const value = list[k].Value as string;
    if (name.length === 0) return reasons.emptyDimensionName();
    for (let j = 0; j < at + k; j++) if (out[j].name === name) return reasons.duplicateDimension(name);
    const nameBytes = bytes(name);
    if (nameBytes > LIMITS.dimensionNameBytes) return reasons.dimensionNameTooLong(name, LIMITS.dimensionNameBytes);
    if (isReserved(name)) return reasons.reservedDimension(name);
    if (value.length === 0) return reasons.emptyDimensionValue(name);
    const valueBytes = bytes(value);
    if (valueBytes > LIMITS.dimensionValueBytes) return reasons.dimensionValueTooLong(name, LIMITS.dimensionValueBytes);
    recordSize += nameBytes + valueBytes;
    out[at + k] = { name, value };
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

  // arrays of their final length (a pushed-to empty array would reserve 16 slots)
  const commonCount = common?.Dimensions?.length ?? 0;
  const dimensions: DimensionEntry[] = new Array(commonCount + (record.Dimensions?.length ?? 0));
  recordSize = 8;
  const dimensionProblem = addDimensions(common?.Dimensions, dimensions, 0) ?? addDimensions(record.Dimensions, dimensions, commonCount);
  if (dimensionProblem) return dimensionProblem;
  let size = recordSize;

  if (measureName === undefined || measureName.length === 0) return reasons.missingMeasureName();
  const measureNameBytes = bytes(measureName);
  if (measureNameBytes > LIMITS.measureNameBytes) return reasons.measureNameTooLong(LIMITS.measureNameBytes);
  size += measureNameBytes;

  if (version === null || !Number.isInteger(version) || version < 1) return reasons.invalidVersion();
  if (time === undefined || time === null || time.length === 0) return reasons.missingTime();
  const timeNs = toNanoseconds(time, unit);
  if (timeNs === undefined) return reasons.invalidTime();

  let values: MeasureValueEntry[];
  const measureValue = record.MeasureValue ?? common?.MeasureValue;
  const measureValues = record.MeasureValues ?? common?.MeasureValues;
  if (type === 'MULTI') {
    if (measureValue !== undefined) return reasons.measureValueWithMulti();
    if (!measureValues || measureValues.length === 0) return reasons.missingMeasureValues();
    if (measureValues.length > LIMITS.measureValuesPerRecord) return reasons.tooManyMeasureValues(LIMITS.measureValuesPerRecord);
    values = new Array(measureValues.length);
    for (let k = 0; k < measureValues.length; k++) {
      const mv = measureValues[k] as MeasureValue;
      const name = mv.Name as string;
      for (let j = 0; j < k; j++) if (values[j].name === name) return reasons.duplicateMeasureValue(name);
      if (isReserved(name)) return reasons.reservedMeasure(name);
      const nameBytes = bytes(name);
      if (nameBytes > LIMITS.measureNameBytes) return reasons.measureNameTooLong(LIMITS.measureNameBytes);
      if (mv.Type === 'MULTI') return reasons.multiInsideMulti(name);
      const valueType = mv.Type as ScalarType;
      const value = canonicalValue(mv.Value as string, valueType, unit);
      if (value === undefined) return reasons.invalidValue(name, mv.Value as string, valueType);
      size += nameBytes + bytes(mv.Value as string);
      values[k] = { name, type: valueType, value };
    }
  } else {
    if (measureValues !== undefined && measureValues.length > 0) return reasons.measureValuesWithoutMulti(type);
    if (type === 'TIMESTAMP') return reasons.timestampNotMulti();
    if (measureValue === undefined) return reasons.missingMeasureValue(type);
    const value = canonicalValue(measureValue, type, unit);
    if (value === undefined) return reasons.invalidValue(measureName, measureValue, type);
    size += bytes(measureValue);
    values = [{ name: measureName, type, value }];
  }
  if (size > LIMITS.recordBytes) return reasons.recordTooLarge(size, LIMITS.recordBytes);
  // whole milliseconds without BigInt arithmetic for the usual units (values below 2^53 convert exactly)
  const wholeMs = unit === 'MILLISECONDS' || unit === 'SECONDS';
  const timeMs = wholeMs ? Number(time) * (unit === 'SECONDS' ? 1000 : 1) : Number(timeNs / 1_000_000n);
  const nsOfMs = wholeMs ? 0 : Number(timeNs % 1_000_000n);
  return { index, dimensions, measureName, kind: type, values, timeNs, timeMs, nsOfMs, version, store: 'MEMORY' };
}
