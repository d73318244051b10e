import { DEFAULT_CATALOGUE, type MeasureCatalogue } from '../measures';
import { timestreamSettings } from '../settings/timestream';

export interface RecordMappingOptions {
  databaseName: string;
  tableName: string;
  /** The multi-measure record's MeasureName (default `timestreamSettings.multiMeasureName`). */
  measureName?: string;
  catalogue?: MeasureCatalogue;
}

export function resolveMapping(options: RecordMappingOptions): { measureName: string; catalogue: MeasureCatalogue } {
  return {
    measureName: options.measureName ?? timestreamSettings.multiMeasureName,
    catalogue: options.catalogue ?? DEFAULT_CATALOGUE,
  };
}
