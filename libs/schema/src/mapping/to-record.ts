import type { _Record, Dimension, MeasureValue } from '@aws-sdk/client-timestream-write';
import { RecordMappingError } from '../errors';
import { DIMENSION_NAMES } from '../settings/dimensions';
import type { SensorReading } from '../sensor-reading';
import { resolveMapping, type RecordMappingOptions } from './record-options';

/** The record version every reading is written with: a redelivered reading is an identical re-write. */
export const RECORD_VERSION = 1;

export function readingDimensions(reading: SensorReading): Dimension[] {
  const values: Record<(typeof DIMENSION_NAMES)[number], string> = { device_id: reading.deviceId, location: reading.location };
  return DIMENSION_NAMES.map((name) => ({ Name: name, Value: values[name], DimensionValueType: 'VARCHAR' }));
}

/** The measure values of a reading, in catalogue order, each typed from the catalogue. */
export function readingMeasureValues(reading: SensorReading, options: RecordMappingOptions): MeasureValue[] {
  const { catalogue } = resolveMapping(options);
  const unknown = Object.keys(reading.measures).filter((name) => !Object.hasOwn(catalogue, name));
  if (unknown.length > 0) throw new RecordMappingError(`measure ${unknown.join(', ')} is not in the catalogue`);
  return Object.values(catalogue)
    .filter((def) => Object.hasOwn(reading.measures, def.name))
    .map((def) => ({ Name: def.name, Value: String(reading.measures[def.name]), Type: def.valueType }));
}

/** One MULTI record for a reading: dimensions device_id and location, time in milliseconds, version 1. */
export function toRecord(reading: SensorReading, options: RecordMappingOptions): _Record {
  const { measureName } = resolveMapping(options);
  return {
    Dimensions: readingDimensions(reading),
    MeasureName: measureName,
    MeasureValueType: 'MULTI',
    MeasureValues: readingMeasureValues(reading, options),
    Time: String(reading.time),
    TimeUnit: 'MILLISECONDS',
    Version: RECORD_VERSION,
  };
}
